import { route, RouteDef } from '../../http/route';
import { ADMINS, SHARERS, STAFF_READERS } from '../../permissions/access';
import type { Services } from '../../services';
import { ComputeSnapshotsDto, DashboardQuery, FunnelQuery, RecordStudyDto } from './dashboards.dto';

// KYB134, the process funnel and the deal index (issue 6): scope is checked in the service (out of scope → 404).
export function dashboardsRoutes(s: Pick<Services, 'dashboards' | 'kyb134Inputs' | 'periodForecast'>): RouteDef[] {
  const tag = 'dashboards';
  const LEADERS_UP = ['leader', 'manager', 'admin'] as const;
  return [
    route({
      method: 'get', path: '/api/dashboards/agent/me', access: SHARERS, summary: 'My KYB134 (activity, layer, assets, KASH with percentiles) with my MCIP and funnel', tag,
      query: DashboardQuery, responds: 'AgentDashboardView', errors: { 404: 'no snapshot for that day' },
      handler: ({ query, actor }) => s.dashboards.agent(actor, actor.staffId, query.day),
    }),
    route({
      method: 'get', path: '/api/dashboards/agents/:agentId', access: STAFF_READERS, summary: 'One agent\'s KYB134, MCIP and funnel (self, own team, own subtree)', tag,
      query: DashboardQuery, responds: 'AgentDashboardView',
      handler: ({ query, params, actor }) => s.dashboards.agent(actor, params.agentId, query.day),
    }),
    route({
      method: 'get', path: '/api/dashboards/team/:teamId', access: LEADERS_UP, summary: 'A team: ranking, who slipped since last week, OMIP coaching list, funnel and assets', tag,
      query: DashboardQuery, responds: 'TeamDashboardView',
      handler: ({ query, params, actor }) => s.dashboards.team(actor, params.teamId, query.day),
    }),
    route({
      method: 'get', path: '/api/dashboards/org/:orgUnitId', access: LEADERS_UP,
      summary: 'A company, branch or team: funnel, 9-cell heat map, layers and assets across its child units', tag,
      query: DashboardQuery, responds: 'OrgDashboardView',
      handler: ({ query, params, actor }) => s.dashboards.org(actor, params.orgUnitId, query.day),
    }),
    route({
      method: 'get', path: '/api/dashboards/funnel', access: STAFF_READERS, summary: 'One agent\'s or org unit\'s process funnel with change against last week and the daily trend', tag,
      query: FunnelQuery, responds: 'FunnelTrendView', errors: { 404: 'no such agent or org unit, or outside the caller\'s scope' },
      handler: ({ query, actor }) => s.dashboards.funnel(actor, query),
    }),
    route({
      method: 'get', path: '/api/dashboards/forecast', access: STAFF_READERS, tag, responds: 'PeriodForecastView',
      summary: 'Expected premium for 本周 / 本月 / 本季度 (P(close) by the active deal model, else the stage prior) beside the premium signed, in the caller\'s scope',
      handler: ({ actor }) => s.periodForecast.forecast(actor),
    }),
    route({
      method: 'post', path: '/api/dashboards/snapshots', access: ADMINS, summary: 'Compute and store the day\'s KYB134 and funnel snapshots now', tag,
      body: ComputeSnapshotsDto, responds: 'SnapshotSummaryView', status: 201,
      handler: ({ body }) => s.dashboards.compute(body.day),
    }),
    route({
      method: 'post', path: '/api/study', access: SHARERS, summary: 'The agent read a content item themselves (KYB134 Knowledge)', tag,
      body: RecordStudyDto, responds: 'RecordStudyView', status: 201, errors: { 404: 'no such content version' },
      handler: ({ body, actor }) => s.kyb134Inputs.recordStudy(actor, body.contentVersionId, body.depthPct),
    }),
  ];
}
