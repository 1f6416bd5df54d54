/**
 * The referral scale (推荐指数). Precedence, strongest first:
 * 1. opted out → negative;
 * 2. the latest NPS answer (earlier answers are superseded) of 0–6 → negative: a customer who says
 *    they would not recommend is not asked for referrals, whatever they did before;
 * 3. otherwise the higher of what the latest NPS says (7–8 passive, 9–10 active) and what the
 *    forward chain shows (any forward → passive, ≥ 2 engaged referrals → active);
 * 4. otherwise indifferent.
 */
import type { ReferralClass } from '../contracts';
import type { ScoringConfig } from './config';
import type { ContactContext, ScoringEvent } from './types';

/** A contact's place on the referral scale. */
export type ReferralResult = { referralClass: ReferralClass; centreOfInfluence: boolean };

const RANK: Record<ReferralClass, number> = { negative: 0, indifferent: 1, passive_promoter: 2, active_promoter: 3 };

/** The referral part of a contact's state (see contact-state.ts): the latest valid NPS answer and the forwards. */
export type ReferralState = { latestNps: number | null; forwards: number };

/** The referral state before the first event. */
export function emptyReferralState(): ReferralState {
  return { latestNps: null, forwards: 0 };
}

/** Folds one event (later than every event folded so far) into the referral state, in place. */
export function applyReferralEvent(state: ReferralState, event: ScoringEvent): void {
  // Events come in order, so the last valid answer is the latest.
  if (event.type === 'nps_answer' && typeof event.npsScore === 'number' && Number.isFinite(event.npsScore)) {
    state.latestNps = event.npsScore;
  }
  if (event.type === 'forward') state.forwards += 1;
}

/** The referral class from the folded state and the contact's standing facts. */
export function readReferral(state: ReferralState, context: ContactContext, config: ScoringConfig): ReferralResult {
  const referralClass = referralClassOf(state, context, config);
  return { referralClass, centreOfInfluence: referralClass === 'active_promoter' };
}

/** Classifies a contact from a normalised history (see normaliseEvents) and its context. */
export function classifyReferral(
  history: readonly ScoringEvent[],
  context: ContactContext,
  config: ScoringConfig,
): ReferralResult {
  const state = emptyReferralState();
  for (const event of history) applyReferralEvent(state, event);
  return readReferral(state, context, config);
}

function referralClassOf(state: ReferralState, context: ContactContext, config: ScoringConfig): ReferralClass {
  if (context.optedOut) return 'negative';
  const cfg = config.referral;
  const { latestNps, forwards } = state;
  if (latestNps !== null && latestNps < cfg.passiveNpsMin) return 'negative';
  let fromNps: ReferralClass = 'indifferent';
  if (latestNps !== null) fromNps = latestNps >= cfg.activeNpsMin ? 'active_promoter' : 'passive_promoter';
  let fromChain: ReferralClass = 'indifferent';
  if (context.engagedReferrals >= cfg.activeEngagedReferralsMin) fromChain = 'active_promoter';
  else if (forwards >= cfg.passiveForwardsMin || context.engagedReferrals > 0) fromChain = 'passive_promoter';
  // Stryker disable next-line EqualityOperator: equal ranks are the same class, either side gives it
  return RANK[fromNps] >= RANK[fromChain] ? fromNps : fromChain;
}
