import { addDays, dayNumber, windowDays } from './day';

describe('days', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2023-12-31', 1, '2024-01-01'],
  ])('%s plus %i day is %s', (day, offset, expected) => {
    expect(addDays(day, offset)).toBe(expected);
  });

  it.each(['2024-02-30', '2024-1-01', 'yesterday'])('refuses %s', (day) => {
    expect(() => dayNumber(day)).toThrow(RangeError);
  });

  it('lists a window oldest first, ending on the end day', () => {
    expect(windowDays({ endDay: '2024-03-02', days: 3 })).toEqual(['2024-02-29', '2024-03-01', '2024-03-02']);
  });
});

describe('day edges', () => {
  it('counts days from the epoch', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-11')).toBe(10);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-03-00', '2024-01-99', '2024-12-32', ' 2024-04-01', '2024-04-01T00', '20240401'])('refuses %p', (day) => {
    expect(() => dayNumber(day)).toThrow(RangeError);
  });

  it('names the bad day in the error', () => {
    expect(() => dayNumber('2024-02-30')).toThrow('not a calendar day: 2024-02-30');
    expect(() => dayNumber('soon')).toThrow('not a YYYY-MM-DD day: soon');
  });

  it('a one-day window is its end day', () => {
    expect(windowDays({ endDay: '2024-03-02', days: 1 })).toEqual(['2024-03-02']);
  });

  it.each([0, -3, 2.5, NaN])('refuses a window of %p days', (days) => {
    expect(() => windowDays({ endDay: '2024-03-02', days })).toThrow(`window length must be a positive integer: ${days}`);
  });

  it('goes back across a year', () => {
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-01-01', 0)).toBe('2024-01-01');
  });
});
