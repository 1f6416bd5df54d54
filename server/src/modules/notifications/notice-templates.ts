import { fitThing, formatTimeValue, type NoticeKind, type NoticeTemplate } from '@kejing/shared';

/**
 * The keys of the three templates, as chosen from WeChat's public template library (the ids a
 * deployment configures must be templates with these keys): thing ≤ 20 characters, time as
 * "2026年11月2日 09:05".
 *   activity (客户动态提醒): thing1 客户, thing2 动态, time3 时间
 *   message  (留言通知): thing1 留言人, thing2 留言内容, time3 留言时间
 *   reminder (待办提醒): thing1 待办事项, time2 提醒时间, thing3 备注
 */
export function templateData(template: NoticeTemplate, notice: { title: string; body: string; createdAtMs: number }): Record<string, string> {
  const time = formatTimeValue(notice.createdAtMs);
  if (template === 'reminder') return { thing1: fitThing(notice.body), time2: time, thing3: fitThing(notice.title) };
  return { thing1: fitThing(notice.title), thing2: fitThing(notice.body), time3: time };
}

/** What each kind is called in the app's list. */
export const KIND_LABELS: Readonly<Record<NoticeKind, string>> = {
  lead: '新线索', high_intent: '高意向阅读', referral: '转介绍', message: '客户留言', reminder: '待办提醒',
};
