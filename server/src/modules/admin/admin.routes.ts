import type { RouteDef } from '../../http/route';
import { forbidden } from '../../lib/app-error';
import { actorOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import { sanitizeArticleHtml } from '../content/sanitize-html';
import { presentContentSummary } from '../content/content.presenter';
import { presentOrgUnit } from '../org/org.service';
import type { Services } from '../../services';
import { CreateOrgUnitDto, CreateStaffDto } from '../staff/staff.dto';
import { CreateApprovedContentDto } from './admin.dto';

export function adminRoutes(s: Services): RouteDef[] {
  return [
    { method: 'get', path: '/api/admin/org-units', handler: async (ctx) => void (ctx.body = (await s.org.list()).map(presentOrgUnit)) },
    {
      method: 'post', path: '/api/admin/org-units',
      handler: async (ctx) => {
        ctx.body = presentOrgUnit(await s.org.create(await validated(CreateOrgUnitDto, ctx.request.body)));
        ctx.status = 201;
      },
    },
    {
      method: 'post', path: '/api/admin/staff',
      handler: async (ctx) => {
        const dto = await validated(CreateStaffDto, ctx.request.body);
        // The bootstrap token sets up the first admin only; that admin, logged in, creates everyone else.
        if (actorOf(ctx).bootstrap && dto.role !== 'admin') throw forbidden('the bootstrap token creates only an admin; log in as that admin to create other staff');
        ctx.body = await s.staff.create(dto);
        ctx.status = 201;
      },
    },
    {
      method: 'post', path: '/api/admin/content',
      handler: async (ctx) => {
        const dto = await validated(CreateApprovedContentDto, ctx.request.body);
        const { item, version } = await s.content.publishApproved(actorOf(ctx), { ...dto, bodyHtml: dto.bodyHtml === undefined ? null : sanitizeArticleHtml(dto.bodyHtml) });
        ctx.body = presentContentSummary(item, version);
        ctx.status = 201;
      },
    },
  ];
}
