import { route, RouteDef } from '../../http/route';
import { STAFF_READERS } from '../../permissions/access';
import type { Services } from '../../services';

export function referralsRoutes(s: Pick<Services, 'referrals'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/contacts/:contactId/referrals', access: STAFF_READERS, tag: 'contacts', responds: 'ReferralTreeView',
      summary: 'The referral tree (转介绍): who brought the contact in, up the chain, and everyone they brought, at any depth, marked engaged or not',
      handler: ({ params, actor }) => s.referrals.treeOf(actor, params.contactId),
    }),
  ];
}
