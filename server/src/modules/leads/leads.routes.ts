import { route, RouteDef } from '../../http/route';
import { INVALID_SHARE, RATE_LIMITED, VIEWERS } from '../../permissions/access';
import type { Services } from '../../services';
import { SubmitLeadDto } from './lead.dto';

export function leadsRoutes(s: Pick<Services, 'leads'>): RouteDef[] {
  return [
    route({
      method: 'post', path: '/api/leads', access: VIEWERS, tag: 'leads', body: SubmitLeadDto, responds: 'LeadView', status: 201,
      summary: 'The lead form (留资), with explicit consent; the phone typed, or verified by WeChat from a getPhoneNumber code (phoneCode)',
      // A phoneCode is exchanged with WeChat inside the request: its refusals and outages are this route's too.
      errors: {
        404: INVALID_SHARE, 422: 'the WeChat phone number is not a mainland mobile', 429: `${RATE_LIMITED}; or WeChat rate limited the app`,
        502: 'WeChat answered with something unreadable', 503: 'the database or WeChat unreachable; retry after Retry-After',
      },
      alsoAnswers: { 200: 'the same form again (its clientEventId was stored before): the lead it made' },
      handler: async ({ body, userId, ctx }) => {
        const { lead, created } = await s.leads.submit(userId, body);
        if (!created) ctx.status = 200;
        return lead;
      },
    }),
  ];
}
