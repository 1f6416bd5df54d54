/** Dates and times as the agent reads them: China time (UTC+8), whatever the phone's zone. */
const BJ = 8 * 3600_000
const pad2 = (n: number) => String(n).padStart(2, '0')

/** 'YYYY-MM-DD' of the China day containing `ms`. */
export const chinaDay = (ms: number): string => new Date(ms + BJ).toISOString().slice(0, 10)

/** 'HH:MM' in China time. */
export function chinaClock(ms: number): string {
  const d = new Date(ms + BJ)
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`
}

/** A China date and time ('YYYY-MM-DD', 'HH:MM') as an ISO instant; '' when either is not one. */
export function chinaTimeIso(day: string, time: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) return ''
  const ms = Date.parse(`${day}T${time}:00+08:00`)
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString()
}

/** Midnight China time that starts the day `ms` is in. */
export const chinaMidnight = (ms: number): number => Math.floor((ms + BJ) / 86_400_000) * 86_400_000 - BJ
