import type { RouteDef } from '../../http/route';
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
        ctx.body = await s.staff.create(await validated(CreateStaffDto, ctx.request.body));
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
