import type { AgentLayerCode, OmipView, TeamMemberRowView, UnitAssetsView } from '@kejing/shared'
import { formatFenShort, formatPct, kashName, KASH_ORDER, layerName, LAYER_ORDER } from './labels'

export interface RankingRow {
  rank: number
  agentId: string
  name: string
  kashMean: number
  layer: string
  /** "分享 12 · 活跃 9 天 · 客户 30 · 预测 ¥3.2万" */
  line: string
  /** Each KASH score, in KASH order, for the small bars. */
  scores: { name: string; score: number }[]
  slipped: boolean
  slippedWhy: string
}

/** The ranking as the list shows it, best mean KASH first (ties by name for a stable order). */
export function rankingRows(ranking: TeamMemberRowView[]): RankingRow[] {
  return [...ranking]
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'zh-CN'))
    .map((m) => ({
      rank: m.rank,
      agentId: m.agentId,
      name: m.name,
      kashMean: Math.round(m.kashMean * 10) / 10,
      layer: layerName(m.layer),
      line: `分享 ${m.shares} · 活跃 ${m.activeDays} 天 · 客户 ${m.contacts} · 预测 ${formatFenShort(m.forecastFen)}`,
      scores: KASH_ORDER.map((d) => ({ name: kashName(d), score: Math.round(m.scores[d] ?? 0) })),
      slipped: m.slipped,
      slippedWhy: m.slippedReasonsZh.join('；'),
    }))
}

/** Bar chart of mean KASH per member, best first, for F2 (category axis keeps this order). */
export function rankingChartData(ranking: TeamMemberRowView[]): { name: string; score: number }[] {
  return rankingRows(ranking).map((r) => ({ name: r.name, score: r.kashMean }))
}

/** KASH scores of every member, long format for a grouped bar chart. */
export function memberKashChartData(ranking: TeamMemberRowView[]): { name: string; dimension: string; score: number }[] {
  return rankingRows(ranking).flatMap((r) => r.scores.map((s) => ({ name: r.name, dimension: s.name, score: s.score })))
}

export interface CoachingRow {
  rank: number
  agentId: string
  name: string
  dimension: string
  score: number
  gap: number
  reason: string
}

export interface OmipCard {
  teamFocus: string | null
  coaching: CoachingRow[]
  /** Names of members at or above target on every index. */
  onTrack: string[]
  /** "知识：王晓梅、李建国" for each index with members under target. */
  byDimension: { name: string; members: string[] }[]
}

/** OMIP (组织能力提升计划): who needs which coaching first. Ids are turned into names from the ranking. */
export function omipCard(omip: OmipView, ranking: TeamMemberRowView[]): OmipCard {
  const names = new Map(ranking.map((m) => [m.agentId, m.name]))
  const nameOf = (id: string) => names.get(id) ?? omip.coaching.find((c) => c.agentId === id)?.name ?? '—'
  return {
    teamFocus: omip.teamFocus ? `团队共同短板：${kashName(omip.teamFocus.dimension)}（平均 ${omip.teamFocus.meanScore} 分）` : null,
    coaching: [...omip.coaching]
      .sort((a, b) => a.rank - b.rank)
      .map((c) => ({
        rank: c.rank,
        agentId: c.agentId,
        name: c.name || nameOf(c.agentId),
        dimension: kashName(c.dimension),
        score: Math.round(c.score),
        gap: c.gap,
        reason: c.reasonZh,
      })),
    onTrack: omip.onTrack.map(nameOf),
    byDimension: KASH_ORDER.filter((d) => (omip.byDimension[d] ?? []).length > 0).map((d) => ({
      name: kashName(d),
      members: (omip.byDimension[d] ?? []).map(nameOf),
    })),
  }
}

/** Agents per layer (不触网 / 触网 / 深度触网) with their share of the unit. */
export function layerRows(layers: Record<AgentLayerCode, number>): { layer: AgentLayerCode; name: string; count: number; pct: string }[] {
  const total = LAYER_ORDER.reduce((s, l) => s + (layers[l] ?? 0), 0)
  return LAYER_ORDER.map((l) => ({
    layer: l,
    name: layerName(l),
    count: layers[l] ?? 0,
    pct: total > 0 ? formatPct((100 * (layers[l] ?? 0)) / total) : '—',
  }))
}

/** A unit's assets as tiles. */
export function unitAssetTiles(a: UnitAssetsView): { label: string; value: string; hint?: string }[] {
  return [
    { label: '客户', value: String(a.contacts), hint: `${a.agents} 位营销员` },
    { label: '客户价值', value: String(Math.round(a.valuePoints)) },
    { label: '保费预测', value: formatFenShort(a.forecastFen) },
    { label: '影响力中心', value: String(a.centresOfInfluence), hint: `推荐者 ${formatPct(a.promoterPct)}` },
  ]
}
