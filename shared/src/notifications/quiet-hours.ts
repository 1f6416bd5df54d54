/** Quiet hours and the shape of WeChat subscription-message values: pure rules, the caller passes now. */

const CHINA_OFFSET_MS = 8 * 3600_000;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/** "HH:MM" (00:00–23:59) to minutes after midnight; null for anything else. */
export function minuteOfDay(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export const formatMinuteOfDay = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * When the quiet period containing `nowMs` ends (epoch ms), or null when `nowMs` is not quiet.
 * Quiet runs from `startMinute` to `endMinute` China time, across midnight when end < start
 * (22:00–08:00); start = end means never quiet.
 */
export function quietUntilMs(nowMs: number, startMinute: number, endMinute: number): number | null {
  if (startMinute === endMinute) return null;
  const chinaMs = nowMs + CHINA_OFFSET_MS;
  const minute = Math.floor((chinaMs % (DAY_MINUTES * MINUTE_MS)) / MINUTE_MS);
  // Stryker disable next-line EqualityOperator: start = end has returned above, so `<=` is the same test
  const withinOneDay = startMinute < endMinute;
  const inside = withinOneDay ? minute >= startMinute && minute < endMinute : minute >= startMinute || minute < endMinute;
  if (!inside) return null;
  const untilMinutes = (endMinute - minute + DAY_MINUTES) % DAY_MINUTES;
  const minuteStartMs = nowMs - (chinaMs % MINUTE_MS);
  return minuteStartMs + untilMinutes * MINUTE_MS;
}

/** WeChat's "thing" value: at most 20 characters (counted as code points), cut with an ellipsis. */
export function fitThing(text: string, max = 20): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length === 0) return '-';
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** WeChat's "time" value: "2026年11月2日 09:05" China time. */
export function formatTimeValue(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
