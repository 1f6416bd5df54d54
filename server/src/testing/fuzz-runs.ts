/** The seed CI replays, so that a landing is not decided by the draw. */
export const CI_FUZZ_SEED = 20_261_125;

/**
 * fast-check run options: locally every run draws new inputs, to keep finding things; CI replays
 * one fixed seed (a failure found locally prints its seed to replay).
 */
export function fuzzRuns(numRuns: number): { numRuns: number; seed?: number } {
  return { numRuns, ...(process.env.CI ? { seed: CI_FUZZ_SEED } : {}) };
}
