/** The wire format of tasks: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { GridCellCode, Stage } from './domain';
import type { TouchpointType } from './touchpoint';

/**
 * open and snoozed hold the contact's one active follow-up; scheduled is an agent's reminder not
 * yet come; waiting is a rule task that stepped aside while the agent's reminder holds the place.
 */
export type TaskStatus = 'open' | 'done' | 'snoozed' | 'dismissed' | 'scheduled' | 'waiting';
/** rule: planned from touchpoints, silence or dates; reminder: set by the agent (提醒). */
export type TaskOrigin = 'rule' | 'reminder';
/** How an agent's reminder comes again once done. */
export const REMINDER_REPEATS = ['daily', 'weekly', 'monthly', 'yearly'] as const;
export type ReminderRepeat = (typeof REMINDER_REPEATS)[number];
/** Snooze to a named day: tomorrow (明天) or next week (下周), each at 09:00 China time. */
export const SNOOZE_PRESETS = ['tomorrow', 'next_week'] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];
/** The longest an agent's reminder text may be (it is the card's action line). */
export const REMINDER_NOTE_MAX = 200;
/** How far ahead a reminder may be set, and a follow-up snoozed, in days. */
export const REMINDER_AHEAD_MAX_DAYS = 366;
export const SNOOZE_AHEAD_MAX_DAYS = 30;
/** How the agent carries a follow-up out, so the morning list offers it as the task's button. */
export const FOLLOW_UP_CHANNELS = ['call', 'message', 'meet', 'observe'] as const;
/** call 打电话, message 发微信, meet 约见面, observe 先留意（暂不打扰）. */
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];
export interface TaskView {
  taskId: string;
  contactId: string;
  contactName: string;
  cell: GridCellCode;
  stage: Stage;
  action: string;
  /** How the action is carried out: the morning list's button (拨打, 复制话术, 约见面, 知道了). */
  channel: FollowUpChannel;
  suggestedMessage: string;
  dueAt: string;
  priority: number;
  status: TaskStatus;
  /** The touchpoints that triggered this task. */
  because: { type: TouchpointType; at: string; contentTitle: string | null }[];
  /** Set by the agent (a reminder) or planned by a rule. */
  origin: TaskOrigin;
  /** The agent's own words on a reminder; null on a rule task. */
  note: string | null;
  /** A reminder's repeat; null when it comes once. */
  repeat: ReminderRepeat | null;
}
/**
 * The morning list's sections, in the order shown: 逾期 (due before now), 今天 (due later today, or
 * within six hours: a lead at 23:30 is tonight's call), 稍后 (planned today, due later).
 */
export const MORNING_LIST_SECTIONS = ['overdue', 'today', 'later'] as const;
export type MorningListSection = (typeof MORNING_LIST_SECTIONS)[number];
/** The most tasks one page of the morning list carries, and how many it carries when not asked. */
export const MORNING_LIST_PAGE_MAX = 100;
export const MORNING_LIST_PAGE_DEFAULT = 20;
/** GET /api/tasks/today?limit=&after=: one page of the morning list. */
export interface MorningListQuery {
  /** Tasks on this page, 1..MORNING_LIST_PAGE_MAX (default MORNING_LIST_PAGE_DEFAULT). */
  limit?: number;
  /** The `next` of the page before; absent for the first page. */
  after?: string;
}
/**
 * One page of the morning list: overdue first, then today, then later, each ranked by deal
 * likelihood × expected value × urgency. Every page of one list is taken as of the first page's
 * instant (`asOf`), so tasks done or snoozed meanwhile shift nothing and no task shows twice.
 */
export interface MorningListPage {
  tasks: TaskView[];
  /** Tasks on the whole list, and per section (every section, 0 when empty). */
  total: number;
  sections: Record<MorningListSection, number>;
  /** The instant the list was drawn up (ISO-8601): the tasks' sections are counted against it. */
  asOf: string;
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}
/** POST /api/tasks/:id/snooze: a time (until) or a named day (preset), one of the two. */
export interface SnoozeTaskRequest {
  until?: string;
  preset?: SnoozePreset;
}
/** POST /api/reminders: the agent's own reminder for one of their contacts. */
export interface CreateReminderRequest {
  contactId: string;
  /** When it is due (ISO-8601). */
  dueAt: string;
  /** What to do, in the agent's words; the card shows it. */
  note: string;
  channel?: FollowUpChannel;
  repeat?: ReminderRepeat;
}
