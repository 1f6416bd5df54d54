/**
 * Every number of the KYC1984 method lives here as a default; code reads it from the config
 * passed in, so an operator can tune the method without touching the scorer.
 */
import type { Stage, TagFamily } from '../contracts';

/** One hour in milliseconds. */
export const MS_PER_HOUR = 60 * 60 * 1000;
/** One day in milliseconds. */
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** How a score fades when the contact is silent: nothing for `graceDays`, then halves every `halfLifeDays`. */
export interface DecayConfig {
  /** Silent days (between active days, or until now) that cost nothing. */
  readonly graceDays: number;
  /** After the grace period, the score halves every this many silent days. */
  readonly halfLifeDays: number;
}

/** Settings of one score dimension (trust or intent). */
export interface DimensionConfig {
  /** Most points this dimension can gain from one contact's events on one calendar day. */
  readonly dailyGainCap: number;
  /** Decay with silence. */
  readonly decay: DecayConfig;
}

/** Points a kind of evidence is worth on a fresh contact (score 0); later gains shrink with headroom. */
export interface EvidencePointsConfig {
  /** A voluntary open; counts once per calendar day, so only distinct days add up. */
  readonly openTrust: number;
  /** Reading/watching any content past `stages.valuableReadAbovePct`. */
  readonly engagedReadTrust: number;
  /** Reading/watching need-tagged content past `stages.valuableReadAbovePct`. */
  readonly needReadIntent: number;
  /** Reading/watching need-tagged content to at least `stages.deepReadMinPct`. */
  readonly needDeepReadIntent: number;
  /** Joining a live stream. */
  readonly liveJoinTrust: number;
  /** Joining a need-tagged live stream. */
  readonly liveJoinNeedIntent: number;
  /** Viewing the agent's card. */
  readonly cardViewTrust: number;
  /** Tapping "consult". */
  readonly consultTrust: number;
  /** Tapping "consult" on content without a need tag. */
  readonly consultIntent: number;
  /** Tapping "consult" on need-tagged content: the customer is asking about a need. */
  readonly consultNeedIntent: number;
  /** Forwarding content: the contact lends the agent their own name. */
  readonly forwardTrust: number;
  /** Submitting the lead form with real contact data and consent. */
  readonly leadTrust: number;
  /** Submitting the lead form at all. */
  readonly leadIntent: number;
  /** The lead form names a budget. */
  readonly leadBudgetIntent: number;
  /** The lead form names the insured person. */
  readonly leadInsuredPersonIntent: number;
  /** The lead form names at least one need category. */
  readonly leadNeedsIntent: number;
  /** NPS answer at or above `referral.activeNpsMin`. */
  readonly npsPromoterTrust: number;
  /** NPS answer at or above `referral.passiveNpsMin` (and below the promoter mark). */
  readonly npsPassiveTrust: number;
  /** Agent-logged phone call. */
  readonly callTrust: number;
  /** Agent-logged face-to-face meeting. */
  readonly visitTrust: number;
  /** Agent judged a need strong enough to draft a proposal. */
  readonly proposalMadeIntent: number;
  /** The customer took the time to receive a proposal. */
  readonly proposalDeliveredTrust: number;
  /** The customer took the time to receive a proposal. */
  readonly proposalDeliveredIntent: number;
  /** A signed policy is the strongest relationship evidence there is. */
  readonly policySignedTrust: number;
  /** Servicing a policy anniversary keeps the relationship alive. */
  readonly anniversaryServiceTrust: number;
}

/** Trust from standing facts about the contact, not from dated events (never capped per day). */
export interface StandingTrustConfig {
  /** Points per policy the contact already holds. */
  readonly perPolicyHeld: number;
  /** Policies beyond this add nothing. */
  readonly maxPoliciesCounted: number;
  /** Points per new contact who engaged after arriving through this contact's forwards. */
  readonly perEngagedReferral: number;
  /** Referrals beyond this add nothing. */
  readonly maxReferralsCounted: number;
}

/** Thresholds of the eight stages. */
export interface StageConfig {
  /** Insurance-topic content read/watched strictly past this share reaches stage 3. */
  readonly valuableReadAbovePct: number;
  /** A read/watch at or above this share is a deep read. */
  readonly deepReadMinPct: number;
  /**
   * Distinct calendar days with a deep read in one need family that open the insurance topic
   * (stage 4). Reading the same item again on another day counts: the customer came back to it.
   */
  readonly deepReadDaysForTopic: number;
  /** Distinct calendar days with an open that make a contact appointable (stage 2). */
  readonly repeatOpenDays: number;
  /** A contact silent this long steps back one stage (per full period, never below 1). */
  readonly silenceStepBackDays: number;
}

/** Thresholds of the referral scale. */
export interface ReferralConfig {
  /** NPS at or above this (and below `activeNpsMin`) is a passive promoter; below it, negative. */
  readonly passiveNpsMin: number;
  /** NPS at or above this is an active promoter. */
  readonly activeNpsMin: number;
  /** Forward events that make a passive promoter. */
  readonly passiveForwardsMin: number;
  /** Engaged referrals that make an active promoter. */
  readonly activeEngagedReferralsMin: number;
}

/** How interest tags are inherited from content. */
export interface InterestTagConfig {
  /** Tag families that describe a person's interests (stage tags describe content, not people). */
  readonly families: readonly TagFamily[];
  /** How many tags a contact keeps. */
  readonly topN: number;
  /** Weight of merely opening an item. */
  readonly openWeight: number;
  /** Weight of a read/watch at 100 % (scaled linearly by depth, plus `openWeight`). */
  readonly fullReadWeight: number;
  /** Weight of joining a live stream. */
  readonly liveJoinWeight: number;
  /** Weight of tapping consult on an item. */
  readonly consultWeight: number;
  /** Weight of forwarding an item. */
  readonly forwardWeight: number;
  /** Weight of a need named in the lead form. */
  readonly leadNeedWeight: number;
}

/**
 * How much of the explanation a contact keeps: the newest contributions and stage entries. Bounded
 * so that a contact's stored state, and so the cost of one more touchpoint, does not grow with its
 * history (issue 15); the agent reads what moved the score lately, not every point since the start.
 */
export interface ExplanationConfig {
  /** Newest score contributions kept (both dimensions together). */
  readonly contributionsKept: number;
  /** Newest stage-history entries kept. */
  readonly stageEvidenceKept: number;
}

/** Morning-list ordering. */
export interface RankingConfig {
  /** Multiplier per task priority (1 = most urgent). */
  readonly priorityWeights: Readonly<Record<1 | 2 | 3 | 4 | 5, number>>;
  /** Tasks due within this many hours get full urgency; later ones fade. */
  readonly dueSoonHours: number;
  /** Overdue tasks gain urgency linearly up to `1 + overdueBoostMax` after this many hours. */
  readonly overdueBoostHours: number;
  /** Largest extra urgency an overdue task can gain. */
  readonly overdueBoostMax: number;
}

/** Limits for follow-up rules. */
export interface FollowUpConfig {
  /** Longest allowed `dueInHours`. */
  readonly maxDueInHours: number;
}

/** The whole KYC1984 configuration. */
export interface ScoringConfig {
  /** Offset of the calendar day used for daily caps and decay: UTC+8, China time. */
  readonly dayOffsetMs: number;
  /** Band cut points: below `midFrom` is low, from `highFrom` on is high. */
  readonly bands: { readonly midFrom: number; readonly highFrom: number };
  /** Trust (信任度). */
  readonly trust: DimensionConfig;
  /** Intent (意向度): decays faster than trust. */
  readonly intent: DimensionConfig;
  /** The n-th repeat of the same evidence on one day is worth this factor^n (opens and per-item reads: 0). */
  readonly sameDayRepeatFactor: number;
  /** Points per kind of evidence. */
  readonly points: EvidencePointsConfig;
  /** Trust from standing facts. */
  readonly standing: StandingTrustConfig;
  /** A live stream watched this long counts as watched to 100 %. */
  readonly liveFullDwellMs: number;
  /** Stage thresholds. */
  readonly stages: StageConfig;
  /** Referral-scale thresholds. */
  readonly referral: ReferralConfig;
  /** Interest-tag weights. */
  readonly interestTags: InterestTagConfig;
  /** How much of the explanation is kept. */
  readonly explanation: ExplanationConfig;
  /** Stage-based prior P(close) for open deals, used before a deal-index model exists. */
  readonly stagePriorCloseProbability: Readonly<Record<Stage, number>>;
  /** Morning-list ordering. */
  readonly ranking: RankingConfig;
  /** Follow-up rule limits. */
  readonly followUp: FollowUpConfig;
}

/** The defaults of the method (DOMAIN.md); operators override by passing their own config. */
export const DEFAULT_SCORING_CONFIG: ScoringConfig = {
  dayOffsetMs: 8 * MS_PER_HOUR,
  bands: { midFrom: 34, highFrom: 67 },
  trust: { dailyGainCap: 30, decay: { graceDays: 14, halfLifeDays: 90 } },
  intent: { dailyGainCap: 40, decay: { graceDays: 7, halfLifeDays: 30 } },
  sameDayRepeatFactor: 0.5,
  points: {
    openTrust: 8,
    engagedReadTrust: 2,
    needReadIntent: 5,
    needDeepReadIntent: 10,
    liveJoinTrust: 3,
    liveJoinNeedIntent: 3,
    cardViewTrust: 8,
    consultTrust: 10,
    consultIntent: 4,
    consultNeedIntent: 8,
    forwardTrust: 6,
    leadTrust: 25,
    leadIntent: 10,
    leadBudgetIntent: 20,
    leadInsuredPersonIntent: 8,
    leadNeedsIntent: 8,
    npsPromoterTrust: 8,
    npsPassiveTrust: 4,
    callTrust: 8,
    visitTrust: 15,
    proposalMadeIntent: 5,
    proposalDeliveredTrust: 5,
    proposalDeliveredIntent: 10,
    policySignedTrust: 20,
    anniversaryServiceTrust: 8,
  },
  standing: { perPolicyHeld: 10, maxPoliciesCounted: 3, perEngagedReferral: 6, maxReferralsCounted: 5 },
  liveFullDwellMs: 30 * 60 * 1000,
  stages: {
    valuableReadAbovePct: 50,
    deepReadMinPct: 80,
    deepReadDaysForTopic: 2,
    repeatOpenDays: 2,
    silenceStepBackDays: 30,
  },
  referral: { passiveNpsMin: 7, activeNpsMin: 9, passiveForwardsMin: 1, activeEngagedReferralsMin: 2 },
  interestTags: {
    families: ['need', 'audience', 'life_event'],
    topN: 5,
    openWeight: 1,
    fullReadWeight: 3,
    liveJoinWeight: 2,
    consultWeight: 4,
    forwardWeight: 3,
    leadNeedWeight: 5,
  },
  explanation: { contributionsKept: 60, stageEvidenceKept: 50 },
  stagePriorCloseProbability: { 1: 0.02, 2: 0.04, 3: 0.07, 4: 0.12, 5: 0.2, 6: 0.3, 7: 0.45, 8: 0.6 },
  ranking: {
    priorityWeights: { 1: 5, 2: 3, 3: 2, 4: 1.5, 5: 1 },
    dueSoonHours: 24,
    overdueBoostHours: 48,
    overdueBoostMax: 1,
  },
  followUp: {
    maxDueInHours: 720,
  },
};
