import { STAGES, STAGE_NAMES_ZH, type FromStageKey, type FunnelTrendPointView, type FunnelView, type Stage, type StageKey } from '@kejing/shared'
import { formatCountChange, formatDays, formatPct, formatPointsChange, shortDay } from './labels'

export interface FunnelStageRow {
  stage: Stage
  name: string
  /** Contacts now in this stage. */
  count: number
  /** Contacts that reached this stage or beyond. */
  reached: number
  /** Change of `count` against last week ("+2", "持平", "" when unknown). */
  countChange: string
  /** Conversion to the next stage ("62%", "—"; "" for the last stage). */
  conversion: string
  conversionChange: string
  medianDays: string
}

export interface FunnelSummary {
  contacts: number
  contactsChange: string
  won: number
  lost: number
  closeRate: string
  closeRateChange: string
  comparedWith: string | null
}

const key = (s: Stage) => String(s) as StageKey

/** One row per stage, 1..8, with conversion to the next stage and the change against last week. */
export function funnelRows(f: FunnelView): FunnelStageRow[] {
  const prev = f.changeVsLastWeek
  return STAGES.map((stage) => {
    const k = key(stage)
    const from = (stage < 8 ? k : null) as FromStageKey | null
    return {
      stage,
      name: STAGE_NAMES_ZH[stage],
      count: f.stageCounts[k] ?? 0,
      reached: f.reached[k] ?? 0,
      countChange: prev ? formatCountChange(prev.stageCounts[k]) : '',
      conversion: from ? formatPct(f.conversionPct[from]) : '',
      conversionChange: from && prev ? formatPointsChange(prev.conversionPct[from]) : '',
      medianDays: formatDays(f.medianDaysInStage[k]),
    }
  })
}

export function funnelSummary(f: FunnelView): FunnelSummary {
  const prev = f.changeVsLastWeek
  return {
    contacts: f.contacts,
    contactsChange: prev ? formatCountChange(prev.contacts) : '',
    won: f.won,
    lost: f.lost,
    closeRate: formatPct(f.closeRatePct, 1),
    closeRateChange: prev ? formatPointsChange(prev.closeRatePct) : '',
    comparedWith: prev ? prev.fromDay : null,
  }
}

/** Funnel chart data: how many reached each stage (monotone, so the shape narrows). */
export function funnelChartData(f: FunnelView): { stage: string; value: number }[] {
  return STAGES.map((s) => ({ stage: STAGE_NAMES_ZH[s], value: f.reached[key(s)] ?? 0 }))
}

export interface TrendPoint {
  day: string
  series: string
  value: number
}

/**
 * The daily trend as long-format points for a line chart: contacts in the funnel and those at
 * stage 4 (开启保险话题) or beyond. Days without a figure are left out, not drawn as zero.
 */
export function funnelTrendData(trend: FunnelTrendPointView[]): TrendPoint[] {
  const out: TrendPoint[] = []
  for (const p of trend) {
    const day = shortDay(p.day)
    out.push({ day, series: '名单总数', value: p.contacts })
    const deep = STAGES.filter((s) => s >= 4).reduce((sum, s) => sum + (p.stageCounts[key(s)] ?? 0), 0)
    out.push({ day, series: '已开启保险话题', value: deep })
  }
  return out
}

/** Close-rate trend (percent), skipping days without one. */
export function closeRateTrend(trend: FunnelTrendPointView[]): { day: string; value: number }[] {
  return trend.filter((p) => p.closeRatePct !== null).map((p) => ({ day: shortDay(p.day), value: p.closeRatePct as number }))
}
