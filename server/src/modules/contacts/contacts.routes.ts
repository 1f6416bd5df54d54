import { route, RouteDef } from '../../http/route';
import { SHARERS, STAFF_READERS, TEAM_OVERSEERS } from '../../permissions/access';
import type { Services } from '../../services';
import { ContactNoteDto, CreateContactDto, ListContactsQuery, LogActionDto, MergeContactDto, RevealPhoneDto, UpdateContactDto } from './contact.dto';

export function contactsRoutes(s: Pick<Services, 'contactBook' | 'contactNotes' | 'contacts' | 'contactMerge' | 'sharedPersons'>): RouteDef[] {
  const tag = 'contacts';
  const phoneTaken = { 409: 'a phone is already held by another of the agent\'s contacts (named in the error)' };
  const notAuthor = { 403: 'not the note\'s author' };
  return [
    route({
      method: 'get', path: '/api/contacts', access: STAFF_READERS, tag, query: ListContactsQuery, responds: 'Page<ContactSummaryView>',
      summary: 'Contacts in scope: search (q: name, remark, real name, own tag, a phone\'s last 4 or 11 digits) and filters by cell, stage, referral class, source, last touch, tag',
      handler: ({ query, actor }) => s.contacts.list(actor, query),
    }),
    route({
      method: 'post', path: '/api/contacts', access: SHARERS, tag, body: CreateContactDto, responds: 'ContactDetailView', status: 201, errors: phoneTaken,
      summary: 'Add a contact by hand (remark name required); phones encrypted; audited',
      handler: ({ body, actor }) => s.contactBook.create(actor, body),
    }),
    route({
      method: 'get', path: '/api/contacts/grid', access: STAFF_READERS, summary: 'Counts per grid cell and per stage', tag, responds: 'GridCountsView',
      handler: ({ actor }) => s.contacts.gridCounts(actor),
    }),
    route({
      method: 'get', path: '/api/contacts/shared-persons', access: TEAM_OVERSEERS, tag, responds: 'SharedPersonView[]',
      summary: 'People held by more than one agent of the company (撞单), by entered or verified phone hash or WeChat unionid: the holders in scope, the rest counted',
      handler: ({ actor }) => s.sharedPersons.list(actor),
    }),
    route({
      method: 'post', path: '/api/contacts/:contactId/merge', access: SHARERS, tag, body: MergeContactDto, responds: 'ContactMergeView', status: 201,
      summary: 'Merge another of the agent\'s contacts into this one (one person, one contact): both histories, rescored; audited; undoable for 7 days',
      errors: { 403: 'not the agent\'s own contacts', 409: 'one of them is already merged' },
      handler: ({ body, params, actor }) => s.contactMerge.merge(actor, params.contactId, body.fromContactId),
    }),
    route({
      method: 'get', path: '/api/contacts/:contactId/merges', access: STAFF_READERS, tag, responds: 'ContactMergeView[]',
      summary: 'The merges into this contact, newest first, with how long each can still be undone',
      handler: ({ params, actor }) => s.contactMerge.mergesInto(actor, params.contactId),
    }),
    route({
      method: 'post', path: '/api/contact-merges/:mergeId/undo', access: SHARERS, tag, responds: 'ContactMergeView',
      summary: '撤销合并: both contacts back as they were (rows, fields, viewer), rescored; within 7 days; audited',
      errors: { 404: 'not a merge of your contacts', 409: 'already undone, older than 7 days, or the contact was merged again since' },
      handler: ({ params, actor }) => s.contactMerge.undo(actor, params.mergeId),
    }),
    route({
      method: 'get', path: '/api/contacts/:contactId', access: STAFF_READERS, summary: 'A contact with scores, explanations, timeline, leads and open tasks', tag,
      responds: 'ContactDetailView',
      handler: ({ params, actor }) => s.contacts.detail(actor, params.contactId),
    }),
    route({
      method: 'put', path: '/api/contacts/:contactId', access: SHARERS, tag, body: UpdateContactDto, responds: 'ContactDetailView',
      summary: 'Edit what the agent knows (partial; null clears; never owner, stage or scores); phones by id kept, by number added, left out removed; audited',
      errors: { 403: 'not the contact\'s own agent', ...phoneTaken },
      handler: ({ body, params, actor }) => s.contactBook.update(actor, params.contactId, body),
    }),
    route({
      method: 'post', path: '/api/contacts/:contactId/actions', access: SHARERS, summary: 'Log an offline action (call, visit, proposal, signed …)', tag,
      body: LogActionDto, responds: 'LoggedActionView', status: 201,
      handler: ({ body, params, actor }) => s.contacts.logAction(actor, params.contactId, body),
    }),
    route({
      method: 'post', path: '/api/contacts/:contactId/reveal-phone', access: SHARERS, tag, body: RevealPhoneDto, responds: 'RevealedPhoneView',
      summary: 'The full phone to call: the entered phone named, else the first entered, else the latest lead\'s; owning agent only; audited',
      errors: { 404: 'not your contact, or no phone (code no_phone)' },
      handler: ({ body, params, actor }) => s.contactBook.revealPhone(actor, params.contactId, body),
    }),
    route({
      method: 'post', path: '/api/contacts/:contactId/leads/:leadId/reveal-phone', access: SHARERS, summary: 'The full phone number, for the owning agent; audited', tag,
      responds: 'RevealedPhoneView',
      handler: ({ params, actor }) => s.contactBook.revealLeadPhone(actor, params.contactId, params.leadId),
    }),
    route({
      method: 'post', path: '/api/contacts/:contactId/notes', access: SHARERS, tag, body: ContactNoteDto, responds: 'ContactNoteView', status: 201,
      summary: 'Write a note on the contact (shown in its timeline and in the person\'s export); audited', errors: { 403: 'not the contact\'s own agent' },
      handler: ({ body, params, actor }) => s.contactNotes.add(actor, params.contactId, body),
    }),
    route({
      method: 'put', path: '/api/contacts/:contactId/notes/:noteId', access: SHARERS, tag, body: ContactNoteDto, responds: 'ContactNoteView', errors: notAuthor,
      summary: 'Edit a note (its author only); audited',
      handler: ({ body, params, actor }) => s.contactNotes.edit(actor, params.contactId, params.noteId, body),
    }),
    route({
      method: 'delete', path: '/api/contacts/:contactId/notes/:noteId', access: SHARERS, tag, responds: 'nothing', status: 204, errors: notAuthor,
      summary: 'Delete a note (its author only); audited',
      handler: ({ params, actor }) => s.contactNotes.remove(actor, params.contactId, params.noteId),
    }),
  ];
}
