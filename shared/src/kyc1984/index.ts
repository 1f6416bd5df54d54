/** KYC1984, the customer data layer: grid, stages, referral scale, interest tags, follow-ups. */
export * from './config';
export * from './types';
export { normaliseEvents } from './normalise-events';
export { NEED_NAMES_ZH, needNameZh } from './content';
export { bandOf, cellOf } from './scores';
export { computeStage, emptyStageMemory, proveStage } from './stages';
export type { StageMemory, StageProof, StageResult, StageState } from './stages';
export { classifyReferral } from './referral';
export type { ReferralResult } from './referral';
export { inferInterestTags } from './interest-tags';
export { scoreContact } from './score-contact';
export {
  CONTACT_STATE_VERSION, advanceState, applyTouchpoint, applyTouchpoints, emptyState, isAfterState, nextRecheckAtMs, scoreFromState, stateFromHistory,
} from './contact-state';
export type { ContactState } from './contact-state';
export * from './follow-up-rules';
export { validateFollowUpRules } from './validate-follow-up-rules';
export type { RuleValidationError } from './validate-follow-up-rules';
export { planFollowUp, transitionsOf, renderMessage, greetingFallback, FALLBACK_CONTENT_TITLE, FALLBACK_NEED } from './plan-follow-up';
export type { FollowUpInput, FollowUpPlan } from './plan-follow-up';
export { DEFAULT_FOLLOW_UP_RULES } from './default-rules.zh';
export { isProgressReport, scoresFirst } from './scoring-order';
export { morningListSection, morningListSectionBounds, rankFollowUp, stagePriorCloseProbability } from './rank-follow-up';
export type { RankInput } from './rank-follow-up';
export * from './follow-up-memory';
export { AFTER_SALE_KINDS, DEFAULT_AFTER_SALE_CONFIG, planAfterSaleMoments, nextYearly, ageOn } from './after-sale';
export type { AfterSaleConfig, AfterSaleContact, AfterSaleKind, AfterSaleMoment, AfterSalePolicy } from './after-sale';
