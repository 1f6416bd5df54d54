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
