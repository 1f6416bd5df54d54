import { route, RouteDef } from '../../http/route';
import { STAFF_MANAGERS, STAFF_READERS } from '../../permissions/access';
import type { Services } from '../../services';
import { PastOutcomesImportDto } from './past-outcomes.dto';

export function dealIndexRoutes(s: Pick<Services, 'dealIndex' | 'pastOutcomes'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/contacts/:contactId/deal-index', access: STAFF_READERS,
      summary: '成交指数: P(close) from the model, or the stage prior (said so), with top contributions and next actions', tag: 'contacts', responds: 'DealIndexView',
      handler: ({ params, actor }) => s.dealIndex.forContact(actor, params.contactId),
    }),
    route({
      method: 'post', path: '/api/deal-index/past-outcomes', access: STAFF_MANAGERS, tag: 'dashboards', body: PastOutcomesImportDto, responds: 'PastOutcomesImportView',
      summary: 'Import past outcomes (won/lost, date, premium) of contacts in scope, by contact id or phone, for the deal index to learn from; bad lines reported; audited',
      errors: { 400: 'the header lacks 结果, 日期, or both 客户编号 and 手机号: nothing imported' },
      handler: ({ body, actor }) => s.pastOutcomes.import(actor, body.csv),
    }),
  ];
}
