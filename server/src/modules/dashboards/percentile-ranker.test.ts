import { percentileRank } from '@kejing/shared';
import { percentileRanker } from './percentile-ranker';

describe('percentileRanker', () => {
  it('agrees with shared percentileRank, ties counted half', () => {
    // population 10, 20, 20, 40: for 20 → 1 below + 2 equal / 2 = 2 of 4 → 50; for 40 → (3 + ½) / 4 = 87.5
    const population = [20, 40, 10, 20];
    const rank = percentileRanker(population);
    expect(rank(20)).toBe(50);
    expect(rank(40)).toBe(87.5);
    for (const v of [0, 10, 15, 20, 40, 99]) expect(rank(v)).toBe(percentileRank(v, population));
  });

  it('gives 50 to everyone when all tie', () => {
    expect(percentileRanker([7, 7, 7])(7)).toBe(50);
  });
});
