import type { Context } from 'koa';
import { CONTENT_KINDS } from '@kejing/shared';
import type { ContentKind, ContentReviewStatus } from '@kejing/shared';
import { badRequest } from '../../lib/app-error';
import { pageOf } from '../../http/pagination';
import type { RouteDef } from '../../http/route';
import { actorOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import type { Services } from '../../services';
import { presentOrgUnit } from '../org/org.service';
import { TAG_CODE_PATTERN } from '../tags/tags.service';
import { presentForbiddenWord } from './compliance.service';
import {
  ContentDraftDto, ContentVisibilityDto, CreateContentDto, CreateForbiddenWordDto, draftInputOf, RejectContentDto, RetireContentDto, visibilityInputOf,
} from './content-operator.dto';
import { presentContentVersion } from './content.presenter';
import { CONTENT_STATUSES } from './content-workflow';

/** An optional query parameter that must be one of `values`. */
function oneOf<T extends string>(query: Record<string, unknown>, name: string, values: readonly T[]): T | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) throw badRequest([{ field: name, reason: `must be one of ${values.join(', ')}` }]);
  return value as T;
}

/** The content operator's API (内容运营): authoring, review, visibility, forbidden words. */
export function contentOperatorRoutes(s: Services): RouteDef[] {
  const id = (ctx: Context) => String(ctx.params.itemId);
  return [
    {
      method: 'get', path: '/api/operator/content',
      handler: async (ctx) => {
        const query = ctx.query as Record<string, unknown>;
        const { q, tag } = query;
        if (q !== undefined && (typeof q !== 'string' || q.length > 100)) throw badRequest([{ field: 'q', reason: 'must be text of at most 100 characters' }]);
        if (tag !== undefined && (typeof tag !== 'string' || !TAG_CODE_PATTERN.test(tag))) throw badRequest([{ field: 'tag', reason: 'must be a tag like need:critical_illness' }]);
        ctx.body = await s.contentAuthoring.list({
          ...pageOf(query), status: oneOf<ContentReviewStatus>(query, 'status', CONTENT_STATUSES), kind: oneOf<ContentKind>(query, 'kind', CONTENT_KINDS),
          q: q as string | undefined, tag: tag as string | undefined,
        });
      },
    },
    {
      method: 'post', path: '/api/operator/content',
      handler: async (ctx) => {
        const dto = await validated(CreateContentDto, ctx.request.body);
        const item = await s.contentAuthoring.create(actorOf(ctx), dto.kind, draftInputOf(dto), dto.visibility ? visibilityInputOf(dto.visibility) : undefined);
        ctx.body = await s.contentAuthoring.detail(item.id);
        ctx.status = 201;
      },
    },
    { method: 'get', path: '/api/operator/content/:itemId', handler: async (ctx) => void (ctx.body = await s.contentAuthoring.detail(id(ctx))) },
    {
      method: 'put', path: '/api/operator/content/:itemId',
      handler: async (ctx) => {
        const dto = await validated(ContentDraftDto, ctx.request.body);
        await s.contentAuthoring.edit(actorOf(ctx), id(ctx), draftInputOf(dto));
        ctx.body = await s.contentAuthoring.detail(id(ctx));
      },
    },
    {
      method: 'put', path: '/api/operator/content/:itemId/visibility',
      handler: async (ctx) => {
        const dto = await validated(ContentVisibilityDto, ctx.request.body);
        await s.contentAuthoring.setVisibility(actorOf(ctx), id(ctx), visibilityInputOf(dto));
        ctx.body = await s.contentAuthoring.detail(id(ctx));
      },
    },
    {
      method: 'post', path: '/api/operator/content/:itemId/submit',
      handler: async (ctx) => {
        await s.contentAuthoring.submit(actorOf(ctx), id(ctx));
        ctx.body = await s.contentAuthoring.detail(id(ctx));
      },
    },
    {
      method: 'post', path: '/api/operator/content/:itemId/approve',
      handler: async (ctx) => {
        await s.contentAuthoring.approve(actorOf(ctx), id(ctx));
        ctx.body = await s.contentAuthoring.detail(id(ctx));
      },
    },
    {
      method: 'post', path: '/api/operator/content/:itemId/reject',
      handler: async (ctx) => {
        const dto = await validated(RejectContentDto, ctx.request.body);
        await s.contentAuthoring.reject(actorOf(ctx), id(ctx), dto.reason);
        ctx.body = await s.contentAuthoring.detail(id(ctx));
      },
    },
    {
      method: 'post', path: '/api/operator/content/:itemId/retire',
      handler: async (ctx) => {
        const dto = await validated(RetireContentDto, ctx.request.body ?? {});
        await s.contentAuthoring.retire(actorOf(ctx), id(ctx), dto.reason);
        ctx.body = await s.contentAuthoring.detail(id(ctx));
      },
    },
    {
      method: 'get', path: '/api/operator/content/:itemId/versions/:versionId',
      handler: async (ctx) => {
        const { item, version } = await s.contentAuthoring.version(id(ctx), String(ctx.params.versionId));
        ctx.body = presentContentVersion(item, version, s.clock.nowMs());
      },
    },
    { method: 'get', path: '/api/operator/forbidden-words', handler: async (ctx) => void (ctx.body = (await s.compliance.listWords()).map(presentForbiddenWord)) },
    {
      method: 'post', path: '/api/operator/forbidden-words',
      handler: async (ctx) => {
        const dto = await validated(CreateForbiddenWordDto, ctx.request.body);
        ctx.body = presentForbiddenWord(await s.compliance.addWord(actorOf(ctx), dto.word, dto.category ?? 'operator'));
        ctx.status = 201;
      },
    },
    {
      method: 'delete', path: '/api/operator/forbidden-words/:wordId',
      handler: async (ctx) => {
        await s.compliance.removeWord(actorOf(ctx), String(ctx.params.wordId));
        ctx.status = 204;
      },
    },
    // Operators choose branches and teams for visibility; the admin list is admin-only.
    { method: 'get', path: '/api/operator/org-units', handler: async (ctx) => void (ctx.body = (await s.org.list()).map(presentOrgUnit)) },
  ];
}
