import { route, RouteDef } from '../../http/route';
import { SHARERS, STAFF_READERS } from '../../permissions/access';
import type { Services } from '../../services';
import { ListContactsQuery, LogActionDto } from './contact.dto';

export function contactsRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/contacts', access: STAFF_READERS, summary: 'Contacts in scope, by cell, stage, referral class or tag', tag: 'contacts',
      query: ListContactsQuery, responds: 'Page<ContactSummaryView>',
      handler: ({ query, actor }) => s.contacts.list(actor, query),
    }),
    route({
      method: 'get', path: '/api/contacts/grid', access: STAFF_READERS, summary: 'Counts per grid cell and per stage', tag: 'contacts', responds: 'GridCountsView',
      handler: ({ actor }) => s.contacts.gridCounts(actor),
    }),
    route({
      method: 'get', path: '/api/contacts/:contactId', access: STAFF_READERS, summary: 'A contact with scores, explanations, timeline, leads and open tasks', tag: 'contacts',
      responds: 'ContactDetailView',
      handler: ({ params, actor }) => s.contacts.detail(actor, params.contactId),
    }),
    route({
      method: 'post', path: '/api/contacts/:contactId/actions', access: SHARERS, summary: 'Log an offline action (call, visit, proposal, signed …)', tag: 'contacts',
      body: LogActionDto, responds: 'LoggedActionView', status: 201,
      handler: ({ body, params, actor }) => s.contacts.logAction(actor, params.contactId, body),
    }),
    route({
      method: 'post', path: '/api/contacts/:contactId/leads/:leadId/reveal-phone', access: SHARERS, summary: 'The full phone number, for the owning agent; audited', tag: 'contacts',
      responds: 'RevealedPhoneView',
      handler: ({ params, actor }) => s.contacts.revealPhone(actor, params.contactId, params.leadId),
    }),
  ];
}
