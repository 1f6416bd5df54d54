import { route, RouteDef } from '../../http/route';
import { OPERATORS } from '../../permissions/access';
import type { Services } from '../../services';
import { AnalyticsQuery, analyticsFilterOf, ContentRankingQuery, TagRankingQuery } from './content-query.dto';

const NO_ORG_UNIT = 'no such org unit (orgUnitId)';

/** Content analytics for operators: per item, per tag, and ranked lists. */
export function contentAnalyticsRoutes(s: Pick<Services, 'contentAnalytics'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/operator/analytics/content', access: OPERATORS,
      summary: 'Items ranked by a metric ("what works for stage 3 in this branch": tag=stage:3&orgUnitId=…)', tag: 'operator',
      query: ContentRankingQuery, responds: 'ContentRankingRowView[]', errors: { 404: NO_ORG_UNIT },
      handler: ({ query }) => s.contentAnalytics.rankItems({
        ...analyticsFilterOf(query), tag: query.tag, kind: query.kind, sort: query.sort ?? 'stageMoves',
        minViewers: Number(query.minViewers ?? 0), limit: Number(query.limit ?? 50),
      }),
    }),
    route({
      method: 'get', path: '/api/operator/analytics/content/:itemId', access: OPERATORS, summary: 'One item\'s figures, in all and per version', tag: 'operator',
      query: AnalyticsQuery, responds: 'ContentItemAnalyticsView',
      handler: ({ query, params }) => s.contentAnalytics.item(params.itemId, analyticsFilterOf(query)),
    }),
    route({
      method: 'get', path: '/api/operator/analytics/tags', access: OPERATORS, summary: 'Tags ranked by a metric over every version that carried them', tag: 'operator',
      query: TagRankingQuery, responds: 'TagRankingRowView[]', errors: { 404: NO_ORG_UNIT },
      handler: ({ query }) => s.contentAnalytics.rankTags({
        ...analyticsFilterOf(query), family: query.family, sort: query.sort ?? 'uniqueViewers', limit: Number(query.limit ?? 100),
      }),
    }),
  ];
}
