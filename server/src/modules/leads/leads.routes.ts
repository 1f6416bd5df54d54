import type { RouteDef } from '../../http/route';
import { userIdOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import type { Services } from '../../services';
import { SubmitLeadDto } from './lead.dto';

export function leadsRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'post', path: '/api/leads',
      handler: async (ctx) => {
        const { lead, created } = await s.leads.submit(userIdOf(ctx), await validated(SubmitLeadDto, ctx.request.body));
        ctx.body = lead;
        ctx.status = created ? 201 : 200;
      },
    },
  ];
}
