import type { Context } from 'koa';
import type { RouteDef } from '../../http/route';
import { actorOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import type { Services } from '../../services';
import { ContactNoteDto, CreateContactDto, ListContactsQuery, LogActionDto, RevealPhoneDto, UpdateContactDto } from './contact.dto';

export function contactsRoutes(s: Services): RouteDef[] {
  const contactId = (ctx: Context) => String(ctx.params.contactId);
  return [
    {
      method: 'get', path: '/api/contacts',
      handler: async (ctx) => void (ctx.body = await s.contacts.list(actorOf(ctx), await validated(ListContactsQuery, { ...ctx.query }))),
    },
    {
      method: 'post', path: '/api/contacts',
      handler: async (ctx) => {
        ctx.body = await s.contactBook.create(actorOf(ctx), await validated(CreateContactDto, ctx.request.body));
        ctx.status = 201;
      },
    },
    { method: 'get', path: '/api/contacts/grid', handler: async (ctx) => void (ctx.body = await s.contacts.gridCounts(actorOf(ctx))) },
    {
      method: 'get', path: '/api/contacts/:contactId',
      handler: async (ctx) => void (ctx.body = await s.contacts.detail(actorOf(ctx), contactId(ctx))),
    },
    {
      method: 'put', path: '/api/contacts/:contactId',
      handler: async (ctx) => void (ctx.body = await s.contactBook.update(actorOf(ctx), contactId(ctx), await validated(UpdateContactDto, ctx.request.body))),
    },
    {
      method: 'post', path: '/api/contacts/:contactId/actions',
      handler: async (ctx) => {
        const dto = await validated(LogActionDto, ctx.request.body);
        ctx.body = await s.contacts.logAction(actorOf(ctx), contactId(ctx), dto);
        ctx.status = 201;
      },
    },
    {
      method: 'post', path: '/api/contacts/:contactId/reveal-phone',
      handler: async (ctx) => void (ctx.body = await s.contactBook.revealPhone(actorOf(ctx), contactId(ctx), await validated(RevealPhoneDto, ctx.request.body ?? {}))),
    },
    {
      method: 'post', path: '/api/contacts/:contactId/leads/:leadId/reveal-phone',
      handler: async (ctx) => void (ctx.body = await s.contactBook.revealLeadPhone(actorOf(ctx), contactId(ctx), String(ctx.params.leadId))),
    },
    {
      method: 'post', path: '/api/contacts/:contactId/notes',
      handler: async (ctx) => {
        ctx.body = await s.contactNotes.add(actorOf(ctx), contactId(ctx), await validated(ContactNoteDto, ctx.request.body));
        ctx.status = 201;
      },
    },
    {
      method: 'put', path: '/api/contacts/:contactId/notes/:noteId',
      handler: async (ctx) => {
        ctx.body = await s.contactNotes.edit(actorOf(ctx), contactId(ctx), String(ctx.params.noteId), await validated(ContactNoteDto, ctx.request.body));
      },
    },
    {
      method: 'delete', path: '/api/contacts/:contactId/notes/:noteId',
      handler: async (ctx) => {
        await s.contactNotes.remove(actorOf(ctx), contactId(ctx), String(ctx.params.noteId));
        ctx.status = 204;
      },
    },
  ];
}
