import { pageOf } from '../../http/query';
import { route, RouteDef } from '../../http/route';
import { CONTENT_READERS } from '../../permissions/access';
import type { Services } from '../../services';
import { ContentListQuery } from './content-query.dto';

export function contentRoutes(s: Pick<Services, 'content'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/content', access: CONTENT_READERS, summary: 'Approved content visible to the caller', tag: 'content',
      query: ContentListQuery, responds: 'Page<ContentSummaryView>',
      handler: ({ query, actor }) => s.content.listForAgent(actor, { q: query.q, tag: query.tag, kind: query.kind, ...pageOf(query) }),
    }),
    route({
      method: 'get', path: '/api/content/versions/:versionId', access: CONTENT_READERS, summary: 'Preview one approved version', tag: 'content',
      responds: 'ContentVersionView', errors: { 403: 'not approved' },
      handler: ({ params, actor }) => s.content.versionForAgent(actor, params.versionId),
    }),
  ];
}
