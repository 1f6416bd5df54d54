import type { RouteDef } from '../../http/route';
import { actorOf, userIdOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import type { Services } from '../../services';
import { GiveConsentDto } from './privacy.dto';

/** The person's own privacy controls (the mini program calls them) and operators' handling of requests. */
export function privacyRoutes(s: Services): RouteDef[] {
  return [
    { method: 'get', path: '/api/privacy/me/consents', handler: async (ctx) => void (ctx.body = await s.privacy.consents(userIdOf(ctx))) },
    {
      method: 'post', path: '/api/privacy/me/consents',
      handler: async (ctx) => {
        ctx.body = await s.privacy.giveConsent(userIdOf(ctx), await validated(GiveConsentDto, ctx.request.body));
        ctx.status = 201;
      },
    },
    {
      method: 'post', path: '/api/privacy/me/consents/:consentId/withdraw',
      handler: async (ctx) => void (ctx.body = await s.privacy.withdrawConsent(userIdOf(ctx), String(ctx.params.consentId))),
    },
    { method: 'post', path: '/api/privacy/me/opt-out', handler: async (ctx) => void (ctx.body = await s.privacy.setOptOut(userIdOf(ctx), true)) },
    { method: 'delete', path: '/api/privacy/me/opt-out', handler: async (ctx) => void (ctx.body = await s.privacy.setOptOut(userIdOf(ctx), false)) },
    { method: 'get', path: '/api/privacy/me/export', handler: async (ctx) => void (ctx.body = await s.privacy.exportMine(userIdOf(ctx))) },
    { method: 'delete', path: '/api/privacy/me', handler: async (ctx) => void (ctx.body = await s.privacy.deleteMine(userIdOf(ctx))) },
    {
      method: 'get', path: '/api/privacy/contacts/:contactId/export',
      handler: async (ctx) => void (ctx.body = await s.privacy.exportContact(actorOf(ctx), String(ctx.params.contactId))),
    },
    {
      method: 'delete', path: '/api/privacy/contacts/:contactId',
      handler: async (ctx) => void (ctx.body = await s.privacy.deleteContact(actorOf(ctx), String(ctx.params.contactId))),
    },
  ];
}
