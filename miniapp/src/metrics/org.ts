import type { UnitAssetsView } from '@kejing/shared'
import { fenToWan, formatFenShort, formatPct } from './labels'

export type UnitKind = UnitAssetsView['kind']

const CHILD_KIND_ZH: Record<UnitKind, string> = { company: '公司', branch: '分公司', team: '团队', agent: '营销员' }

export function unitKindName(kind: UnitKind): string {
  return CHILD_KIND_ZH[kind] ?? kind
}

/** Where tapping a child unit goes: a branch or company to its org page, a team to its team page, an agent to their KYB134. */
export function drillUrl(u: Pick<UnitAssetsView, 'id' | 'kind'>): string {
  const id = encodeURIComponent(u.id)
  if (u.kind === 'team') return `/dashboard/team/index?teamId=${id}`
  if (u.kind === 'agent') return `/dashboard/agent/index?agentId=${id}`
  return `/dashboard/org/index?orgUnitId=${id}`
}

export interface ChildRow {
  id: string
  kind: UnitKind
  name: string
  url: string
  contacts: number
  forecast: string
  line: string
}

/** Child units sorted by premium forecast, largest first (then name). */
export function childRows(children: UnitAssetsView[]): ChildRow[] {
  return [...children]
    .sort((a, b) => b.forecastFen - a.forecastFen || a.name.localeCompare(b.name, 'zh-CN'))
    .map((c) => ({
      id: c.id,
      kind: c.kind,
      name: c.name,
      url: drillUrl(c),
      contacts: c.contacts,
      forecast: formatFenShort(c.forecastFen),
      line: `${c.kind === 'agent' ? '' : `${c.agents} 人 · `}客户 ${c.contacts} · 价值 ${Math.round(c.valuePoints)} · 影响力中心 ${c.centresOfInfluence} · 推荐者 ${formatPct(c.promoterPct)}`,
    }))
}

/**
 * Premium forecast per child, largest first, for a bar chart: in 万元, or in 元 when every
 * child is under ¥10,000 (a new unit's forecast would otherwise read 0.0).
 */
export function childForecastChartData(children: UnitAssetsView[]): { unitLabel: '万元' | '元'; rows: { unit: string; value: number }[] } {
  const sorted = childRows(children).map((r) => children.find((x) => x.id === r.id) as UnitAssetsView)
  const inWan = sorted.some((c) => c.forecastFen >= 1_000_000)
  return {
    unitLabel: inWan ? '万元' : '元',
    rows: sorted.map((c) => ({ unit: c.name, value: inWan ? fenToWan(c.forecastFen) : Math.round(c.forecastFen / 100) })),
  }
}
