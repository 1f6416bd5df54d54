import type { RouteDef } from '../../http/route';
import { actorOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import type { Services } from '../../services';
import { ListContactsQuery, LogActionDto } from './contact.dto';

export function contactsRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'get', path: '/api/contacts',
      handler: async (ctx) => void (ctx.body = await s.contacts.list(actorOf(ctx), await validated(ListContactsQuery, { ...ctx.query }))),
    },
    { method: 'get', path: '/api/contacts/grid', handler: async (ctx) => void (ctx.body = await s.contacts.gridCounts(actorOf(ctx))) },
    {
      method: 'get', path: '/api/contacts/:contactId',
      handler: async (ctx) => void (ctx.body = await s.contacts.detail(actorOf(ctx), String(ctx.params.contactId))),
    },
    {
      method: 'post', path: '/api/contacts/:contactId/actions',
      handler: async (ctx) => {
        const dto = await validated(LogActionDto, ctx.request.body);
        ctx.body = await s.contacts.logAction(actorOf(ctx), String(ctx.params.contactId), dto);
        ctx.status = 201;
      },
    },
    {
      method: 'post', path: '/api/contacts/:contactId/leads/:leadId/reveal-phone',
      handler: async (ctx) => {
        ctx.body = await s.contacts.revealPhone(actorOf(ctx), String(ctx.params.contactId), String(ctx.params.leadId));
      },
    },
  ];
}
