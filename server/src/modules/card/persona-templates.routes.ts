import { route, RouteDef } from '../../http/route';
import { COMPLIANCE_ERRORS, CONTENT_READERS, OPERATORS } from '../../permissions/access';
import type { Services } from '../../services';
import { PersonaTemplatesDto } from './persona-template.dto';

/** Persona templates for the agent card: read by the card page, kept by operators. */
export function personaTemplatesRoutes(s: Pick<Services, 'personaTemplates'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/card/persona-templates', access: CONTENT_READERS, summary: 'Persona templates for the agent card, in order', tag: 'card',
      responds: 'PersonaTemplateView[]', handler: () => s.personaTemplates.list(),
    }),
    route({
      method: 'put', path: '/api/admin/persona-templates', access: OPERATORS, tag: 'card', body: PersonaTemplatesDto, responds: 'PersonaTemplateView[]',
      summary: 'Replace the persona templates (validated: codes, names, only {姓名} and {公司} as placeholders; names and intros pass the compliance check)',
      errors: COMPLIANCE_ERRORS, handler: ({ actor, body }) => s.personaTemplates.replace(actor, body.templates),
    }),
  ];
}
