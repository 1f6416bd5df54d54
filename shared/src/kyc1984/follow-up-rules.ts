/**
 * Follow-up rules as data (跟进策略): (touchpoint, content tags, cell, stage, transition) → task.
 * Operators edit them through the API; validateFollowUpRules says what is wrong with a bad one.
 */
import type { FollowUpChannel, GridCellCode, Stage, TagCode, TouchpointType } from '../contracts';

/** Changes between the score before a touchpoint and after it that a rule can react to. */
export const FOLLOW_UP_TRANSITIONS = [
  'intent_band_up',
  'trust_band_up',
  'stage_up',
  'became_active_promoter',
  'became_negative',
  'deal_won',
  'deal_lost',
] as const;
/** A change a rule can react to. */
export type FollowUpTransition = (typeof FOLLOW_UP_TRANSITIONS)[number];

/** Task priority: 1 is the most urgent, 5 the least. */
export type FollowUpPriority = 1 | 2 | 3 | 4 | 5;

/** Placeholders a message template may use, written {name}. */
export const MESSAGE_PLACEHOLDERS = ['contactName', 'agentName', 'contentTitle', 'need'] as const;
/** A placeholder name. */
export type MessagePlaceholder = (typeof MESSAGE_PLACEHOLDERS)[number];

/**
 * When a rule applies: every condition present must hold; an absent condition holds always.
 * Tags match exactly, or by family with "family:*" (e.g. "need:*").
 */
export type FollowUpCondition = {
  /** The touchpoint is one of these. */
  touchpointTypes?: TouchpointType[];
  /** The content carries at least one of these tags. */
  anyContentTags?: TagCode[];
  /** The contact's cell after the touchpoint is one of these. */
  cells?: GridCellCode[];
  /** The contact's stage after the touchpoint is one of these. */
  stages?: Stage[];
  /** The touchpoint caused this change. */
  transition?: FollowUpTransition;
};

/** Rule sets published before channels existed read as messages: the commonest follow-up. */
export const DEFAULT_FOLLOW_UP_CHANNEL: FollowUpChannel = 'message';

/** What the agent should do. */
export type FollowUpTask = {
  /** The action, for the morning list. */
  action: string;
  /** How it is done (absent in older rule sets: a message). */
  channel?: FollowUpChannel;
  /** Suggested message with placeholders {contactName} {agentName} {contentTitle} {need}. */
  messageTemplate: string;
  /** Due this many hours after planning. */
  dueInHours: number;
  /** 1 (most urgent) … 5. */
  priority: FollowUpPriority;
};

/** One follow-up rule. */
export type FollowUpRule = {
  /** Stable id, unique in a rule set. */
  id: string;
  /** Name for operators. */
  name: string;
  /** Conditions. */
  when: FollowUpCondition;
  /** The task it creates. */
  task: FollowUpTask;
  /** Operator's tie-breaker between equally specific rules of equal priority (lower first). */
  ruleOrder: number;
};

/** Which condition fields a rule may have. */
export const FOLLOW_UP_CONDITION_FIELDS = ['touchpointTypes', 'anyContentTags', 'cells', 'stages', 'transition'] as const;

/** How many conditions a rule states: more conditions = more specific. */
export function specificityOf(rule: FollowUpRule): number {
  return FOLLOW_UP_CONDITION_FIELDS.filter((field) => rule.when[field] !== undefined).length;
}

/** Whether a rule tag ("need:medical" or "need:*") matches a content tag. */
export function tagMatches(ruleTag: TagCode, contentTag: TagCode): boolean {
  if (ruleTag.endsWith(':*')) return contentTag.startsWith(ruleTag.slice(0, -1));
  return ruleTag === contentTag;
}
