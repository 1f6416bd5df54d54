import { kashPercentiles, percentileRank } from './percentile';

describe('percentileRank', () => {
  it.each([
    // value, population, hand count: (below + equal/2) / n × 100
    [90, [10, 50, 50, 90], 87.5], // (3 + 0.5) / 4
    [50, [10, 50, 50, 90], 50], // (1 + 1) / 4
    [10, [10, 50, 50, 90], 12.5], // (0 + 0.5) / 4
    [70, [70, 70, 70], 50], // all tie
    [100, [100], 50],
    [55, [10, 50, 50, 90], 75], // not in the population: 3 below
  ])('%d in %j → %d', (value, population, expected) => {
    expect(percentileRank(value, population)).toBe(expected);
  });

  it('refuses an empty population, saying so', () => {
    expect(() => percentileRank(1, [])).toThrow(new RangeError('percentileRank needs a non-empty population'));
  });
});

describe('kashPercentiles', () => {
  it('ranks each index in team and company', () => {
    const me = { knowledge: 80, attitude: 40, skill: 60, habit: 20 };
    const other = { knowledge: 60, attitude: 40, skill: 90, habit: 30 };
    const third = { knowledge: 10, attitude: 95, skill: 10, habit: 10 };
    const result = kashPercentiles(me, [me, other], [me, other, third]);
    // team of 2: knowledge top (1 + .5)/2 = 75; attitude tie 50; skill bottom 25; habit bottom 25
    expect(result.team).toEqual({ knowledge: 75, attitude: 50, skill: 25, habit: 25 });
    // company of 3: knowledge (2 + .5)/3; attitude (0 + 1)/3; skill (1 + .5)/3; habit (1 + .5)/3
    expect(result.company.knowledge).toBeCloseTo(83.333, 2);
    expect(result.company.attitude).toBeCloseTo(33.333, 2);
    expect(result.company.skill).toBe(50);
    expect(result.company.habit).toBe(50);
  });
});

describe('percentileRank edges', () => {
  it('counts only lower scores as below, not higher ones', () => {
    expect(percentileRank(10, [10, 20, 30, 40])).toBe(12.5);
    expect(percentileRank(0, [10, 20])).toBe(0);
    expect(percentileRank(99, [10, 20])).toBe(100);
  });
});
