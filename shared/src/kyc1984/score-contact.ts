/** The one entry point the server calls: a contact's whole KYC1984 position from its whole history. */
import { compareStrings } from './compare';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from './config';
import { inferInterestTags } from './interest-tags';
import { normaliseEvents } from './normalise-events';
import { classifyReferral } from './referral';
import { bandOf, cellOf, scoreDimension } from './scores';
import { computeStage } from './stages';
import type { ContactContext, ContactScore, ScoringEvent } from './types';

/**
 * Recomputes everything from the full history as of `nowMs`. Deterministic: the same events in
 * any order, with retries (same id) and future-dated events (ignored), give the same result, so a
 * scorer that was down catches up to identical figures.
 *
 * Opted-out contacts (PIPL: no profiling after opt-out): trust and intent 0, no contributions or
 * interest tags, referral negative, stage 1 — except a closed deal, which stays stage 8 with its
 * outcome because a signed (or lost) policy is a business fact, not a profile.
 */
export function scoreContact(
  events: readonly ScoringEvent[],
  context: ContactContext,
  nowMs: number,
  config: ScoringConfig = DEFAULT_SCORING_CONFIG,
): ContactScore {
  const history = normaliseEvents(events, nowMs);
  const lastTouchAtMs = history.length > 0 ? history[history.length - 1].occurredAtMs : null;
  const stages = computeStage(history, context, nowMs, config);
  const referral = classifyReferral(history, context, config);

  if (context.optedOut) {
    const closed = stages.outcome !== 'open';
    return {
      trust: 0,
      intent: 0,
      trustBand: bandOf(0, config),
      intentBand: bandOf(0, config),
      cell: cellOf(0, 0, config),
      stage: closed ? 8 : 1,
      outcome: stages.outcome,
      ...referral,
      optedOut: true,
      interestTags: [],
      contributions: [],
      stageEvidence: [
        { stage: closed ? 8 : 1, eventId: null, atMs: nowMs, reason: '客户已退订，停止画像与跟进' },
      ],
      lastTouchAtMs,
    };
  }

  const trust = scoreDimension(history, context, 'trust', nowMs, config);
  const intent = scoreDimension(history, context, 'intent', nowMs, config);
  const contributions = [...trust.contributions, ...intent.contributions].sort(
    (a, b) =>
      a.atMs - b.atMs ||
      compareStrings(a.eventId ?? '', b.eventId ?? '') ||
      compareStrings(a.dimension, b.dimension) ||
      compareStrings(a.reason, b.reason),
  );
  return {
    trust: trust.score,
    intent: intent.score,
    trustBand: bandOf(trust.score, config),
    intentBand: bandOf(intent.score, config),
    cell: cellOf(trust.score, intent.score, config),
    stage: stages.stage,
    outcome: stages.outcome,
    ...referral,
    optedOut: false,
    interestTags: inferInterestTags(history, config),
    contributions,
    stageEvidence: stages.stageEvidence,
    lastTouchAtMs,
  };
}
