import { route, RouteDef } from '../../http/route';
import { INVALID_SHARE, OPERATORS, VIEWERS } from '../../permissions/access';
import type { Services } from '../../services';
import { GiveConsentDto } from './privacy.dto';

/** Personal data (PIPL): the person's own controls (the mini program calls them) and staff handling of a person's request. */
export function privacyRoutes(s: Pick<Services, 'privacy'>): RouteDef[] {
  const tag = 'privacy';
  return [
    route({
      method: 'get', path: '/api/privacy/me/consents', access: VIEWERS, summary: 'The consents this person gave, with text version, purpose and withdrawal', tag,
      responds: 'ConsentView[]',
      handler: ({ userId }) => s.privacy.consents(userId),
    }),
    route({
      method: 'post', path: '/api/privacy/me/consents', access: VIEWERS, summary: 'Give a consent (e.g. the separate one health needs need)', tag,
      body: GiveConsentDto, responds: 'ConsentView', status: 201, errors: { 404: INVALID_SHARE },
      handler: ({ body, userId }) => s.privacy.giveConsent(userId, body),
    }),
    route({
      method: 'post', path: '/api/privacy/me/consents/:consentId/withdraw', access: VIEWERS, summary: 'Withdraw a consent: health needs or the lead it allowed are erased', tag,
      responds: 'ConsentView',
      handler: ({ params, userId }) => s.privacy.withdrawConsent(userId, params.consentId),
    }),
    route({
      method: 'post', path: '/api/privacy/me/opt-out', access: VIEWERS, summary: 'Opt out of personalised scoring and messages', tag, responds: 'OptOutView',
      handler: ({ userId }) => s.privacy.setOptOut(userId, true),
    }),
    route({
      method: 'delete', path: '/api/privacy/me/opt-out', access: VIEWERS, summary: 'Opt back in', tag, responds: 'OptOutView',
      handler: ({ userId }) => s.privacy.setOptOut(userId, false),
    }),
    route({
      method: 'get', path: '/api/privacy/me/export', access: VIEWERS, summary: 'Everything stored about this person (by WeChat identity, and by phones WeChat verified as theirs); audited', tag, responds: 'PersonalDataExport',
      handler: ({ userId }) => s.privacy.exportMine(userId),
    }),
    route({
      method: 'delete', path: '/api/privacy/me', access: VIEWERS, summary: 'Erase this person at every agent (by WeChat identity, and by phones WeChat verified as theirs) and end every session of theirs; audited', tag, responds: 'DeletionView',
      handler: ({ userId }) => s.privacy.deleteMine(userId),
    }),
    route({
      method: 'get', path: '/api/privacy/contacts/:contactId/export', access: ['agent', 'leader', 'manager', 'operator', 'admin'],
      summary: 'Export the person behind a contact (operators: whole person, full phone; others: in scope, masked); audited', tag, responds: 'PersonalDataExport',
      handler: ({ params, actor }) => s.privacy.exportContact(actor, params.contactId),
    }),
    route({
      method: 'delete', path: '/api/privacy/contacts/:contactId', access: OPERATORS, summary: 'Erase the person behind a contact on their request; audited', tag,
      responds: 'DeletionView',
      handler: ({ params, actor }) => s.privacy.deleteContact(actor, params.contactId),
    }),
  ];
}
