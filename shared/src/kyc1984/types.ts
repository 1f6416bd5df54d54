/** The shapes the scorer reads and writes; the server maps its entities to and from them. */
import type { Band, DealOutcome, GridCellCode, ReferralClass, Stage, TagCode, TouchpointType } from '../contracts';

/** What a lead form told us (留资). */
export type LeadDetails = {
  /** Annual premium budget the customer named, in fen. */
  budgetFen?: number;
  /** Who would be insured (本人, 孩子, 父母 …). */
  insuredPerson?: string;
  /** Need categories the customer ticked, e.g. "critical_illness". */
  needs?: string[];
};

/** One touchpoint as the scorer sees it, customer-reported or agent-logged. */
export type ScoringEvent = {
  /** Client event id (UUID); an id seen twice counts once. */
  id: string;
  /** What happened. */
  type: TouchpointType;
  /** When it happened (epoch ms, skew-corrected by the server). */
  occurredAtMs: number;
  /** Tags of the content involved, "family:code". */
  contentTags: TagCode[];
  /** The content item involved, so repeated progress reports on one item count once a day. */
  contentId?: string;
  /** Max scroll depth, 0..100 (read_progress, read_complete). */
  depthPct?: number;
  /** Active dwell time (reads, live_leave). */
  dwellMs?: number;
  /** Share of a video watched, 0..100. */
  videoPct?: number;
  /** nps_answer: 0..10. */
  npsScore?: number;
  /** lead_submit: what the form told us. */
  lead?: LeadDetails;
};

/** Standing facts about the contact that are not dated events. */
export type ContactContext = {
  /** The contact asked not to be profiled or contacted. */
  optedOut: boolean;
  /** New contacts brought in by this contact's forwards who engaged. */
  engagedReferrals: number;
  /** The agent has the contact as a WeChat friend on record: reachable (stage 1). */
  isWeChatFriend?: boolean;
  /** Policies the contact already holds. */
  policiesHeld?: number;
};

/** A score dimension of the grid. */
export type ScoreDimension = 'trust' | 'intent';

/** One reason a score is what it is: which touchpoint, how many points, when. */
export type ScoreContribution = {
  /** The score it moved. */
  dimension: ScoreDimension;
  /** The touchpoint behind it (for standing facts, the touchpoint that kind of fact stands for). */
  touchpointType: TouchpointType;
  /** The event, or null for a standing fact from the contact context. */
  eventId: string | null;
  /** Points it adds to the score now, after decay (one decimal). */
  points: number;
  /** Points it added on the day it happened, after headroom and the daily cap (one decimal). */
  gainedPoints: number;
  /** When it happened (for standing facts: now). */
  atMs: number;
  /** Why, in Chinese, for the agent. */
  reason: string;
};

/** One step in the contact's stage history. */
export type StageEvidence = {
  /** The stage entered. */
  stage: Stage;
  /** The event that proved it, or null for a standing fact or a step back on silence. */
  eventId: string | null;
  /** When. */
  atMs: number;
  /** Why, in Chinese. */
  reason: string;
};

/** An interest inherited from engaged content; weights of all kept tags are shares of engagement. */
export type InterestTag = {
  /** The tag. */
  tag: TagCode;
  /** Share of the contact's weighted engagement carrying this tag, 0..1 (three decimals). */
  weight: number;
};

/** Everything KYC1984 knows about one contact at one moment. */
export type ContactScore = {
  /** 信任度, 0..100. */
  trust: number;
  /** 意向度, 0..100. */
  intent: number;
  /** Band of trust. */
  trustBand: Band;
  /** Band of intent. */
  intentBand: Band;
  /** Grid cell, trust band first. */
  cell: GridCellCode;
  /** Sales stage 1..8. */
  stage: Stage;
  /** Outcome of stage 8; open before that. */
  outcome: DealOutcome;
  /** Referral scale. */
  referralClass: ReferralClass;
  /** Active promoters are the agent's centres of influence (影响力中心). */
  centreOfInfluence: boolean;
  /** The contact opted out: scores are zero and no follow-up is planned. */
  optedOut: boolean;
  /** Top interest tags, heaviest first. */
  interestTags: InterestTag[];
  /** Why trust and intent are what they are, oldest first. */
  contributions: ScoreContribution[];
  /** Stage history, oldest first; the last entry is the current stage. */
  stageEvidence: StageEvidence[];
  /** Latest counted touchpoint, or null. */
  lastTouchAtMs: number | null;
};

/**
 * A score without its explanation: the figures a contact's row keeps, and all a follow-up rule or
 * a stage move compares the new score with (the explanation is worked out again from the stored
 * state when the contact page asks for it).
 */
export type ContactFigures = Omit<ContactScore, 'contributions' | 'stageEvidence'>;
