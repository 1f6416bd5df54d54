/**
 * The reminder sheet's logic (设提醒): quick times, the picked date and time read as China time,
 * what is wrong before anything is sent, and how a reminder's time reads on a card.
 */
import type { FollowUpChannel, ReminderRepeat, TaskView } from '@kejing/shared'
import { REMINDER_AHEAD_MAX_DAYS, REMINDER_NOTE_MAX, REMINDER_REPEAT_NAMES_ZH, REMINDER_REPEATS } from '@kejing/shared'
import { chinaClock, chinaDay, chinaMidnight, chinaTimeIso } from './china-time'

const HOUR = 3600_000
const DAY = 24 * HOUR

export interface ReminderDraft {
  day: string
  time: string
  note: string
  channel: FollowUpChannel
  repeat: ReminderRepeat | null
}

export const REPEAT_CHOICES: readonly { value: ReminderRepeat | null; label: string }[] = [
  { value: null, label: '不重复' },
  ...REMINDER_REPEATS.map((value) => ({ value, label: REMINDER_REPEAT_NAMES_ZH[value] })),
]

/** How the agent will do it: the card's button follows (拨打, 复制话术, 复制邀约). */
export const REMINDER_CHANNELS: readonly { value: FollowUpChannel; label: string }[] = [
  { value: 'call', label: '打电话' },
  { value: 'message', label: '发微信' },
  { value: 'meet', label: '见面' },
]

/** Quick times, soonest first: 今晚 20:00 (while it is still ahead), 明天 09:00, 后天 09:00, 下周一 09:00. */
export function quickTimes(nowMs: number): { label: string; day: string; time: string }[] {
  const midnight = chinaMidnight(nowMs)
  const out: { label: string; day: string; time: string }[] = []
  if (midnight + 20 * HOUR - nowMs >= HOUR) out.push({ label: '今晚 20:00', day: chinaDay(midnight), time: '20:00' })
  out.push({ label: '明天 09:00', day: chinaDay(midnight + DAY), time: '09:00' })
  out.push({ label: '后天 09:00', day: chinaDay(midnight + 2 * DAY), time: '09:00' })
  const weekday = new Date(midnight + 8 * HOUR).getUTCDay()
  const toMonday = ((8 - weekday) % 7) || 7
  out.push({ label: '下周一 09:00', day: chinaDay(midnight + toMonday * DAY), time: '09:00' })
  return out
}

/** A new reminder starts at tomorrow 09:00, a call, not repeating. */
export function newReminderDraft(nowMs: number): ReminderDraft {
  return { day: chinaDay(chinaMidnight(nowMs) + DAY), time: '09:00', note: '', channel: 'call', repeat: null }
}

/** The days the date picker offers: today through a year ahead. */
export function reminderDateRange(nowMs: number): { start: string; end: string } {
  return { start: chinaDay(nowMs), end: chinaDay(nowMs + (REMINDER_AHEAD_MAX_DAYS - 1) * DAY) }
}

/** The first thing wrong with a draft, by field, in the words the sheet shows; null when it can be sent. */
export function checkReminder(draft: ReminderDraft, nowMs: number): { field: 'note' | 'dueAt'; reason: string } | null {
  if (draft.note.trim() === '') return { field: 'note', reason: '写一句要做什么，比如“问问体检报告”' }
  if (draft.note.trim().length > REMINDER_NOTE_MAX) return { field: 'note', reason: `最多 ${REMINDER_NOTE_MAX} 个字` }
  const due = Date.parse(chinaTimeIso(draft.day, draft.time))
  if (Number.isNaN(due)) return { field: 'dueAt', reason: '请选日期和时间' }
  if (due <= nowMs) return { field: 'dueAt', reason: '这个时间已经过去了，请选一个将来的时间' }
  return null
}

/** The request body for a draft that passed checkReminder. */
export function reminderRequest(contactId: string, draft: ReminderDraft) {
  return {
    contactId, dueAt: chinaTimeIso(draft.day, draft.time), note: draft.note.trim(), channel: draft.channel, ...(draft.repeat ? { repeat: draft.repeat } : {}),
  }
}

/** "今天 15:00", "明天 09:00", "12月2日 09:00", with the repeat: "12月2日 09:00 · 每周". */
export function reminderWhen(task: Pick<TaskView, 'dueAt' | 'repeat'>, nowMs: number): string {
  const due = Date.parse(task.dueAt)
  if (Number.isNaN(due)) return ''
  const days = Math.round((chinaMidnight(due) - chinaMidnight(nowMs)) / DAY)
  const d = new Date(due + 8 * HOUR)
  const dayWord = days === 0 ? '今天' : days === 1 ? '明天' : days === 2 ? '后天' : `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
  const when = `${dayWord} ${chinaClock(due)}`
  return task.repeat ? `${when} · ${REMINDER_REPEAT_NAMES_ZH[task.repeat]}` : when
}
