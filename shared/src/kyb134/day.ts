/** Calendar days written 'YYYY-MM-DD' (the agent's local day, as the caller counted it). */
export type DayString = string;

export const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' day; throws on a malformed day. */
export function dayNumber(day: DayString): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March; refuse it instead. A day out of its month (00 to 99)
  // always lands in another month (at most 71 days off), so comparing the month is the whole check.
  if (back.getUTCMonth() !== Number(m) - 1) {
    throw new RangeError(`not a calendar day: ${day}`);
  }
  return ms / DAY_MS;
}

/** The 'YYYY-MM-DD' day that is `offset` days after `day` (negative goes back). */
export function addDays(day: DayString, offset: number): DayString {
  return new Date((dayNumber(day) + offset) * DAY_MS).toISOString().slice(0, 10);
}

/** A window of whole days ending on (and including) `endDay`. */
export interface DayWindow {
  /** The last complete day in the window, e.g. yesterday. */
  endDay: DayString;
  /** Length in days, e.g. 7 or 30. */
  days: number;
}

/** The days of a window, oldest first. */
export function windowDays(window: DayWindow): DayString[] {
  if (!Number.isInteger(window.days) || window.days < 1) {
    throw new RangeError(`window length must be a positive integer: ${window.days}`);
  }
  return Array.from({ length: window.days }, (_, i) => addDays(window.endDay, i - window.days + 1));
}
