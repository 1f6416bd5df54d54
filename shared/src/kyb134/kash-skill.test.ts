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

describe('the skill window', () => {
  const from = 10 * DAY_MS;
  const to = 40 * DAY_MS;
  const detail = (contacts: Parameters<typeof scoreSkill>[0]) => {
    const index = scoreSkill(contacts, from, to);
    return { ...index.components[0].detail, ...index.components[1].detail };
  };

  it('a step before the window is neither a move nor a step of the window', () => {
    expect(detail([history('c1', [[1, 0], [2, 5]])])).toMatchObject({ moved: 0, eligible: 1, forwardSteps: 0, medianDays: -1 });
  });

  it('a step at the window’s first instant belongs to the base, not to the window', () => {
    expect(detail([history('c1', [[1, 0], [2, 10]])])).toMatchObject({ moved: 0, eligible: 1, forwardSteps: 0 });
  });

  it('a step after the window’s end is not counted, nor is a contact created after it', () => {
    expect(detail([history('c1', [[1, 0], [2, 41]]), history('c2', [[1, 45]])])).toMatchObject({ moved: 0, eligible: 1, forwardSteps: 0 });
  });

  it('a stage reached and left before the window is no move: the move is measured from the base stage', () => {
    // 1 → 3 on day 3, back to 2 on day 5: base 2, and nothing happens inside the window.
    expect(detail([history('c1', [[1, 0], [3, 3], [2, 5]])])).toMatchObject({ moved: 0, eligible: 1, forwardSteps: 0 });
  });

  it('an entry at the window’s first instant is part of the base, even one the contact stepped back from at that instant', () => {
    expect(detail([history('c1', [[1, 0], [3, 10], [2, 10]])])).toMatchObject({ moved: 0, eligible: 1 });
  });

  it('a repeated entry of the same stage is not a forward step', () => {
    // 1 → 2 on day 15 (15 days), 2 again on day 20: one step, median 15, not the median of 15 and 5.
    expect(detail([history('c1', [[1, 0], [2, 15], [2, 20]])])).toMatchObject({ moved: 1, eligible: 1, forwardSteps: 1, medianDays: 15 });
  });

  it('a step back is not a forward step, and returning to the base stage is not a move', () => {
    expect(detail([history('c1', [[3, 0], [2, 15], [3, 20]])])).toMatchObject({ moved: 0, eligible: 1, forwardSteps: 1, medianDays: 5 });
  });

  it('a contact at stage 8 at the window start is settled; one reaching 8 inside it moved', () => {
    expect(detail([history('c1', [[8, 0]]), history('c2', [[7, 0], [8, 16]])])).toMatchObject({ moved: 1, eligible: 1, forwardSteps: 1, medianDays: 16 });
  });

  it('scores speed 1 at the fast mark, 0 at the slow mark, on a straight line between', () => {
    const speed = (days: number) => scoreSkill([history('c1', [[1, 20], [2, 20 + days]])], from, to).components[1].value;
    expect(speed(3)).toBe(1);
    expect(speed(1)).toBe(1);
    expect(speed(30)).toBe(0);
    expect(speed(16.5)).toBeCloseTo(0.5, 10);
  });

  it('reads conversion and weights from the config', () => {
    // one of two eligible moved: 50 %, target 100 % → 0.5; speed 1 (1 day)
    const contacts = [history('c1', [[1, 20], [2, 21]]), history('c2', [[1, 0]])];
    const index = scoreSkill(contacts, from, to, { conversionTarget: 1, fastDays: 3, slowDays: 30, weights: { conversion: 1, speed: 3 } });
    expect(index.components.map((c) => [c.key, c.value, c.weight])).toEqual([['conversion', 0.5, 1], ['speed', 1, 3]]);
    expect(index.components[0].detail).toMatchObject({ conversionPct: 50, targetPct: 100 });
    expect(index.score).toBe(87.5);
  });
});
