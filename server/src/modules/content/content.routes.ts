import { CONTENT_KINDS, ContentKind } from '@kejing/shared';
import { badRequest } from '../../lib/app-error';
import { pageOf } from '../../http/pagination';
import type { RouteDef } from '../../http/route';
import { actorOf } from '../../middleware/auth';
import type { Services } from '../../services';

export function contentRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'get', path: '/api/content',
      handler: async (ctx) => {
        const query = ctx.query as Record<string, unknown>;
        const { q, tag, kind } = query;
        if (kind !== undefined && !(CONTENT_KINDS as readonly unknown[]).includes(kind)) throw badRequest([{ field: 'kind', reason: `must be one of ${CONTENT_KINDS.join(', ')}` }]);
        if (q !== undefined && (typeof q !== 'string' || q.length > 100)) throw badRequest([{ field: 'q', reason: 'must be text of at most 100 characters' }]);
        if (tag !== undefined && (typeof tag !== 'string' || !/^(need|audience|life_event|stage):[\w-]{1,40}$/.test(tag))) {
          throw badRequest([{ field: 'tag', reason: 'must be a tag like need:critical_illness' }]);
        }
        ctx.body = await s.content.listForAgent(actorOf(ctx), {
          ...pageOf(query), q: q as string | undefined, tag: tag as string | undefined, kind: kind as ContentKind | undefined,
        });
      },
    },
    {
      method: 'get', path: '/api/content/versions/:versionId',
      handler: async (ctx) => void (ctx.body = await s.content.versionForAgent(actorOf(ctx), String(ctx.params.versionId))),
    },
  ];
}
