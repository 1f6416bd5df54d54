import type { RouteDef } from '../../http/route';
import { actorOf, userIdOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import type { Services } from '../../services';
import { CreateShareDto, ForwardShareDto } from './share.dto';

export function sharesRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'post', path: '/api/shares',
      handler: async (ctx) => {
        const dto = await validated(CreateShareDto, ctx.request.body);
        ctx.body = await s.shares.create(actorOf(ctx), dto.contentVersionId, dto.channel);
        ctx.status = 201;
      },
    },
    {
      method: 'post', path: '/api/shares/:shareId/open',
      handler: async (ctx) => void (ctx.body = await s.shares.open(userIdOf(ctx), String(ctx.params.shareId))),
    },
    {
      method: 'post', path: '/api/shares/:shareId/forward',
      handler: async (ctx) => {
        const dto = await validated(ForwardShareDto, ctx.request.body);
        ctx.body = await s.shares.forward(userIdOf(ctx), String(ctx.params.shareId), dto.channel);
        ctx.status = 201;
      },
    },
  ];
}
