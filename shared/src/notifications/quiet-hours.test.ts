import { fitThing, formatMinuteOfDay, formatTimeValue, minuteOfDay, quietUntilMs } from './quiet-hours';

// 2026-11-02 00:00 China time (UTC+8).
const MIDNIGHT = Date.UTC(2026, 10, 1, 16, 0, 0);
const at = (hh: number, mm = 0) => MIDNIGHT + (hh * 60 + mm) * 60_000;
const QUIET = [22 * 60, 8 * 60] as const;

describe('quiet hours (China time)', () => {
  it.each<[string, number, number | null]>([
    ['21:59 is before them', at(21, 59), null],
    ['22:00 starts them, until 08:00 next day', at(22), at(24 + 8)],
    ['23:30 waits until 08:00 next day', at(23, 30), at(24 + 8)],
    ['03:15 waits until 08:00 the same day', at(3, 15), at(8)],
    ['07:59 waits one minute', at(7, 59), at(8)],
    ['08:00 ends them', at(8), null],
    ['noon is not quiet', at(12), null],
  ])('%s', (_name, nowMs, expected) => {
    expect(quietUntilMs(nowMs, ...QUIET)).toBe(expected);
  });

  it('measures from the start of the minute, so seconds into it do not shift the end', () => {
    expect(quietUntilMs(at(23, 30) + 45_000, ...QUIET)).toBe(at(24 + 8));
  });

  it('runs within a day when start is before end (12:00–14:00)', () => {
    expect(quietUntilMs(at(12), 12 * 60, 14 * 60)).toBe(at(14));
    expect(quietUntilMs(at(13), 12 * 60, 14 * 60)).toBe(at(14));
    expect(quietUntilMs(at(11, 59), 12 * 60, 14 * 60)).toBeNull();
    expect(quietUntilMs(at(14), 12 * 60, 14 * 60)).toBeNull();
  });

  it('is never quiet when start equals end', () => {
    expect(quietUntilMs(at(3), 600, 600)).toBeNull();
  });

  it.each([['22:00', 1320], ['00:00', 0], ['23:59', 1439], ['24:00', null], ['8:00', null], ['22:60', null], ['', null], ['122:00', null], ['22:001', null], ['22:00 ', null]])('reads %s as %s', (text, minute) => {
    expect(minuteOfDay(text)).toBe(minute);
  });

  it('writes minutes back as HH:MM', () => {
    expect([0, 480, 1439].map(formatMinuteOfDay)).toEqual(['00:00', '08:00', '23:59']);
  });
});

describe('subscription-message values', () => {
  it('keeps a thing of 20 characters, cuts a longer one to 20 with an ellipsis, and never sends an empty one', () => {
    expect(fitThing('一二三四五六七八九十一二三四五六七八九十')).toBe('一二三四五六七八九十一二三四五六七八九十');
    expect(fitThing('一二三四五六七八九十一二三四五六七八九十一')).toBe('一二三四五六七八九十一二三四五六七八九…');
    expect([...fitThing('😀'.repeat(30))]).toHaveLength(20);
    expect(fitThing('  \n ')).toBe('-');
    expect(fitThing('请问\n少儿  重疾')).toBe('请问 少儿 重疾');
  });

  it('writes a time as WeChat shows it, in China time', () => {
    expect(formatTimeValue(at(9, 5))).toBe('2026年11月2日 09:05');
  });
});
