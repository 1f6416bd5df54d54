/** The clock is passed in so that tests can move time (retention, decay, snooze). */
export interface Clock {
  nowMs(): number;
}
export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock tests set by hand. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  nowMs(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * The system clock moved by whole days: for trying the product a day ahead (a reminder coming due,
 * silence rules) on the embedded default. loadConfig refuses it in production.
 */
export function shiftedClock(base: Clock, shiftMs: number): Clock {
  return { nowMs: () => base.nowMs() + shiftMs };
}
