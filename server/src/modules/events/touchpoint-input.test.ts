import { EVENT_MAX_DEVICE_DELAY_MS } from '@kejing/shared';
import { occurredAtMs } from './touchpoint-input';

const RECEIVED = Date.UTC(2026, 10, 2, 1, 0, 0);
const SHARED = RECEIVED - 3 * 24 * 3600_000;
const HOUR = 3600_000;

describe('occurredAtMs: the device interval, believed only inside a plausible window', () => {
  it.each([
    ['a phone 3 hours fast, event 5 s before sending', RECEIVED + 3 * HOUR, RECEIVED + 3 * HOUR - 5000, RECEIVED - 5000],
    ['a phone at 1970 (dead battery), event a minute before sending', 90_000, 30_000, RECEIVED - 60_000],
    ['an event that waited two days offline', RECEIVED, RECEIVED - 48 * HOUR, RECEIVED - 48 * HOUR],
    ['sent at the moment it happened', RECEIVED, RECEIVED, RECEIVED],
  ])('uses the interval: %s', (_what, sent, created, expected) => {
    expect(occurredAtMs(RECEIVED, sent, created, SHARED)).toBe(expected);
  });

  it.each([
    ['sentAtDeviceMs 1e15 (the year 31,000)', 1e15, RECEIVED],
    ['an event created a day after its batch was sent (the future)', RECEIVED, RECEIVED + 24 * HOUR],
    ['an event created 1 ms after its batch was sent', RECEIVED, RECEIVED + 1],
    ['an interval past the longest believed wait', RECEIVED, RECEIVED - EVENT_MAX_DEVICE_DELAY_MS - 1],
    ['an interval reaching back before the share existed', RECEIVED, SHARED - 1],
    ['createdAtDeviceMs 1 with a current sending clock', RECEIVED, 1],
  ])('uses the arrival time for %s: never in the future, never before the share', (_what, sent, created) => {
    expect(occurredAtMs(RECEIVED, sent, created, SHARED)).toBe(RECEIVED);
  });

  it('accepts the window edges themselves: the share\'s creation and the longest wait', () => {
    expect(occurredAtMs(RECEIVED, RECEIVED, SHARED, SHARED)).toBe(SHARED);
    const oldShare = RECEIVED - 30 * 24 * HOUR;
    expect(occurredAtMs(RECEIVED, RECEIVED, RECEIVED - EVENT_MAX_DEVICE_DELAY_MS, oldShare)).toBe(RECEIVED - EVENT_MAX_DEVICE_DELAY_MS);
  });
});
