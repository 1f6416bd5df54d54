/**
 * Where a follow-up can be put off to (the snooze sheet on the task card): 明天 and 下周 are
 * named days the server turns into 09:00 China time; a date from the picker lands at 09:00 too.
 */
import type { SnoozePreset } from '@kejing/shared'
import { SNOOZE_AHEAD_MAX_DAYS } from '@kejing/shared'
import { chinaDay, chinaTimeIso } from './china-time'

export const SNOOZE_CHOICES: readonly { preset: SnoozePreset; label: string; hint: string }[] = [
  { preset: 'tomorrow', label: '明天', hint: '明早 09:00 再出现' },
  { preset: 'next_week', label: '下周', hint: '下周一 09:00 再出现' },
]

const DAY = 86_400_000

/** The days the date picker offers: tomorrow through the server's limit (30 days ahead). */
export function snoozeDateRange(nowMs: number): { start: string; end: string } {
  return { start: chinaDay(nowMs + DAY), end: chinaDay(nowMs + (SNOOZE_AHEAD_MAX_DAYS - 1) * DAY) }
}

/** A picked day ('YYYY-MM-DD') as the instant the task comes back: 09:00 China time. */
export const snoozeDateUntil = (day: string): string => chinaTimeIso(day, '09:00')
