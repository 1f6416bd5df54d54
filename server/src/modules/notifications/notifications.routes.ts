import { route, RouteDef } from '../../http/route';
import { SHARERS } from '../../permissions/access';
import type { Services } from '../../services';
import { NoticeListQuery, RecordGrantsDto, UpdateNotificationSettingsDto } from './notifications.dto';

const tag = 'notifications';

export function notificationsRoutes(s: Pick<Services, 'notifications'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/notifications', access: SHARERS, tag, query: NoticeListQuery, responds: 'NoticeListView',
      summary: "The agent's notices (消息), newest first (50), with the unread count: every notice is here whatever became of its WeChat push",
      handler: ({ actor, query }) => s.notifications.list(actor.staffId, { unreadOnly: query.unread === 'true' }),
    }),
    route({
      method: 'get', path: '/api/notifications/unread-count', access: SHARERS, tag, responds: 'UnreadCountView', summary: 'How many notices are unread (the badge on 今日)',
      handler: async ({ actor }) => ({ unread: await s.notifications.unreadCount(actor.staffId) }),
    }),
    route({
      method: 'post', path: '/api/notifications/:noticeId/read', access: SHARERS, tag, responds: 'MarkedReadView', summary: 'Mark one notice read (again is harmless)',
      errors: { 404: 'not one of your notices' },
      handler: ({ actor, params }) => s.notifications.markRead(actor.staffId, params.noticeId),
    }),
    route({
      method: 'post', path: '/api/notifications/read-all', access: SHARERS, tag, responds: 'MarkedReadView', summary: 'Mark every notice read',
      handler: ({ actor }) => s.notifications.markAllRead(actor.staffId),
    }),
    route({
      method: 'get', path: '/api/notifications/settings', access: SHARERS, tag, responds: 'NotificationSettingsView',
      summary: 'Quiet hours, daily cap, and per subscription template its WeChat id and the sends granted',
      handler: ({ actor }) => s.notifications.settings(actor.staffId),
    }),
    route({
      method: 'put', path: '/api/notifications/settings', access: SHARERS, tag, body: UpdateNotificationSettingsDto, responds: 'NotificationSettingsView',
      summary: 'Set quiet hours ("HH:MM" China time; pushes wait until they end) and the daily cap of pushes',
      handler: ({ actor, body }) => s.notifications.updateSettings(actor.staffId, body),
    }),
    route({
      method: 'post', path: '/api/notifications/grants', access: SHARERS, tag, body: RecordGrantsDto, responds: 'NotificationSettingsView',
      summary: "Record what requestSubscribeMessage answered (template id → accept/reject/ban/filter): each accept is one more push WeChat allows",
      handler: ({ actor, body }) => s.notifications.recordGrants(actor.staffId, body),
    }),
  ];
}
