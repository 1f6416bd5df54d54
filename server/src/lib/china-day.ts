/** China calendar days (UTC+8, no daylight saving): the day an agent would name. */
export const DAY_MS = 24 * 60 * 60 * 1000;
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of the China day containing `ms`. */
export function chinaDayOf(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of 00:00 China time on `day`. */
export function chinaDayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS;
}


/** Epoch ms of the next 00:00 China time after `ms`: the end of that China day. */
export function endOfChinaDay(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - CHINA_OFFSET_MS;
}
