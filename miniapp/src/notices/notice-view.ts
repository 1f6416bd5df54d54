import type { NoticeKind, NoticePushState, NoticeView } from '@kejing/shared'

/** What each kind is called on the 消息 page. */
export const NOTICE_KIND_LABELS: Readonly<Record<NoticeKind, string>> = {
  lead: '新线索', high_intent: '高意向', referral: '转介绍', message: '留言', reminder: '待办',
}

/** A short word on how the WeChat push went, for the agent who wonders why the phone stayed silent. */
export const PUSH_LABELS: Readonly<Record<NoticePushState, string>> = {
  queued: '免打扰时段后推送', sending: '推送中', sent: '已推送到微信', no_grant: '未开启微信提醒', capped: '已达今日推送上限',
  refused: '微信提醒已关闭', failed: '推送失败', in_app: '仅在消息中',
}

/** The mini program page a notice opens, with the leading slash navigateTo needs. */
export function noticeTarget(notice: Pick<NoticeView, 'page' | 'contactId'>): string | null {
  if (notice.contactId) return `/agent/contact/index?id=${encodeURIComponent(notice.contactId)}`
  if (!notice.page || notice.page.startsWith('agent/notices/')) return null
  return `/${notice.page}`
}

/** "99+" past 99, nothing at 0: the badge on 今日. */
export const badgeText = (unread: number) => (unread <= 0 ? '' : unread > 99 ? '99+' : String(unread))
