/**
 * fast-check settings for the shared property tests: CI replays one fixed seed, so that a landing
 * is not decided by the draw; local runs draw new inputs every time, to keep finding things (a
 * failure prints its seed, to replay it with `{ seed }`). The API fuzz does the same.
 */
export const CI_PROPERTY_SEED = 20_261_129;

/** `numRuns` runs, seeded in CI. */
export function propertyRuns(numRuns: number): { numRuns: number; seed?: number } {
  return { numRuns, ...(process.env.CI ? { seed: CI_PROPERTY_SEED } : {}) };
}
