// Small dashboard responses in the wire format (shared/src/contracts/dashboards.ts), counted by hand.
import type { AgentDashboardView, DealIndexView, FunnelView, OrgDashboardView, TeamDashboardView, TeamMemberRowView, UnitAssetsView } from '@kejing/shared'

const stageMap = (v: number[]) => Object.fromEntries(v.map((n, i) => [String(i + 1), n])) as FunnelView['stageCounts']

export const funnel: FunnelView = {
  groupId: 'agent-1',
  groupKind: 'agent',
  day: '2026-11-24',
  contacts: 20,
  stageCounts: stageMap([6, 4, 3, 2, 2, 1, 1, 1]),
  reached: stageMap([20, 14, 10, 7, 5, 3, 2, 1]),
  conversionPct: { '1': 70, '2': 71.4, '3': 70, '4': 71.4, '5': 60, '6': 66.7, '7': 50 },
  medianDaysInStage: stageMap([2, 3.25, 4, 5, 6, 7, 8, 9]),
  won: 1,
  lost: 0,
  closeRatePct: 100,
  changeVsLastWeek: {
    fromDay: '2026-11-17',
    toDay: '2026-11-24',
    contacts: 3,
    stageCounts: stageMap([2, 0, -1, 1, 0, 0, 0, 1]),
    conversionPct: { '1': 5.04, '2': null, '3': 0, '4': -2.5, '5': 0, '6': 0, '7': 0 },
    medianDaysInStage: stageMap([0, 0, 0, 0, 0, 0, 0, 0]),
    won: 1,
    lost: 0,
    closeRatePct: null,
  },
}
funnel.medianDaysInStage['8'] = null

const grid = {
  'low-low': 5, 'low-mid': 2, 'low-high': 0,
  'mid-low': 3, 'mid-mid': 4, 'mid-high': 1,
  'high-low': 0, 'high-mid': 2, 'high-high': 3,
}

export const agentDashboard: AgentDashboardView = {
  kyb134: {
    agentId: 'agent-1',
    name: '王晓梅',
    teamId: 'team-1',
    day: '2026-11-24',
    computedAt: '2026-11-24T18:00:00.000Z',
    activity: {
      endDay: '2026-11-24',
      windowDays: 3,
      daily: [
        { day: '2026-11-22', shares: 2, touchpointsProduced: 5, tasksDone: 1, tasksDue: 2, tasksDoneOnTime: 1, morningListOpened: true, active: true },
        { day: '2026-11-23', shares: 0, touchpointsProduced: 1, tasksDone: 0, tasksDue: 1, tasksDoneOnTime: 0, morningListOpened: false, active: false },
        { day: '2026-11-24', shares: 3, touchpointsProduced: 7, tasksDone: 2, tasksDue: 2, tasksDoneOnTime: 2, morningListOpened: true, active: true },
      ],
      activeDays: 2,
      currentStreak: 1,
      longestStreak: 1,
      totals: { shares: 5, touchpointsProduced: 13, tasksDone: 3, tasksDue: 5, tasksDoneOnTime: 3, morningListDays: 2, shareDays: 2 },
      layer: 'online',
      layerZh: '触网',
    },
    assets: {
      customerValue: { grid, contacts: 20, valuePoints: 870.4, valuePerContact: 43.52 },
      premiumForecast: { forecastFen: 12_345_600, openContacts: 19, fromBudget: 4, fromAverage: 15, averagePremiumFen: 500_000, probabilitySource: 'stage_prior', modelVersion: null },
      sustainableDevelopment: { referral: { negative: 1, indifferent: 12, passive_promoter: 5, active_promoter: 2 }, centresOfInfluence: 1, promoterPct: 35 },
    },
    kash: {
      scores: { knowledge: 40, attitude: 66.7, skill: 55, habit: 72 },
      indices: [
        { dimension: 'knowledge', nameZh: '知识', score: 40, teamPercentile: 25, companyPercentile: 30.5, components: [
          { key: 'breadth', value: 0.5, weight: 0.4, detail: {} },
          { key: 'depth', value: 0.333, weight: 0.3, detail: {} },
          { key: 'sharing', value: 1.2, weight: 0.3, detail: {} },
        ] },
        { dimension: 'attitude', nameZh: '态度', score: 66.7, teamPercentile: 50, companyPercentile: 60, components: [] },
        { dimension: 'skill', nameZh: '技能', score: 55, teamPercentile: 75, companyPercentile: 70, components: [] },
        { dimension: 'habit', nameZh: '习惯', score: 72, teamPercentile: 100, companyPercentile: 90, components: [] },
      ],
    },
    mcip: {
      focus: 'knowledge',
      focusNameZh: '知识',
      focusScore: 40,
      whyZh: '知识指数最低',
      actionsZh: ['每天学习一篇重疾内容', '分享前先读完'],
      weakNeedFamilies: ['critical_illness', 'annuity'],
      contentToStudy: [{ itemId: 'i1', title: '重疾险怎么选', needFamily: 'critical_illness' }],
    },
  },
  funnel,
}

function member(rank: number, name: string, kashMean: number, slipped = false): TeamMemberRowView {
  return {
    rank, agentId: `a${rank}`, name, layer: rank === 1 ? 'deeply_online' : 'online', kashMean,
    scores: { knowledge: kashMean - 10, attitude: kashMean, skill: kashMean + 5, habit: kashMean + 5 },
    activeDays: 10 - rank, shares: 20 - rank, contacts: 30, forecastFen: 3_200_000 * rank,
    slipped, slippedReasonsZh: slipped ? ['活跃天数从 9 天降到 4 天', '技能指数下降 8 分'] : [],
  }
}

const unit = (id: string, kind: UnitAssetsView['kind'], name: string, forecastFen: number): UnitAssetsView => ({
  id, kind, name, agents: 2, contacts: 10, valuePoints: 432.6, forecastFen, centresOfInfluence: 1, promoterPct: 25, grid, referral: { negative: 0, indifferent: 5, passive_promoter: 3, active_promoter: 2 },
})

export const teamDashboard: TeamDashboardView = {
  teamId: 'team-1',
  name: '浦东精英一组',
  day: '2026-11-24',
  computedAt: '2026-11-24T18:00:00.000Z',
  comparedWithDay: '2026-11-17',
  ranking: [member(2, '李建国', 50.25, true), member(1, '王晓梅', 61)],
  slipped: [member(2, '李建国', 50.25, true)],
  omip: {
    coaching: [{ rank: 1, agentId: 'a2', name: '李建国', dimension: 'knowledge', score: 40.25, gap: 19.8, reasonZh: '李建国的知识指数40.3分，距目标60分还差19.8分' }],
    onTrack: ['a1'],
    byDimension: { knowledge: ['a2'], attitude: [], skill: [], habit: ['a2', 'a1'] },
    teamFocus: { dimension: 'knowledge', meanScore: 45.6 },
  },
  layers: { offline: 0, online: 1, deeply_online: 1 },
  funnel,
  assets: unit('team-1', 'team', '浦东精英一组', 9_600_000),
}

export const orgDashboard: OrgDashboardView = {
  orgUnitId: 'branch-1',
  kind: 'branch',
  name: '上海分公司',
  day: '2026-11-24',
  computedAt: '2026-11-24T18:00:00.000Z',
  funnel,
  heatMap: { cells: grid, total: 20 },
  layers: { offline: 1, online: 2, deeply_online: 1 },
  assets: unit('branch-1', 'branch', '上海分公司', 12_000_000),
  children: [unit('team-2', 'team', '浦东精英二组', 2_000_000), unit('team-1', 'team', '浦东精英一组', 10_000_000)],
}

export const dealPrior: DealIndexView = {
  contactId: 'c1', stage: 3, outcome: 'open', probability: 0.123, source: 'stage_prior', isPrior: true, modelVersion: null,
  noteZh: '已结束的客户还不够，按阶段估算', contributions: [], nextActions: [], evaluation: null,
}

export const dealModel: DealIndexView = {
  contactId: 'c1', stage: 5, outcome: 'open', probability: 0.4567, source: 'model', isPrior: false, modelVersion: 'v3',
  noteZh: '由成交模型计算',
  contributions: [
    { feature: 'recency', labelZh: '距上次互动天数', value: 12, contribution: -0.3 },
    { feature: 'depth', labelZh: '平均阅读深度', value: 0.876, contribution: 0.9 },
    { feature: 'lead', labelZh: '留资', value: 1, contribution: 0.45 },
  ],
  nextActions: [
    { key: 'meet', actionZh: '约一次面谈', probabilityAfter: 0.52, gain: 0.0633 },
    { key: 'share', actionZh: '分享一篇重疾文章', probabilityAfter: 0.5, gain: 0.0433 },
  ],
  evaluation: { auc: 0.8123, heldOut: 120, trainedAt: '2026-11-24T18:00:00.000Z' },
}
