import { CONTENT_KINDS, CONTENT_METRICS, TAG_FAMILIES } from '@kejing/shared';
import type { ContentKind, ContentMetric, TagFamily } from '@kejing/shared';
import { badRequest } from '../../lib/app-error';
import type { RouteDef } from '../../http/route';
import type { Services } from '../../services';
import { TAG_CODE_PATTERN } from '../tags/tags.service';
import type { AnalyticsFilter } from './content-analytics.service';

type Query = Record<string, unknown>;

function text(query: Query, name: string, test: (v: string) => boolean, reason: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !test(value)) throw badRequest([{ field: name, reason }]);
  return value;
}
const oneOf = <T extends string>(query: Query, name: string, values: readonly T[]) =>
  text(query, name, (v) => (values as readonly string[]).includes(v), `must be one of ${values.join(', ')}`) as T | undefined;
const int = (query: Query, name: string, fallback: number, max: number) =>
  Number(text(query, name, (v) => /^\d+$/.test(v) && Number(v) <= max, `must be an integer from 0 to ${max}`) ?? fallback);
const time = (query: Query, name: string) => {
  const value = text(query, name, (v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 time');
  return value === undefined ? undefined : Date.parse(value);
};

/** ?orgUnitId=&from=&to= — common to every analytics query. */
function filterOf(query: Query): AnalyticsFilter {
  const orgUnitId = text(query, 'orgUnitId', (v) => /^[0-9a-f-]{36}$/i.test(v), 'must be an org unit id');
  return { ...(orgUnitId ? { orgUnitId } : {}), fromMs: time(query, 'from'), toMs: time(query, 'to') };
}

/** Content analytics for operators: per item, per tag, and ranked lists. */
export function contentAnalyticsRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'get', path: '/api/operator/analytics/content',
      handler: async (ctx) => {
        const query = ctx.query as Query;
        ctx.body = await s.contentAnalytics.rankItems({
          ...filterOf(query),
          tag: text(query, 'tag', (v) => TAG_CODE_PATTERN.test(v), 'must be a tag like stage:3'),
          kind: oneOf<ContentKind>(query, 'kind', CONTENT_KINDS),
          sort: oneOf<ContentMetric>(query, 'sort', CONTENT_METRICS) ?? 'stageMoves',
          minViewers: int(query, 'minViewers', 0, 1_000_000),
          limit: int(query, 'limit', 50, 500),
        });
      },
    },
    {
      method: 'get', path: '/api/operator/analytics/content/:itemId',
      handler: async (ctx) => void (ctx.body = await s.contentAnalytics.item(String(ctx.params.itemId), filterOf(ctx.query as Query))),
    },
    {
      method: 'get', path: '/api/operator/analytics/tags',
      handler: async (ctx) => {
        const query = ctx.query as Query;
        ctx.body = await s.contentAnalytics.rankTags({
          ...filterOf(query),
          family: oneOf<TagFamily>(query, 'family', TAG_FAMILIES),
          sort: oneOf<ContentMetric>(query, 'sort', CONTENT_METRICS) ?? 'uniqueViewers',
          limit: int(query, 'limit', 100, 500),
        });
      },
    },
  ];
}
