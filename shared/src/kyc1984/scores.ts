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
import { evidenceOf, type Evidence } from './evidence';
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

type Pending = { contribution: ScoreContribution; gained: number; log2DecayAt: number };

/**
 * Scores one dimension from a normalised history (see normaliseEvents) as of `nowMs`.
 * Per calendar day: R = Σ evidence points (same-kind repeats weighted factor^n, best first);
 * gain = min(dailyGainCap, (100 − s) × min(1, R / 100)). Between active days and until now:
 * s × 0.5^(max(0, silentDays − grace) / halfLife).
 */
export function scoreDimension(
  history: readonly ScoringEvent[],
  context: ContactContext,
  dimension: ScoreDimension,
  nowMs: number,
  config: ScoringConfig,
): DimensionScore {
  const dim = config[dimension];
  const days = groupByDay(history, config.dayOffsetMs);
  let score = 0;
  // Decay is tracked as a running log2 so old contributions can be decayed to now exactly, once.
  let log2Decay = 0;
  let previousDay: number | null = null;
  const pending: Pending[] = [];

  for (const [day, events] of days) {
    if (previousDay !== null) {
      const step = log2DecayFactor(day - previousDay, dim);
      score *= 2 ** step;
      log2Decay += step;
    }
    previousDay = day;
    const weighted = weightDayEvidence(events, dimension, config);
    const raw = weighted.reduce((sum, w) => sum + w.weight, 0);
    if (raw <= 0) continue;
    const gain = Math.min(dim.dailyGainCap, (100 - score) * Math.min(1, raw / 100));
    for (const w of weighted) {
      const gained = (gain * w.weight) / raw;
      pending.push({ contribution: contributionOf(w, dimension), gained, log2DecayAt: log2Decay });
    }
    score += gain;
  }

  if (previousDay !== null) {
    const step = log2DecayFactor(calendarDayOf(nowMs, config.dayOffsetMs) - previousDay, dim);
    score *= 2 ** step;
    log2Decay += step;
  }

  const contributions = pending.map(({ contribution, gained, log2DecayAt }) => ({
    ...contribution,
    gainedPoints: round1(gained),
    points: round1(gained * 2 ** (log2Decay - log2DecayAt)),
  }));

  if (dimension === 'trust') {
    const standing = standingTrust(context, score, nowMs, config);
    score += standing.gain;
    contributions.push(...standing.contributions);
  }
  return { score: toScore(score), contributions };
}

/** Rounds to an integer 0..100; the inner rounding stops float noise from flipping a .5. */
function toScore(value: number): number {
  return Math.min(100, Math.max(0, Math.round(Math.round(value * 1e6) / 1e6)));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function groupByDay(history: readonly ScoringEvent[], dayOffsetMs: number): Map<number, ScoringEvent[]> {
  const days = new Map<number, ScoringEvent[]>();
  for (const event of history) {
    const day = calendarDayOf(event.occurredAtMs, dayOffsetMs);
    const list = days.get(day);
    if (list) list.push(event);
    else days.set(day, [event]);
  }
  // The history is sorted, so days come out in order.
  return days;
}

function log2DecayFactor(silentDays: number, dim: DimensionConfig): number {
  const decaying = Math.max(0, silentDays - dim.decay.graceDays);
  return -decaying / dim.decay.halfLifeDays;
}

type Weighted = { evidence: Evidence; event: ScoringEvent; weight: number };

// Best evidence of a kind first, so an extra weaker repeat can only add (never displace) weight.
function weightDayEvidence(events: readonly ScoringEvent[], dimension: ScoreDimension, config: ScoringConfig): Weighted[] {
  const byKind = new Map<string, { evidence: Evidence; event: ScoringEvent }[]>();
  for (const event of events) {
    for (const evidence of evidenceOf(event, config)) {
      if (evidence.dimension !== dimension) continue;
      const list = byKind.get(evidence.kindKey);
      if (list) list.push({ evidence, event });
      else byKind.set(evidence.kindKey, [{ evidence, event }]);
    }
  }
  const out: Weighted[] = [];
  for (const list of byKind.values()) {
    list.sort((a, b) => b.evidence.points - a.evidence.points || a.event.occurredAtMs - b.event.occurredAtMs || compareStrings(a.event.id, b.event.id));
    list.forEach((item, rank) => {
      const weight = item.evidence.points * item.evidence.repeatFactor ** rank;
      if (weight > 0) out.push({ ...item, weight });
    });
  }
  return out.sort((a, b) => a.event.occurredAtMs - b.event.occurredAtMs || compareStrings(a.event.id, b.event.id));
}

function contributionOf(w: Weighted, dimension: ScoreDimension): ScoreContribution {
  return {
    dimension,
    touchpointType: w.event.type,
    eventId: w.event.id,
    points: 0,
    gainedPoints: 0,
    atMs: w.event.occurredAtMs,
    reason: w.evidence.reason,
  };
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
  const raw = parts.reduce((sum, part) => sum + part.points, 0);
  if (raw <= 0) return { gain: 0, contributions: [] };
  const gain = (100 - score) * Math.min(1, raw / 100);
  return {
    gain,
    contributions: parts.map((part) => {
      const points = round1((gain * part.points) / raw);
      return { dimension: 'trust', touchpointType: part.type, eventId: null, points, gainedPoints: points, atMs: nowMs, reason: part.reason };
    }),
  };
}
