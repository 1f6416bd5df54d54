/** The one entry point for a whole history: a contact's KYC1984 position, as the fold of contact-state.ts, read. */
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from './config';
import { scoreFromState, stateFromHistory } from './contact-state';
import type { ContactContext, ContactScore, ScoringEvent } from './types';

/**
 * Recomputes everything from the full history as of `nowMs`. Deterministic: the same events in
 * any order, with retries (same id) and future-dated events (ignored), give the same result, so a
 * scorer that was down catches up to identical figures — and a scorer that folds touchpoints into
 * a stored state (advanceState) reaches the same figures as this replay.
 */
export function scoreContact(
  events: readonly ScoringEvent[],
  context: ContactContext,
  nowMs: number,
  config: ScoringConfig = DEFAULT_SCORING_CONFIG,
): ContactScore {
  return scoreFromState(stateFromHistory(events, nowMs, config), context, nowMs, config);
}
