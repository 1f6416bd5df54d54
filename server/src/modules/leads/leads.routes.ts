import { route, RouteDef } from '../../http/route';
import { RATE_LIMITED, VIEWERS } from '../../permissions/access';
import type { Services } from '../../services';
import { SubmitLeadDto } from './lead.dto';

export function leadsRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'post', path: '/api/leads', access: VIEWERS, summary: 'The lead form (留资), with explicit consent', tag: 'leads', body: SubmitLeadDto, responds: 'LeadView', status: 201,
      errors: { 429: RATE_LIMITED },
      alsoAnswers: { 200: 'the same form again (its clientEventId was stored before): the lead it made' },
      handler: async ({ body, userId, ctx }) => {
        const { lead, created } = await s.leads.submit(userId, body);
        if (!created) ctx.status = 200;
        return lead;
      },
    }),
  ];
}
