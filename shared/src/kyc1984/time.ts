/** Calendar arithmetic in China time without the Date locale: days are counted from ms. */
import { MS_PER_DAY } from './config';

/** The calendar day (days since the epoch, in the zone `dayOffsetMs` east of UTC) an instant falls on. */
export function calendarDayOf(atMs: number, dayOffsetMs: number): number {
  return Math.floor((atMs + dayOffsetMs) / MS_PER_DAY);
}
