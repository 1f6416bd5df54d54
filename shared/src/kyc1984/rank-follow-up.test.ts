import type { DealOutcome, Stage } from '../contracts';
import { MS_PER_HOUR } from './config';
import { rankFollowUp, stagePriorCloseProbability, type RankInput } from './rank-follow-up';

const NOW = 1_700_000_000_000;
const task = (overrides: Partial<RankInput> = {}): RankInput => ({
  priority: 3, dealLikelihood: 0.2, expectedValueFen: 500_000, dueAtMs: NOW + 2 * MS_PER_HOUR, ...overrides,
});

describe('morning-list rank = deal likelihood × expected value × urgency', () => {
  it.each<[string, Partial<RankInput>, number]>([
    ['due today, priority 3: 0.2 × 500000 × 2 × 1', {}, 200_000],
    ['priority 1 weighs 5', { priority: 1 }, 500_000],
    ['priority 5 weighs 1', { priority: 5 }, 100_000],
    ['due in 48 h fades to 24/48', { dueAtMs: NOW + 48 * MS_PER_HOUR }, 100_000],
    ['overdue by 24 h gains half the boost', { dueAtMs: NOW - 24 * MS_PER_HOUR }, 300_000],
    ['overdue by a week gains at most the full boost', { dueAtMs: NOW - 168 * MS_PER_HOUR }, 400_000],
    ['a likelihood above 1 is clamped', { dealLikelihood: 3 }, 1_000_000],
    ['a lost deal ranks nowhere', { dealLikelihood: 0 }, 0],
  ])('%s', (_name, overrides, expected) => {
    expect(rankFollowUp(task(overrides), NOW)).toBeCloseTo(expected, 6);
  });

  it('puts a likely big deal due now ahead of an unlikely small one due now', () => {
    const big = rankFollowUp(task({ dealLikelihood: 0.45, expectedValueFen: 1_000_000 }), NOW);
    const small = rankFollowUp(task({ dealLikelihood: 0.05, expectedValueFen: 300_000, priority: 1 }), NOW);
    expect(big).toBeGreaterThan(small);
  });
});

describe('stage prior P(close)', () => {
  it.each<[Stage, DealOutcome, number]>([
    [1, 'open', 0.02],
    [4, 'open', 0.12],
    [7, 'open', 0.45],
    [8, 'open', 0.6],
    [8, 'won', 1],
    [8, 'lost', 0],
  ])('is %p for stage %i, outcome %s', (stage, outcome, expected) => {
    expect(stagePriorCloseProbability(stage, outcome)).toBe(expected);
  });

  it('rises with the stage', () => {
    const priors = ([1, 2, 3, 4, 5, 6, 7, 8] as Stage[]).map((s) => stagePriorCloseProbability(s, 'open'));
    expect([...priors].sort((a, b) => a - b)).toEqual(priors);
  });
});
