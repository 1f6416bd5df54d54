import type { DealIndexView } from '@kejing/shared'

export interface DealIndexCard {
  /** "37%" */
  probability: string
  /** 0..100 for the bar. */
  probabilityPct: number
  /** "按阶段估算" under the prior (the screen must say so), "模型 v3" or "已成交" / "未成交". */
  sourceLabel: string
  isPrior: boolean
  note: string
  evaluation: string | null
  contributions: { label: string; value: string; direction: 'up' | 'down'; widthPct: number; points: string }[]
  nextActions: { action: string; gain: string; after: string }[]
}

const pct = (p: number) => `${Math.round(100 * Math.max(0, Math.min(1, p)))}%`

function sourceLabel(v: DealIndexView): string {
  if (v.source === 'settled') return v.outcome === 'won' ? '已成交' : v.outcome === 'lost' ? '未成交' : '已结束'
  if (v.source === 'stage_prior' || v.isPrior) return '按阶段估算'
  return v.modelVersion ? `成交模型 ${v.modelVersion}` : '成交模型'
}

function featureValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return ''
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100)
}

/** The deal index (成交指数) of one contact as the detail page shows it. */
export function dealIndexCard(v: DealIndexView, maxContributions = 5, maxActions = 3): DealIndexCard {
  const top = [...v.contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, maxContributions)
  const maxAbs = Math.max(0, ...top.map((c) => Math.abs(c.contribution)))
  return {
    probability: pct(v.probability),
    probabilityPct: Math.round(100 * Math.max(0, Math.min(1, v.probability))),
    sourceLabel: sourceLabel(v),
    isPrior: v.isPrior || v.source === 'stage_prior',
    note: v.noteZh,
    evaluation:
      v.evaluation && v.evaluation.auc !== null
        ? `模型检验：AUC ${v.evaluation.auc.toFixed(2)}，留出 ${v.evaluation.heldOut} 位已结束客户`
        : v.evaluation
          ? `留出 ${v.evaluation.heldOut} 位已结束客户检验`
          : null,
    contributions: top.map((c) => ({
      label: c.labelZh,
      value: featureValue(c.value),
      direction: c.contribution >= 0 ? 'up' : 'down',
      widthPct: maxAbs > 0 ? Math.max(4, Math.round((100 * Math.abs(c.contribution)) / maxAbs)) : 0,
      points: `${c.contribution >= 0 ? '+' : ''}${Math.round(c.contribution * 100) / 100}`,
    })),
    nextActions: [...v.nextActions]
      .sort((a, b) => b.gain - a.gain)
      .slice(0, maxActions)
      .map((a) => ({ action: a.actionZh, gain: `+${Math.round(a.gain * 1000) / 10}个百分点`, after: pct(a.probabilityAfter) })),
  }
}
