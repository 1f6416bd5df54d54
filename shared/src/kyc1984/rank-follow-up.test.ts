import type { DealOutcome, Stage } from '../contracts';
import { DEFAULT_SCORING_CONFIG as CONFIG, MS_PER_HOUR } from './config';
import { morningListSection, morningListSectionBounds, rankFollowUp, stagePriorCloseProbability, type RankInput } from './rank-follow-up';

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

describe('rank edges', () => {
  it.each<[string, Partial<RankInput>, number]>([
    ['priority 2 weighs 3', { priority: 2 }, 300_000],
    ['priority 4 weighs 1.5', { priority: 4 }, 150_000],
    ['an unknown priority weighs as priority 5', { priority: 9 as RankInput['priority'] }, 100_000],
    ['due exactly at the due-soon mark is still full urgency', { dueAtMs: NOW + 24 * MS_PER_HOUR }, 200_000],
    ['due exactly now is full urgency, not overdue', { dueAtMs: NOW }, 200_000],
    ['overdue by 48 h gains the full boost', { dueAtMs: NOW - 48 * MS_PER_HOUR }, 400_000],
    ['due in 96 h fades to 24/96', { dueAtMs: NOW + 96 * MS_PER_HOUR }, 50_000],
    ['a likelihood that is not a number counts as 0', { dealLikelihood: NaN }, 0],
    ['a negative likelihood counts as 0', { dealLikelihood: -0.5 }, 0],
    ['an infinite expected value counts as 0', { expectedValueFen: Infinity }, 0],
    ['a negative expected value counts as 0', { expectedValueFen: -500_000 }, 0],
  ])('%s', (_name, overrides, expected) => {
    expect(rankFollowUp(task(overrides), NOW)).toBeCloseTo(expected, 6);
  });

  it('reads the ranking numbers from the config', () => {
    const config = { ...CONFIG, ranking: { priorityWeights: { 1: 1, 2: 1, 3: 7, 4: 1, 5: 1 }, dueSoonHours: 1, overdueBoostHours: 10, overdueBoostMax: 3 } };
    expect(rankFollowUp(task({ dueAtMs: NOW - 5 * MS_PER_HOUR }), NOW, config)).toBeCloseTo(0.2 * 500_000 * 7 * 2.5, 6);
    expect(rankFollowUp(task({ dueAtMs: NOW + 2 * MS_PER_HOUR }), NOW, config)).toBeCloseTo(0.2 * 500_000 * 7 * 0.5, 6);
  });

  it('ranks a task due this very instant as due (urgency 1), even with no due-soon window and an immediate overdue boost', () => {
    const config = { ...CONFIG, ranking: { ...CONFIG.ranking, dueSoonHours: 0, overdueBoostHours: 0, overdueBoostMax: 3 } };
    expect(rankFollowUp(task({ dueAtMs: NOW }), NOW, config)).toBeCloseTo(0.2 * 500_000 * 2 * 1, 6);
    expect(rankFollowUp(task({ dueAtMs: NOW - 1 }), NOW, config)).toBeCloseTo(0.2 * 500_000 * 2 * 4, 6);
  });

  it('reads the stage priors from the config', () => {
    const config = { ...CONFIG, stagePriorCloseProbability: { ...CONFIG.stagePriorCloseProbability, 3: 0.33 } };
    expect(stagePriorCloseProbability(3, 'open', config)).toBe(0.33);
    expect(stagePriorCloseProbability(2, 'open')).toBe(0.04);
  });
});

describe('morningListSection', () => {
  // 2026-11-29 10:00 China time
  const TEN_AM = Date.UTC(2026, 10, 29, 2, 0);
  const HOUR = MS_PER_HOUR;

  it('puts a task due before now under overdue, later today under today, a later day under later', () => {
    expect(morningListSection(TEN_AM - 1, TEN_AM)).toBe('overdue');
    expect(morningListSection(TEN_AM, TEN_AM)).toBe('today');
    expect(morningListSection(TEN_AM + 13 * HOUR, TEN_AM)).toBe('today');
    expect(morningListSection(TEN_AM + 30 * HOUR, TEN_AM)).toBe('later');
  });

  it('counts 23:59 China time as today and 00:00 as a later day, seen from the morning', () => {
    const midnight = Date.UTC(2026, 10, 29, 16, 0);
    expect(morningListSection(midnight - 60_000, TEN_AM)).toBe('today');
    expect(morningListSection(midnight, TEN_AM)).toBe('later');
  });

  it('counts a task due within six hours as today even past midnight (a lead at 23:05 is due at 00:05)', () => {
    const at2305 = Date.UTC(2026, 10, 29, 15, 5);
    expect(morningListSection(at2305 + HOUR, at2305)).toBe('today');
    expect(morningListSection(at2305 + 6 * HOUR, at2305)).toBe('today');
    expect(morningListSection(at2305 + 6 * HOUR + 1, at2305)).toBe('later');
  });

  it('parts the sections at now and at the end of the China day or six hours on, whichever is later', () => {
    expect(morningListSectionBounds(TEN_AM)).toEqual({ overdueBeforeMs: TEN_AM, todayUntilMs: Date.UTC(2026, 10, 29, 16, 0) - 1 });
    const at2305 = Date.UTC(2026, 10, 29, 15, 5);
    expect(morningListSectionBounds(at2305)).toEqual({ overdueBeforeMs: at2305, todayUntilMs: at2305 + 6 * HOUR });
  });

  it('reads the calendar day in the configured zone', () => {
    // 09:00 China time; due 07:00 China time the next day, which is 23:00 of the same day in UTC.
    const utcMorning = Date.UTC(2026, 10, 29, 1, 0);
    expect(morningListSection(Date.UTC(2026, 10, 29, 23, 0), utcMorning, { ...CONFIG, dayOffsetMs: 0 })).toBe('today');
    expect(morningListSection(Date.UTC(2026, 10, 29, 23, 0), utcMorning)).toBe('later');
  });
});
