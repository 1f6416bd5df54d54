/**
 * shared's percentileRank for many values against one population: sort once, then two binary
 * searches per value instead of a pass over the population (10,000 agents × 4 indices).
 * Same rule: 100 × (below + equal / 2) / population size.
 */
export function percentileRanker(population: readonly number[]): (value: number) => number {
  if (population.length === 0) throw new RangeError('percentileRanker needs a non-empty population');
  const sorted = Float64Array.from(population).sort();
  const firstAtLeast = (v: number, strict: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const x = sorted[mid] as number;
      if (x < v || (strict && x === v)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (value) => {
    const below = firstAtLeast(value, false);
    const equal = firstAtLeast(value, true) - below;
    return (100 * (below + equal / 2)) / sorted.length;
  };
}
