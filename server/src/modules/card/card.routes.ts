import { route, RouteDef } from '../../http/route';
import { COMPLIANCE_ERRORS, SHARERS, VIEWERS } from '../../permissions/access';
import type { Services } from '../../services';
import { UpdateCardDto } from '../staff/staff.dto';
import { LeaveMessageDto, ReaderReachQuery, UpdateReachDto } from './card.dto';

export function cardRoutes(s: Pick<Services, 'staff' | 'personaTemplates' | 'cardReach' | 'customerMessages'>): RouteDef[] {
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
    route({
      method: 'get', path: '/api/card/reach', access: SHARERS, tag: 'card', responds: 'AgentReachView',
      summary: 'How customers may reach the agent: the phone (shown to them only when phonePublic) and the WeChat or 企业微信 QR code',
      handler: ({ actor }) => s.cardReach.ofAgent(actor.staffId),
    }),
    route({
      method: 'put', path: '/api/card/reach', access: SHARERS, tag: 'card', body: UpdateReachDto, responds: 'AgentReachView',
      summary: 'Set the phone, whether customers see it, and the QR code (an upload id from POST /api/uploads); audited',
      handler: ({ actor, body }) => s.cardReach.update(actor, body),
    }),
    route({
      method: 'get', path: '/api/card/reader-reach', access: VIEWERS, tag: 'card', query: ReaderReachQuery, responds: 'ReaderReachView',
      summary: 'The 咨询顾问 panel under a share: call (if the agent shows the phone), add WeChat (the QR code), or leave a message',
      errors: { 404: 'the shareId is not a valid share link' },
      handler: ({ query }) => s.cardReach.forReader(query.shareId),
    }),
    route({
      method: 'post', path: '/api/card/messages', access: VIEWERS, tag: 'card', body: LeaveMessageDto, responds: 'MessageLeftView', status: 201,
      alsoAnswers: { 200: 'the same clientMessageId was stored before: nothing new' },
      summary: 'A customer leaves the agent a short message (留言, ≤ 200 characters): stored once per clientMessageId, told to the agent as a notice',
      errors: { 404: 'the shareId is not a valid share link', 429: 'more than 3 messages in 10 minutes or 10 in a day' },
      handler: async ({ userId, body, ctx }) => {
        const { message, created } = await s.customerMessages.leave(userId, body);
        if (!created) ctx.status = 200;
        return message;
      },
    }),
  ];
}
