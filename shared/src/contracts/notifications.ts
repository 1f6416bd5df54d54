/** The wire format of the agent's notices (消息) and their WeChat subscription messages. */

/** What a notice is about: each is one event that should not wait. */
export type NoticeKind = 'lead' | 'high_intent' | 'referral' | 'message' | 'reminder';
export const NOTICE_KINDS: readonly NoticeKind[] = ['lead', 'high_intent', 'referral', 'message', 'reminder'];

/**
 * The subscription-message templates the agent grants (one requestSubscribeMessage call takes at
 * most three): customer activity carries leads, high-intent reads and referrals.
 */
export type NoticeTemplate = 'activity' | 'message' | 'reminder';
export const NOTICE_TEMPLATES: readonly NoticeTemplate[] = ['activity', 'message', 'reminder'];
export const TEMPLATE_OF_KIND: Readonly<Record<NoticeKind, NoticeTemplate>> = {
  lead: 'activity', high_intent: 'activity', referral: 'activity', message: 'message', reminder: 'reminder',
};

/** How a notice's WeChat push went: queued (quiet hours), sent, or only in the app (and why). */
export type NoticePushState = 'queued' | 'sending' | 'sent' | 'no_grant' | 'capped' | 'refused' | 'failed' | 'in_app';

/** GET /api/notifications — one notice. */
export interface NoticeView {
  noticeId: string;
  kind: NoticeKind;
  title: string;
  body: string;
  contactId: string | null;
  /** The mini program page the notice opens, e.g. "agent/contact/index?contactId=…". */
  page: string | null;
  createdAt: string;
  readAt: string | null;
  push: NoticePushState;
}

/** GET /api/notifications */
export interface NoticeListView {
  items: NoticeView[];
  unread: number;
}

/** GET /api/notifications/unread-count */
export interface UnreadCountView {
  unread: number;
}

/** One template as the grant page shows it. */
export interface NoticeTemplateView {
  template: NoticeTemplate;
  /** WeChat's template id; null when the deployment has not configured it (then nothing is pushed). */
  templateId: string | null;
  kinds: NoticeKind[];
  /** Sends left: each 允许 in requestSubscribeMessage is one. */
  remaining: number;
}

/** GET and PUT /api/notifications/settings */
export interface NotificationSettingsView {
  /** "HH:MM" China time; quiet from start to end (across midnight when end < start). Equal: never quiet. */
  quietStart: string;
  quietEnd: string;
  /** Pushes per China day; notices beyond it stay in the app. */
  dailyCap: number;
  sentToday: number;
  templates: NoticeTemplateView[];
}

export interface UpdateNotificationSettingsRequest {
  quietStart?: string;
  quietEnd?: string;
  dailyCap?: number;
}

/** POST /api/notifications/grants: what requestSubscribeMessage answered, by template id. */
export interface RecordGrantsRequest {
  results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>;
}

/** POST /api/notifications/:id/read, POST /api/notifications/read-all */
export interface MarkedReadView {
  marked: number;
  unread: number;
}
