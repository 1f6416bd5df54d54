import type { RouteDef } from '../../http/route';
import { actorOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import type { Services } from '../../services';
import { UpdateCardDto } from '../staff/staff.dto';

export function cardRoutes(s: Services): RouteDef[] {
  return [
    { method: 'get', path: '/api/card', handler: async (ctx) => void (ctx.body = await s.staff.card(actorOf(ctx).staffId)) },
    {
      method: 'put', path: '/api/card',
      handler: async (ctx) => {
        ctx.body = await s.staff.updateCard(actorOf(ctx), await validated(UpdateCardDto, ctx.request.body));
      },
    },
  ];
}
