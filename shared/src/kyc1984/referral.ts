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

/** Classifies a contact from a normalised history (see normaliseEvents) and its context. */
export function classifyReferral(
  history: readonly ScoringEvent[],
  context: ContactContext,
  config: ScoringConfig,
): ReferralResult {
  const referralClass = referralClassOf(history, context, config);
  return { referralClass, centreOfInfluence: referralClass === 'active_promoter' };
}

function referralClassOf(history: readonly ScoringEvent[], context: ContactContext, config: ScoringConfig): ReferralClass {
  if (context.optedOut) return 'negative';
  const cfg = config.referral;
  let latestNps: number | null = null;
  let forwards = 0;
  for (const event of history) {
    // The history is sorted, so the last valid answer is the latest.
    if (event.type === 'nps_answer' && typeof event.npsScore === 'number' && Number.isFinite(event.npsScore)) {
      latestNps = event.npsScore;
    }
    if (event.type === 'forward') forwards += 1;
  }
  if (latestNps !== null && latestNps < cfg.passiveNpsMin) return 'negative';

  let fromNps: ReferralClass = 'indifferent';
  if (latestNps !== null) fromNps = latestNps >= cfg.activeNpsMin ? 'active_promoter' : 'passive_promoter';
  let fromChain: ReferralClass = 'indifferent';
  if (context.engagedReferrals >= cfg.activeEngagedReferralsMin) fromChain = 'active_promoter';
  else if (forwards >= cfg.passiveForwardsMin || context.engagedReferrals > 0) fromChain = 'passive_promoter';
  // Stryker disable next-line EqualityOperator: equal ranks are the same class, either side gives it
  return RANK[fromNps] >= RANK[fromChain] ? fromNps : fromChain;
}
