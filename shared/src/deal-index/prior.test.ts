import { DEFAULT_STAGE_PRIOR_CONFIG, estimateStagePriors, stagePrior } from './prior';
import { scoreDeal } from './score-deal';

describe('stagePrior', () => {
  it.each([
    [1, 'open', 0.02],
    [7, 'open', 0.45],
    [8, 'won', 1],
    [5, 'lost', 0],
  ] as const)('stage %i, %s → %d, flagged as a prior', (stage, outcome, p) => {
    expect(stagePrior(stage, outcome)).toEqual({ probability: p, isPrior: true, stage });
  });

  it('rises with the stage by default', () => {
    const values = Object.values(DEFAULT_STAGE_PRIOR_CONFIG.byStage);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('estimateStagePriors', () => {
  it('uses win rates among contacts that reached each stage, shrunk to the default', () => {
    // 10 reached stage 8: 6 won; 10 more lost at stage 3. Pseudo-count 10.
    const closed = [
      ...Array.from({ length: 6 }, () => ({ maxStage: 8 as const, won: true })),
      ...Array.from({ length: 4 }, () => ({ maxStage: 8 as const, won: false })),
      ...Array.from({ length: 10 }, () => ({ maxStage: 3 as const, won: false })),
    ];
    const priors = estimateStagePriors(closed);
    // stage 8: (6 + 10 × 0.6) / (10 + 10) = 0.6; stage 3: (6 + 10 × 0.07) / (20 + 10) = 6.7 / 30
    expect(priors[8]).toBeCloseTo(0.6, 12);
    expect(priors[3]).toBeCloseTo(6.7 / 30, 12);
    // stage 4: reached by the 10 at stage 8 only: (6 + 1.2) / 20 = 0.36
    expect(priors[4]).toBeCloseTo(0.36, 12);
  });
});

describe('scoreDeal', () => {
  it.each([
    [3, 'open', { probability: 0.07, isPrior: true, modelVersion: null }],
    [8, 'won', { probability: 1, isPrior: false, modelVersion: null }],
    [8, 'lost', { probability: 0, isPrior: false, modelVersion: null }],
  ] as const)('without a model, stage %i %s', (stage, outcome, expected) => {
    expect(scoreDeal(null, {}, stage, outcome)).toEqual(expected);
  });
});
