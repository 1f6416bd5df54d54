/**
 * Percentile rank (百分位): the share of the population scoring below the value, counting
 * ties as half below (the mid-rank rule), times 100. The population includes the agent, so
 * the top scorer of 4 gets (3 + ½) / 4 = 87.5 and a team where everyone ties gets 50 each.
 */
import type { KashDimension, KashScores } from './kash-types';
import { KASH_DIMENSIONS } from './kash-types';

/** Percentile rank 0..100 of `value` in `population` (mid-rank for ties); throws on an empty population. */
export function percentileRank(value: number, population: readonly number[]): number {
  if (population.length === 0) throw new RangeError('percentileRank needs a non-empty population');
  let below = 0;
  let equal = 0;
  for (const p of population) {
    if (p < value) below += 1;
    else if (p === value) equal += 1;
  }
  return (100 * (below + equal / 2)) / population.length;
}

export interface KashPercentiles {
  team: Record<KashDimension, number>;
  company: Record<KashDimension, number>;
}

/** An agent's percentile in team and company for each KASH index (populations include the agent). */
export function kashPercentiles(
  agent: KashScores,
  team: readonly KashScores[],
  company: readonly KashScores[],
): KashPercentiles {
  const rank = (pop: readonly KashScores[]) =>
    Object.fromEntries(
      KASH_DIMENSIONS.map((d) => [d, percentileRank(agent[d], pop.map((p) => p[d]))]),
    ) as Record<KashDimension, number>;
  return { team: rank(team), company: rank(company) };
}
