import { badRequest } from '../../lib/app-error';
import type { RouteDef } from '../../http/route';
import { actorOf } from '../../middleware/auth';
import type { Services } from '../../services';

export function radarRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'get', path: '/api/radar',
      handler: async (ctx) => {
        const since = ctx.query.since;
        let sinceMs: number | null = null;
        if (since !== undefined) {
          sinceMs = typeof since === 'string' ? Date.parse(since) : NaN;
          if (Number.isNaN(sinceMs)) throw badRequest([{ field: 'since', reason: 'must be an ISO-8601 time' }]);
        }
        ctx.body = await s.radar.radar(actorOf(ctx), sinceMs);
      },
    },
  ];
}
