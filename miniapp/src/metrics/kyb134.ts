import { REFERRAL_CLASSES, type ActivityView, type AssetsView, type KashDimensionCode, type KashView, type McipView, type PeriodForecastView } from '@kejing/shared'
import { REFERRAL_NAMES_ZH, needName } from '../format'
import { componentName, formatFenShort, formatPct, kashName, KASH_ORDER, percentileText, shortDay } from './labels'

export interface Tile {
  label: string
  value: string
  hint?: string
}

/** Radar chart data: the four KASH scores in a fixed order. */
export function kashRadarData(kash: KashView): { dimension: string; score: number }[] {
  return KASH_ORDER.map((d) => ({ dimension: kashName(d), score: clamp(kash.scores[d] ?? 0) }))
}

export interface KashRow {
  dimension: KashDimensionCode
  name: string
  score: number
  teamText: string
  companyText: string
  weakest: boolean
  parts: { name: string; pct: number }[]
}

/** One row per KASH index with its percentiles and parts; the weakest (MCIP focus) is marked. */
export function kashRows(kash: KashView, focus: KashDimensionCode | null): KashRow[] {
  return KASH_ORDER.map((d) => {
    const idx = kash.indices.find((i) => i.dimension === d)
    return {
      dimension: d,
      name: idx?.nameZh || kashName(d),
      score: Math.round(clamp(kash.scores[d] ?? idx?.score ?? 0)),
      teamText: idx ? percentileText('团队', idx.teamPercentile) : '',
      companyText: idx ? percentileText('公司', idx.companyPercentile) : '',
      weakest: d === focus,
      parts: (idx?.components ?? []).map((c) => ({ name: componentName(c.key), pct: Math.round(100 * clamp01(c.value)) })),
    }
  })
}

/** The activity headline: active days, streak, shares, touchpoints, follow-ups. */
export function activityTiles(a: ActivityView): Tile[] {
  const t = a.totals
  return [
    { label: '活跃天数', value: `${a.activeDays}/${a.windowDays}`, hint: `连续 ${a.currentStreak} 天` },
    { label: '分享次数', value: String(t.shares), hint: `${t.shareDays} 天有分享` },
    { label: '带来客户互动', value: String(t.touchpointsProduced) },
    {
      label: '跟进完成',
      value: `${t.tasksDone}/${t.tasksDue}`,
      hint: t.tasksDue > 0 ? `按时 ${formatPct((100 * t.tasksDoneOnTime) / t.tasksDue)}` : '暂无到期跟进',
    },
  ]
}

/** Daily shares and touchpoints of the last `days` days, long format for a grouped bar chart. */
export function activityChartData(a: ActivityView, days = 14): { day: string; kind: string; value: number }[] {
  return a.daily.slice(-days).flatMap((d) => [
    { day: shortDay(d.day), kind: '分享', value: d.shares },
    { day: shortDay(d.day), kind: '客户互动', value: d.touchpointsProduced },
  ])
}

/** The three assets (KYB134 "3") as headline tiles. */
export function assetTiles(a: AssetsView): Tile[] {
  const cv = a.customerValue
  const pf = a.premiumForecast
  const sd = a.sustainableDevelopment
  return [
    { label: '客户价值', value: String(Math.round(cv.valuePoints)), hint: `${cv.contacts} 位客户 · 人均 ${round1(cv.valuePerContact)}` },
    {
      label: '保费预测',
      value: formatFenShort(pf.forecastFen),
      hint: `${pf.openContacts} 位跟进中 · ${pf.probabilitySource === 'model' ? '成交指数模型' : '按阶段估算'}`,
    },
    { label: '影响力中心', value: String(sd.centresOfInfluence), hint: `推荐者占比 ${formatPct(sd.promoterPct)}` },
  ]
}

/** Referral classes (推荐指数) as bars, most negative first. */
export function referralBars(referral: AssetsView['sustainableDevelopment']['referral']): { name: string; count: number }[] {
  return REFERRAL_CLASSES.map((c) => ({ name: REFERRAL_NAMES_ZH[c], count: referral[c] ?? 0 }))
}

export interface McipCard {
  title: string
  score: number
  why: string
  actions: string[]
  weakNeeds: string[]
  study: { itemId: string; title: string; need: string }[]
}

/** MCIP (个人能力提升计划): the focus index, why, what to do and what to study. */
export function mcipCard(m: McipView): McipCard {
  return {
    title: `本期提升重点：${m.focusNameZh || kashName(m.focus)}`,
    score: Math.round(m.focusScore),
    why: m.whyZh,
    actions: m.actionsZh,
    weakNeeds: m.weakNeedFamilies.map((n) => needName(n)),
    study: m.contentToStudy.map((c) => ({ itemId: c.itemId, title: c.title, need: needName(c.needFamily) })),
  }
}

function clamp(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : 0
}
function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(1, n)) : 0
}
function round1(n: number): number {
  return Math.round(n * 10) / 10
}

/** 本周 / 本月 / 本季度: expected premium beside what was signed so far. */
export function periodForecastTiles(v: PeriodForecastView): Tile[] {
  return v.periods.map((p) => ({
    label: `${p.nameZh}预计`,
    value: formatFenShort(p.expectedFen),
    hint: `已签 ${formatFenShort(p.actualFen)} · ${p.actualPolicies} 单`,
  }))
}

/** Where the forecast's chances came from, in words an agent reads without the method's names. */
export function forecastSourceText(v: PeriodForecastView): string {
  return v.probabilitySource === 'model'
    ? `成交可能性由公司过往成交客户学习得出，按 ${v.openContacts} 位跟进中客户估算`
    : `成交可能性按客户所处的销售阶段估算，按 ${v.openContacts} 位跟进中客户估算`
}
