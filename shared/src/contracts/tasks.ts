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
