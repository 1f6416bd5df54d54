import { clamp, mean, median, populationStd, ratio, round } from './stats';

describe('numeric helpers of the metrics', () => {
  it('clamps into the range, both ends', () => {
    expect([clamp(-1, 0, 1), clamp(0.4, 0, 1), clamp(7, 0, 1)]).toEqual([0, 0.4, 1]);
  });

  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5], // sorted numerically, not as text
    [[10, 2, 4, 8], 6], // even count: mean of the middle two
    [[100, 9], 54.5],
  ])('median of %j is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('leaves the input of the median unsorted', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('means and spreads', () => {
    expect(mean([])).toBe(0);
    expect(mean([2, 4, 9])).toBe(5);
    expect(populationStd([])).toBe(0);
    expect(populationStd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });

  it('rounds to one decimal by default, or to the digits asked', () => {
    expect(round(2.345)).toBe(2.3);
    expect(round(2.35, 0)).toBe(2);
    expect(round(2.3456, 2)).toBe(2.35);
  });

  it('is part / whole, or the fallback for an empty whole', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(3, 0)).toBe(0);
    expect(ratio(3, 0, 1)).toBe(1);
    expect(ratio(3, -2, 0.5)).toBe(0.5);
  });
});
