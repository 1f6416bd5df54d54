import type { RouteDef } from '../../http/route';
import { actorOf } from '../../middleware/auth';
import type { Services } from '../../services';

export function dealIndexRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'get', path: '/api/contacts/:contactId/deal-index',
      handler: async (ctx) => void (ctx.body = await s.dealIndex.forContact(actorOf(ctx), String(ctx.params.contactId))),
    },
  ];
}
