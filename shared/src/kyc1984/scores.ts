/**
 * Trust and intent: evidence accumulates day by day with headroom (diminishing returns), each
 * day's gain is capped, and silence decays the score. Every map used is monotone, so more
 * evidence can never lower a score, and the score is the exact sum of its contributions.
 * The cap bounds what one calendar day can credit; a day with evidence also restarts the silence
 * clock, so older points stop decaying for the grace period — the method's "decays with silence".
 */
import type { Band, GridCellCode, TouchpointType } from '../contracts';
import { compareStrings } from './compare';
import type { DimensionConfig, ScoringConfig } from './config';
import { evidenceOf } from './evidence';
import { calendarDayOf } from './time';
import type { ContactContext, ScoreContribution, ScoreDimension, ScoringEvent } from './types';

/** The band a 0..100 score falls in. */
export function bandOf(score: number, config: ScoringConfig): Band {
  if (score >= config.bands.highFrom) return 'high';
  if (score >= config.bands.midFrom) return 'mid';
  return 'low';
}

/** The grid cell of a trust/intent pair, trust band first. */
export function cellOf(trust: number, intent: number, config: ScoringConfig): GridCellCode {
  return `${bandOf(trust, config)}-${bandOf(intent, config)}`;
}

/** A dimension's score (integer 0..100) and the contributions that sum to it. */
export type DimensionScore = { score: number; contributions: ScoreContribution[] };

/** One piece of evidence of the day being counted, as stored in the state. */
export type DayEvidence = {
  kindKey: string;
  points: number;
  repeatFactor: number;
  reason: string;
  eventId: string;
  type: TouchpointType;
  atMs: number;
};

/** A contribution of a day already closed: what it gained then, and the decay it started at. */
export type ClosedContribution = {
  dimension: ScoreDimension;
  touchpointType: TouchpointType;
  eventId: string;
  atMs: number;
  reason: string;
  /** Points gained on its day, unrounded (decayed to now when read). */
  gained: number;
  /** The dimension's running log2 decay on its day. */
  log2DecayAt: number;
};

/** One dimension as folded so far: the score at the start of the last active day and that day's evidence. */
export type DimensionState = { score: number; log2Decay: number; day: DayEvidence[] };

/**
 * The score part of a contact's state (see contact-state.ts). Every day before the last active one
 * is closed: its gain is in `score` and its contributions in `closed` (the newest
 * `explanation.contributionsKept`, both dimensions, in explanation order). The last active day
 * stays open, since a later event that day changes its gain and how the gain is shared.
 */
export type ScoreState = {
  lastDay: number | null;
  trust: DimensionState;
  intent: DimensionState;
  closed: ClosedContribution[];
};

/** The score state before the first event. */
export function emptyScoreState(): ScoreState {
  const dimension = (): DimensionState => ({ score: 0, log2Decay: 0, day: [] });
  return { lastDay: null, trust: dimension(), intent: dimension(), closed: [] };
}

const DIMENSIONS: readonly ScoreDimension[] = ['trust', 'intent'];

/** Folds one event (later than every event folded so far) into the score state, in place. */
export function applyScoreEvent(state: ScoreState, event: ScoringEvent, config: ScoringConfig): void {
  const day = calendarDayOf(event.occurredAtMs, config.dayOffsetMs);
  if (state.lastDay !== null && day !== state.lastDay) {
    const batch: ClosedContribution[] = [];
    for (const dimension of DIMENSIONS) {
      const ds = state[dimension];
      const closed = closeDay(ds, dimension, config);
      batch.push(...closed.contributions);
      ds.score += closed.gain;
      ds.day = [];
      const step = log2DecayFactor(day - state.lastDay, config[dimension]);
      ds.score *= 2 ** step;
      ds.log2Decay += step;
    }
    // A closed day's contributions all come after every earlier day's: sorting the day keeps the whole list in order.
    state.closed.push(...batch.sort(compareContributions));
    // Under the limit the count is negative, and splice then removes nothing.
    state.closed.splice(0, state.closed.length - config.explanation.contributionsKept);
  }
  state.lastDay = day;
  for (const evidence of evidenceOf(event, config)) {
    const { dimension, ...rest } = evidence;
    state[dimension].day.push({ ...rest, eventId: event.id, type: event.type, atMs: event.occurredAtMs });
  }
}

/**
 * Per calendar day: R = Σ evidence points (same-kind repeats weighted factor^n, best first);
 * gain = min(dailyGainCap, (100 − s) × min(1, R / 100)), shared among the day's evidence by weight.
 */
function closeDay(ds: DimensionState, dimension: ScoreDimension, config: ScoringConfig): { gain: number; contributions: ClosedContribution[] } {
  const weighted = weightDay(ds.day);
  // Every weighted item is worth more than nothing, so a day without any has raw 0 and gains 0.
  const raw = weighted.reduce((sum, w) => sum + w.weight, 0);
  const gain = Math.min(config[dimension].dailyGainCap, (100 - ds.score) * Math.min(1, raw / 100));
  return {
    gain,
    contributions: weighted.map((w) => ({
      dimension, touchpointType: w.item.type, eventId: w.item.eventId, atMs: w.item.atMs, reason: w.item.reason,
      gained: (gain * w.weight) / raw, log2DecayAt: ds.log2Decay,
    })),
  };
}

/** A dimension as of `nowMs`: the open day closed, then decayed between the last active day and now. */
function readDimensionScore(state: ScoreState, dimension: ScoreDimension, nowMs: number, config: ScoringConfig) {
  const ds = state[dimension];
  const current = closeDay(ds, dimension, config);
  let score = ds.score + current.gain;
  let log2Decay = ds.log2Decay;
  if (state.lastDay !== null) {
    const step = log2DecayFactor(calendarDayOf(nowMs, config.dayOffsetMs) - state.lastDay, config[dimension]);
    score *= 2 ** step;
    log2Decay += step;
  }
  return { score, log2Decay, current: current.contributions };
}

/** The integer score of a dimension as of `nowMs`, standing trust included, without the explanation. */
export function dimensionScoreAt(state: ScoreState, context: ContactContext, dimension: ScoreDimension, nowMs: number, config: ScoringConfig): number {
  const { score } = readDimensionScore(state, dimension, nowMs, config);
  return toScore(dimension === 'trust' ? score + standingTrust(context, score, nowMs, config).gain : score);
}

/** A dimension as of `nowMs` (at or after the last folded event), with its explanation. */
export function readDimension(state: ScoreState, context: ContactContext, dimension: ScoreDimension, nowMs: number, config: ScoringConfig): DimensionScore {
  const { score: decayed, log2Decay, current } = readDimensionScore(state, dimension, nowMs, config);
  let score = decayed;
  const contributions: ScoreContribution[] = [...state.closed.filter((c) => c.dimension === dimension), ...current].map((c) => ({
    dimension: c.dimension,
    touchpointType: c.touchpointType,
    eventId: c.eventId,
    atMs: c.atMs,
    reason: c.reason,
    gainedPoints: round1(c.gained),
    points: round1(c.gained * 2 ** (log2Decay - c.log2DecayAt)),
  }));
  if (dimension === 'trust') {
    const standing = standingTrust(context, score, nowMs, config);
    score += standing.gain;
    contributions.push(...standing.contributions);
  }
  return { score: toScore(score), contributions };
}

/**
 * Scores one dimension from a normalised history (see normaliseEvents) as of `nowMs`: the fold of
 * contact-state.ts, read. Between active days and until now, silence decays:
 * s × 0.5^(max(0, silentDays − grace) / halfLife).
 */
export function scoreDimension(
  history: readonly ScoringEvent[],
  context: ContactContext,
  dimension: ScoreDimension,
  nowMs: number,
  config: ScoringConfig,
): DimensionScore {
  const state = emptyScoreState();
  for (const event of history) applyScoreEvent(state, event, config);
  return readDimension(state, context, dimension, nowMs, config);
}

/** Explanation order: oldest first; at one instant by event, then trust before intent… by name, then by reason. */
export function compareContributions(
  a: Pick<ScoreContribution, 'atMs' | 'eventId' | 'dimension' | 'reason'>,
  b: Pick<ScoreContribution, 'atMs' | 'eventId' | 'dimension' | 'reason'>,
): number {
  return a.atMs - b.atMs || compareStrings(a.eventId ?? '', b.eventId ?? '') || compareStrings(a.dimension, b.dimension) || compareStrings(a.reason, b.reason);
}

/** Rounds to an integer 0..100; the inner rounding stops float noise from flipping a .5. */
function toScore(value: number): number {
  return Math.min(100, Math.max(0, Math.round(Math.round(value * 1e6) / 1e6)));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function log2DecayFactor(silentDays: number, dim: DimensionConfig): number {
  const decaying = Math.max(0, silentDays - dim.decay.graceDays);
  return -decaying / dim.decay.halfLifeDays;
}

type Weighted = { item: DayEvidence; weight: number };

// Best evidence of a kind first, so an extra weaker repeat can only add (never displace) weight.
function weightDay(items: readonly DayEvidence[]): Weighted[] {
  const byKind = new Map<string, DayEvidence[]>();
  for (const item of items) {
    const list = byKind.get(item.kindKey);
    if (list) list.push(item);
    else byKind.set(item.kindKey, [item]);
  }
  const out: Weighted[] = [];
  for (const list of byKind.values()) {
    list.sort((a, b) => b.points - a.points || a.atMs - b.atMs || compareStrings(a.eventId, b.eventId));
    list.forEach((item, rank) => {
      const weight = item.points * item.repeatFactor ** rank;
      if (weight > 0) out.push({ item, weight });
    });
  }
  return out.sort((a, b) => a.item.atMs - b.item.atMs || compareStrings(a.item.eventId, b.item.eventId));
}

// Policies held and referrals given are facts, not replayable events: no daily cap, no decay.
function standingTrust(
  context: ContactContext,
  score: number,
  nowMs: number,
  config: ScoringConfig,
): { gain: number; contributions: ScoreContribution[] } {
  const s = config.standing;
  const policies = Math.min(Math.max(0, Math.floor(context.policiesHeld ?? 0)), s.maxPoliciesCounted);
  const referrals = Math.min(Math.max(0, Math.floor(context.engagedReferrals)), s.maxReferralsCounted);
  const parts: { points: number; type: TouchpointType; reason: string }[] = [];
  if (policies > 0) parts.push({ points: policies * s.perPolicyHeld, type: 'policy_signed', reason: `已持有${policies}张保单` });
  if (referrals > 0) parts.push({ points: referrals * s.perEngagedReferral, type: 'forward', reason: `转介绍${referrals}位新客户并产生互动` });
  // Each part is worth more than nothing, so without one raw is 0 and so is the gain.
  const raw = parts.reduce((sum, part) => sum + part.points, 0);
  const gain = (100 - score) * Math.min(1, raw / 100);
  return {
    gain,
    contributions: parts.map((part) => {
      const points = round1((gain * part.points) / raw);
      return { dimension: 'trust', touchpointType: part.type, eventId: null, points, gainedPoints: points, atMs: nowMs, reason: part.reason };
    }),
  };
}
