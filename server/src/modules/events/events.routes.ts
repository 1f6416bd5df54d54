import type { RouteDef } from '../../http/route';
import { userIdOf } from '../../middleware/auth';
import type { Services } from '../../services';

export function eventsRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'post', path: '/api/events',
      handler: async (ctx) => {
        const raw = ctx.request.rawBody;
        ctx.body = await s.ingestion.ingest(userIdOf(ctx), ctx.request.body, s.clock.nowMs(), typeof raw === 'string' ? raw.length : undefined);
      },
    },
  ];
}
