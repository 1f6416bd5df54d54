/**
 * fast-check settings for the shared property tests: CI replays one fixed seed, so that a landing
 * is not decided by the draw; local runs draw new inputs every time, to keep finding things (a
 * failure prints its seed, to replay it with `{ seed }`). The API fuzz does the same.
 *
 * Under mutation testing (stryker.config.mjs sets KEJING_MUTATION_RUN) the properties replay the
 * fixed seed with fewer runs: nearly every scorer mutant is covered by them, and the unit tests,
 * not the draw, must be what kills a mutant; a draw that differs per mutant would make kills luck.
 */
export const CI_PROPERTY_SEED = 20_261_129;

/** Runs per property under mutation testing. */
const MUTATION_RUNS = 20;

/** `numRuns` runs, seeded in CI (and, fewer, under mutation testing). */
export function propertyRuns(numRuns: number): { numRuns: number; seed?: number } {
  if (process.env.KEJING_MUTATION_RUN) return { numRuns: Math.min(numRuns, MUTATION_RUNS), seed: CI_PROPERTY_SEED };
  return { numRuns, ...(process.env.CI ? { seed: CI_PROPERTY_SEED } : {}) };
}
