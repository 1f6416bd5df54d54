import { route, RouteDef } from '../../http/route';
import { COMPLIANCE_ERRORS, SHARERS } from '../../permissions/access';
import type { Services } from '../../services';
import { UpdateCardDto } from '../staff/staff.dto';

export function cardRoutes(s: Pick<Services, 'staff' | 'personaTemplates'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/card', access: SHARERS, summary: 'The agent\'s card', tag: 'card', responds: 'AgentCardView',
      handler: ({ actor }) => s.staff.card(actor.staffId),
    }),
    route({
      method: 'put', path: '/api/card', access: SHARERS, tag: 'card', body: UpdateCardDto, responds: 'AgentCardView', errors: COMPLIANCE_ERRORS,
      summary: 'Edit the agent\'s card (the name and intro pass the compliance check: customers read them)',
      handler: async ({ body, actor }) => {
        await s.personaTemplates.assertKnown(body.personaTemplate);
        return s.staff.updateCard(actor, body);
      },
    }),
  ];
}
