import { route, RouteDef } from '../../http/route';
import { AppError } from '../../lib/app-error';
import { ADMINS, COMPLIANCE_ERRORS, STAFF_MANAGERS } from '../../permissions/access';
import { sanitizeArticleHtml } from '../content/sanitize-html';
import { presentContentSummary } from '../content/content.presenter';
import { presentOrgUnit } from '../org/org.service';
import type { Services } from '../../services';
import { CreateOrgUnitDto, CreateStaffDto } from '../staff/staff.dto';
import { CreateApprovedContentDto } from './admin.dto';

export function adminRoutes(s: Pick<Services, 'content' | 'org' | 'staff'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/admin/org-units', access: STAFF_MANAGERS, bootstrap: true, tag: 'admin', responds: 'OrgUnitView[]',
      summary: 'The organisation tree: an admin\'s whole, a manager\'s subtree (the bootstrap token may call it until an admin is bound)',
      handler: async ({ actor }) => (await s.org.list()).filter((u) => actor.role === 'admin' || u.path.startsWith(actor.orgPath)).map(presentOrgUnit),
    }),
    route({
      method: 'post', path: '/api/admin/org-units', access: ADMINS, bootstrap: true, tag: 'admin',
      summary: 'Create a company, branch or team (the bootstrap token may call it until an admin is bound)',
      body: CreateOrgUnitDto, responds: 'OrgUnitView', status: 201,
      handler: async ({ body }) => presentOrgUnit(await s.org.create(body)),
    }),
    route({
      method: 'post', path: '/api/admin/staff', access: STAFF_MANAGERS, bootstrap: true, tag: 'admin',
      summary: 'Create a staff member and their one-time invite code (a manager: agents and leaders in their subtree; the bootstrap token: an admin, until an admin is bound)',
      body: CreateStaffDto, responds: 'StaffCreatedView', status: 201,
      handler: ({ body, actor }) => {
        // The bootstrap token sets up the first admin only; that admin, logged in, creates everyone else.
        if (actor.bootstrap && body.role !== 'admin') throw new AppError(403, 'bootstrap_token_admin_only');
        return s.staff.create(body, actor.bootstrap ? undefined : actor);
      },
    }),
    route({
      method: 'post', path: '/api/admin/content', access: ADMINS,
      summary: 'Create an approved content item (bootstrap; the review workflow is under /api/operator)', tag: 'admin',
      body: CreateApprovedContentDto, responds: 'ContentSummaryView', status: 201, errors: COMPLIANCE_ERRORS,
      handler: async ({ body, actor }) => {
        const { item, version } = await s.content.publishApproved(actor, { ...body, bodyHtml: body.bodyHtml === undefined ? null : sanitizeArticleHtml(body.bodyHtml) });
        return presentContentSummary(item, version);
      },
    }),
  ];
}
