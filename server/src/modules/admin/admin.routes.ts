import { route, RouteDef } from '../../http/route';
import { ADMINS } from '../../permissions/access';
import { sanitizeArticleHtml } from '../content/sanitize-html';
import { presentContentSummary } from '../content/content.presenter';
import { presentOrgUnit } from '../org/org.service';
import type { Services } from '../../services';
import { CreateOrgUnitDto, CreateStaffDto } from '../staff/staff.dto';
import { CreateApprovedContentDto } from './admin.dto';

export function adminRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/admin/org-units', access: ADMINS, summary: 'The organisation tree', tag: 'admin', responds: 'OrgUnitView[]',
      handler: async () => (await s.org.list()).map(presentOrgUnit),
    }),
    route({
      method: 'post', path: '/api/admin/org-units', access: ADMINS, summary: 'Create a company, branch or team', tag: 'admin',
      body: CreateOrgUnitDto, responds: 'OrgUnitView', status: 201,
      handler: async ({ body }) => presentOrgUnit(await s.org.create(body)),
    }),
    route({
      method: 'post', path: '/api/admin/staff', access: ADMINS, summary: 'Create a staff member and their one-time invite code', tag: 'admin',
      body: CreateStaffDto, responds: 'StaffCreatedView', status: 201,
      handler: ({ body }) => s.staff.create(body),
    }),
    route({
      method: 'post', path: '/api/admin/content', access: ADMINS,
      summary: 'Create an approved content item (bootstrap; the review workflow is under /api/operator)', tag: 'admin',
      body: CreateApprovedContentDto, responds: 'ContentSummaryView', status: 201,
      handler: async ({ body, actor }) => {
        const { item, version } = await s.content.createApproved(
          { ...body, bodyHtml: body.bodyHtml === undefined ? null : sanitizeArticleHtml(body.bodyHtml) },
          actor.bootstrap ? null : actor.staffId,
        );
        return presentContentSummary(item, version);
      },
    }),
  ];
}
