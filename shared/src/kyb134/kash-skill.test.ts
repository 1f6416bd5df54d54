import { DAY_MS } from './day';
import { DEFAULT_SKILL_CONFIG, scoreSkill } from './kash-skill';
import { history } from './test-fixtures';

// Window: day 10 to day 40.
const contacts = [
  history('c1', [[1, 0], [2, 5], [3, 15], [4, 20]]), // at 2 on day 10, moved; steps in window 10 and 5 days
  history('c2', [[1, 0]]), // eligible, did not move
  history('c3', [[1, 12], [2, 14]]), // new in window, starts at 1, moved; step 2 days
  history('c4', [[8, 2]], 'won'), // already at stage 8: not eligible
  history('c5', [[3, 0], [2, 31]]), // stepped back after silence: eligible, not moved
  history('c6', [[1, 50]]), // did not exist yet
];

describe('scoreSkill', () => {
  it.each([
    // eligible c1 c2 c3 c5 = 4, moved c1 c3 = 2 → 50 % ≥ 30 % target → conversion 1
    // steps 10, 5, 2 days → median 5 → speed (30 − 5) / (30 − 3) = 0.926
    // 100 × (0.6 × 1 + 0.4 × 0.926) = 60 + 37.0 = 97.0
    ['default target 30 %', DEFAULT_SKILL_CONFIG, 97],
    // target 100 %: conversion 0.5 → 100 × (0.3 + 0.37037) = 67.0
    ['target 100 %', { ...DEFAULT_SKILL_CONFIG, conversionTarget: 1 }, 67],
  ])('%s → %d', (_name, config, expected) => {
    const index = scoreSkill(contacts, 10 * DAY_MS, 40 * DAY_MS, config);
    expect(index.score).toBe(expected);
    expect(index.components[0].detail).toMatchObject({ moved: 2, eligible: 4 });
    expect(index.components[1].detail).toMatchObject({ forwardSteps: 3, medianDays: 5 });
  });

  it('is 0 without contacts', () => {
    expect(scoreSkill([], 0, DAY_MS).score).toBe(0);
  });
});
