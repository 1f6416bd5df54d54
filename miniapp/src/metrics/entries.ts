import type { MeView } from '@kejing/shared'

export interface DashboardEntry {
  key: 'growth' | 'team' | 'org'
  title: string
  desc: string
  url: string
}

/**
 * Which dashboards a person can open, from GET /api/me: agents and leaders have their own
 * KYB134 (我的成长); a leader sees their team; a manager (or admin) their unit. The server
 * checks the same scope on every call, so this only decides what to offer.
 */
export function dashboardEntries(me: Pick<MeView, 'roles' | 'orgUnitId'> | null | undefined): DashboardEntry[] {
  if (!me) return []
  const roles = new Set(me.roles)
  const out: DashboardEntry[] = []
  if (roles.has('agent') || roles.has('leader')) {
    out.push({ key: 'growth', title: '我的成长', desc: 'KYB134 · 能力指数与提升计划', url: '/dashboard/agent/index' })
  }
  const unit = me.orgUnitId ? encodeURIComponent(me.orgUnitId) : null
  if (roles.has('leader') && unit) {
    out.push({ key: 'team', title: '团队看板', desc: '排名 · 谁在下滑 · 辅导清单', url: `/dashboard/team/index?teamId=${unit}` })
  }
  if ((roles.has('manager') || roles.has('admin')) && unit) {
    out.push({ key: 'org', title: '机构看板', desc: '过程漏斗 · 九宫格 · 资产', url: `/dashboard/org/index?orgUnitId=${unit}` })
  }
  return out
}

/** Managers (and admins) without an agent role have no follow-up list of their own. */
export function hasOwnFollowUps(me: Pick<MeView, 'roles'> | null | undefined): boolean {
  return !!me && me.roles.some((r) => r === 'agent' || r === 'leader')
}
