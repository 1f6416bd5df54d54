import type { RouteDef } from '../../http/route';
import { actorOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import type { Services } from '../../services';
import { CreateTagDto, RenameTagDto } from './tag.dto';
import { presentTag } from './tags.service';

export function tagsRoutes(s: Services): RouteDef[] {
  return [
    { method: 'get', path: '/api/tags', handler: async (ctx) => void (ctx.body = await s.tags.tree()) },
    {
      method: 'post', path: '/api/operator/tags',
      handler: async (ctx) => {
        const dto = await validated(CreateTagDto, ctx.request.body);
        ctx.body = presentTag(await s.tags.create(actorOf(ctx), dto));
        ctx.status = 201;
      },
    },
    {
      method: 'put', path: '/api/operator/tags/:code',
      handler: async (ctx) => {
        const dto = await validated(RenameTagDto, ctx.request.body);
        ctx.body = presentTag(await s.tags.rename(actorOf(ctx), ctx.params.code as string, dto));
      },
    },
  ];
}
