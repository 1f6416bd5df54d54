/** Snooze choices for a follow-up task, in Beijing time. */
export const SNOOZE_OPTIONS = ['1小时后', '今晚 20:00', '明早 09:00', '3天后'] as const
export type SnoozeOption = (typeof SNOOZE_OPTIONS)[number]

const BJ = 8 * 3600_000
const DAY = 86_400_000

/** The time a snoozed task comes back, as ISO. "Tonight" after 20:00 means tomorrow night. */
export function snoozeUntil(option: SnoozeOption, nowMs: number): string {
  const startOfBjDay = Math.floor((nowMs + BJ) / DAY) * DAY - BJ
  let at: number
  switch (option) {
    case '1小时后':
      at = nowMs + 3600_000
      break
    case '今晚 20:00':
      at = startOfBjDay + 20 * 3600_000
      if (at <= nowMs) at += DAY
      break
    case '明早 09:00':
      at = startOfBjDay + DAY + 9 * 3600_000
      break
    case '3天后':
      at = nowMs + 3 * DAY
      break
  }
  return new Date(at).toISOString()
}
