import type { RouteDef } from '../../http/route';
import { actorOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import type { Services } from '../../services';
import { ComputeSnapshotsDto, DashboardQuery, FunnelQuery, RecordStudyDto } from './dashboards.dto';

export function dashboardsRoutes(s: Services): RouteDef[] {
  const day = async (query: unknown) => (await validated(DashboardQuery, { ...(query as object) })).day;
  return [
    {
      method: 'get', path: '/api/dashboards/agent/me',
      handler: async (ctx) => {
        const actor = actorOf(ctx);
        ctx.body = await s.dashboards.agent(actor, actor.staffId, await day(ctx.query));
      },
    },
    {
      method: 'get', path: '/api/dashboards/agents/:agentId',
      handler: async (ctx) => void (ctx.body = await s.dashboards.agent(actorOf(ctx), String(ctx.params.agentId), await day(ctx.query))),
    },
    {
      method: 'get', path: '/api/dashboards/team/:teamId',
      handler: async (ctx) => void (ctx.body = await s.dashboards.team(actorOf(ctx), String(ctx.params.teamId), await day(ctx.query))),
    },
    {
      method: 'get', path: '/api/dashboards/org/:orgUnitId',
      handler: async (ctx) => void (ctx.body = await s.dashboards.org(actorOf(ctx), String(ctx.params.orgUnitId), await day(ctx.query))),
    },
    {
      method: 'get', path: '/api/dashboards/funnel',
      handler: async (ctx) => void (ctx.body = await s.dashboards.funnel(actorOf(ctx), await validated(FunnelQuery, { ...ctx.query }))),
    },
    {
      method: 'post', path: '/api/dashboards/snapshots',
      handler: async (ctx) => {
        const { day: wanted } = await validated(ComputeSnapshotsDto, ctx.request.body ?? {});
        ctx.body = await s.dashboards.compute(wanted);
        ctx.status = 201;
      },
    },
    {
      method: 'post', path: '/api/study',
      handler: async (ctx) => {
        const dto = await validated(RecordStudyDto, ctx.request.body);
        ctx.body = await s.kyb134Inputs.recordStudy(actorOf(ctx), dto.contentVersionId, dto.depthPct);
        ctx.status = 201;
      },
    },
  ];
}
