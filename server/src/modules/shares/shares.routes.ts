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
      method: 'get', path: '/api/shares/:shareId/poster-code',
      handler: async (ctx) => {
        const image = await s.posterCodes.forShare(actorOf(ctx), String(ctx.params.shareId));
        ctx.type = image.contentType;
        ctx.set('Cache-Control', 'private, max-age=86400');
        ctx.body = image.bytes;
      },
    },
    {
      method: 'get', path: '/api/shares/scenes/:scene',
      handler: async (ctx) => void (ctx.body = await s.shares.byScene(String(ctx.params.scene))),
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
