import { route, RouteDef } from '../../http/route';
import { STAFF_READERS } from '../../permissions/access';
import type { Services } from '../../services';

export function dealIndexRoutes(s: Pick<Services, 'dealIndex'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/contacts/:contactId/deal-index', access: STAFF_READERS,
      summary: '成交指数: P(close) from the model, or the stage prior (said so), with top contributions and next actions', tag: 'contacts', responds: 'DealIndexView',
      handler: ({ params, actor }) => s.dealIndex.forContact(actor, params.contactId),
    }),
  ];
}
