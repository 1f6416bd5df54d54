/** Morning-list ordering and the stage prior of closing. */
import type { DealOutcome, MorningListSection, Stage } from '../contracts';
import { DEFAULT_SCORING_CONFIG, MS_PER_DAY, MS_PER_HOUR, type ScoringConfig } from './config';
import type { FollowUpPriority } from './follow-up-rules';
import { calendarDayOf } from './time';

/** What the morning list knows about one open task. */
export type RankInput = {
  /** Task priority, 1 (most urgent) … 5. */
  priority: FollowUpPriority;
  /** P(close) of the contact, 0..1 (deal index, or stagePriorCloseProbability before one exists). */
  dealLikelihood: number;
  /** Expected premium in fen: the lead's budget, else the agent's average premium. */
  expectedValueFen: number;
  /** When the task is due. */
  dueAtMs: number;
};

/**
 * Rank of a task on the morning list, higher first:
 * dealLikelihood × expectedValueFen × urgency, where urgency = priority weight × time factor.
 * Time factor: 1 when due within `dueSoonHours`; fading as dueSoonHours / hoursUntilDue for later
 * tasks; growing to 1 + overdueBoostMax over `overdueBoostHours` for overdue ones.
 */
export function rankFollowUp(input: RankInput, nowMs: number, config: ScoringConfig = DEFAULT_SCORING_CONFIG): number {
  const r = config.ranking;
  const likelihood = clamp(finiteOr(input.dealLikelihood, 0), 0, 1);
  const value = Math.max(0, finiteOr(input.expectedValueFen, 0));
  const priorityWeight = r.priorityWeights[input.priority] ?? r.priorityWeights[5];
  const hoursUntilDue = (input.dueAtMs - nowMs) / MS_PER_HOUR;
  let timeFactor: number;
  if (hoursUntilDue < 0) timeFactor = 1 + r.overdueBoostMax * Math.min(1, -hoursUntilDue / r.overdueBoostHours);
  else if (hoursUntilDue <= r.dueSoonHours) timeFactor = 1;
  else timeFactor = r.dueSoonHours / hoursUntilDue;
  return likelihood * value * priorityWeight * timeFactor;
}

/** A task due within this long counts as today's even past midnight. */
const DUE_SOON_TODAY_MS = 6 * MS_PER_HOUR;

/**
 * Where the morning list's sections part at `nowMs`: due before `overdueBeforeMs` is overdue; up to
 * `todayUntilMs` (inclusive) today, that is the rest of China's calendar day or the next six hours,
 * whichever is later; after it, later. The server's ranking query compares with the same instants.
 */
export function morningListSectionBounds(nowMs: number, config: ScoringConfig = DEFAULT_SCORING_CONFIG): { overdueBeforeMs: number; todayUntilMs: number } {
  const nextDayStartMs = (calendarDayOf(nowMs, config.dayOffsetMs) + 1) * MS_PER_DAY - config.dayOffsetMs;
  return { overdueBeforeMs: nowMs, todayUntilMs: Math.max(nextDayStartMs - 1, nowMs + DUE_SOON_TODAY_MS) };
}

/** Which section of the morning list a task due at `dueAtMs` is in, seen at `nowMs`. */
export function morningListSection(dueAtMs: number, nowMs: number, config: ScoringConfig = DEFAULT_SCORING_CONFIG): MorningListSection {
  const { overdueBeforeMs, todayUntilMs } = morningListSectionBounds(nowMs, config);
  if (dueAtMs < overdueBeforeMs) return 'overdue';
  return dueAtMs <= todayUntilMs ? 'today' : 'later';
}

/** Stage-based prior P(close): 1 for won, 0 for lost, else the configured prior of the stage. */
export function stagePriorCloseProbability(
  stage: Stage,
  outcome: DealOutcome,
  config: ScoringConfig = DEFAULT_SCORING_CONFIG,
): number {
  if (outcome === 'won') return 1;
  if (outcome === 'lost') return 0;
  return config.stagePriorCloseProbability[stage];
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}
