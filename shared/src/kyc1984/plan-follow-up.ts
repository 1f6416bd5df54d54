/**
 * One follow-up per touchpoint: of the rules that match, the winner is
 * 1. a rule on a transition (a change the touchpoint caused) before a plain rule;
 * 2. then the most specific (most conditions stated);
 * 3. then the most urgent priority (1 first);
 * 4. then the lowest ruleOrder, then the id (so the choice never depends on list order).
 */
import type { Band, FollowUpChannel, ReferralClass } from '../contracts';
import { MS_PER_HOUR } from './config';
import { compareStrings } from './compare';
import { needCodesOf, needNameZh } from './content';
import {
  DEFAULT_FOLLOW_UP_CHANNEL,
  specificityOf,
  tagMatches,
  type FollowUpPriority,
  type FollowUpRule,
  type FollowUpTransition,
  type MessagePlaceholder,
} from './follow-up-rules';
import type { ContactFigures, ContactScore, ScoringEvent } from './types';

/** What planFollowUp needs to know about one touchpoint. */
export type FollowUpInput = {
  /** The touchpoint just scored. */
  event: ScoringEvent;
  /** The contact's figures before it, or null for a new contact. */
  before: ContactFigures | null;
  /** The contact's score after it. */
  after: ContactScore;
  /** Title of the content involved, if any. */
  contentTitle?: string;
  /** How the agent addresses the contact (addressNameOf); '' when no name is known. */
  contactName: string;
  /** The agent's name. */
  agentName: string;
};

/** The task to create. */
export type FollowUpPlan = {
  /** The rule that won. */
  ruleId: string;
  /** Its name. */
  ruleName: string;
  /** What to do. */
  action: string;
  /** How it is done. */
  channel: FollowUpChannel;
  /** The rendered suggested message. */
  message: string;
  /** When it is due. */
  dueAtMs: number;
  /** 1 (most urgent) … 5. */
  priority: FollowUpPriority;
  /** The touchpoint that triggered it. */
  triggerEventId: string;
  /** The change that triggered it, or null for a plain touchpoint rule. */
  transition: FollowUpTransition | null;
};

/** Shown when the content has no title: reads naturally where the title would stand. */
export const FALLBACK_CONTENT_TITLE = '我分享的内容';
/** Shown when no need is known. */
export const FALLBACK_NEED = '保障';

const BAND_RANK: Record<Band, number> = { low: 0, mid: 1, high: 2 };

/** The task for this touchpoint, or null when the contact opted out or no rule matches. */
export function planFollowUp(input: FollowUpInput, rules: readonly FollowUpRule[], nowMs: number): FollowUpPlan | null {
  // An opted-out contact is never chased, whatever the rules say.
  if (input.after.optedOut) return null;
  const transitions = transitionsOf(input.before, input.after);
  const matching = rules.filter((rule) => ruleMatches(rule, input, transitions));
  if (matching.length === 0) return null;
  const rule = [...matching].sort(compareRules)[0];
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    action: rule.task.action,
    channel: rule.task.channel ?? DEFAULT_FOLLOW_UP_CHANNEL,
    message: renderMessage(greetingFallback(rule.task.messageTemplate, input.contactName), placeholderValues(input)),
    dueAtMs: nowMs + rule.task.dueInHours * MS_PER_HOUR,
    priority: rule.task.priority,
    triggerEventId: input.event.id,
    transition: rule.when.transition ?? null,
  };
}

/** The changes from `before` to `after`; a new contact is measured from low/low, stage 1, indifferent. */
export function transitionsOf(before: ContactFigures | null, after: ContactFigures): Set<FollowUpTransition> {
  const was = {
    trustBand: before?.trustBand ?? ('low' as Band),
    intentBand: before?.intentBand ?? ('low' as Band),
    stage: before?.stage ?? 1,
    referralClass: before?.referralClass ?? ('indifferent' as ReferralClass),
    // Stryker disable next-line StringLiteral: the outcome is compared only with 'won' and 'lost', so any other stand-in reads the same
    outcome: before?.outcome ?? 'open',
  };
  const out = new Set<FollowUpTransition>();
  if (BAND_RANK[after.intentBand] > BAND_RANK[was.intentBand]) out.add('intent_band_up');
  if (BAND_RANK[after.trustBand] > BAND_RANK[was.trustBand]) out.add('trust_band_up');
  if (after.stage > was.stage) out.add('stage_up');
  if (after.referralClass === 'active_promoter' && was.referralClass !== 'active_promoter') out.add('became_active_promoter');
  if (after.referralClass === 'negative' && was.referralClass !== 'negative') out.add('became_negative');
  if (after.outcome === 'won' && was.outcome !== 'won') out.add('deal_won');
  if (after.outcome === 'lost' && was.outcome !== 'lost') out.add('deal_lost');
  return out;
}

/** Whether every condition of the rule holds for this touchpoint. */
export function ruleMatches(rule: FollowUpRule, input: FollowUpInput, transitions: ReadonlySet<FollowUpTransition>): boolean {
  const { when } = rule;
  if (when.touchpointTypes && !when.touchpointTypes.includes(input.event.type)) return false;
  if (when.anyContentTags && !when.anyContentTags.some((r) => input.event.contentTags.some((t) => tagMatches(r, t)))) {
    return false;
  }
  if (when.cells && !when.cells.includes(input.after.cell)) return false;
  if (when.stages && !when.stages.includes(input.after.stage)) return false;
  if (when.transition && !transitions.has(when.transition)) return false;
  return true;
}

function compareRules(a: FollowUpRule, b: FollowUpRule): number {
  const transition = Number(b.when.transition !== undefined) - Number(a.when.transition !== undefined);
  return (
    transition ||
    specificityOf(b) - specificityOf(a) ||
    a.task.priority - b.task.priority ||
    a.ruleOrder - b.ruleOrder ||
    compareStrings(a.id, b.id)
  );
}

/**
 * Without a name, the greeting stands alone: "{contactName}您好，…" and "{contactName}，…" both
 * open with "您好，…" rather than a bare "您，" or a viewer id.
 */
export function greetingFallback(template: string, contactName: string): string {
  if (contactName.trim() !== '') return template;
  return template.replace(/\{contactName\}(您好)?/g, '您好');
}

function placeholderValues(input: FollowUpInput): Record<MessagePlaceholder, string> {
  const title = input.contentTitle?.trim();
  return {
    // Never blank here: without a name, greetingFallback has already taken {contactName} out.
    contactName: input.contactName.trim(),
    agentName: input.agentName.trim(),
    contentTitle: title ? `《${title}》` : FALLBACK_CONTENT_TITLE,
    need: needOf(input),
  };
}

// The content's own need first, then what the lead form said, then the contact's top interest.
function needOf(input: FollowUpInput): string {
  const fromContent = needCodesOf(input.event.contentTags)[0];
  if (fromContent) return needNameZh(fromContent);
  const fromLead = input.event.lead?.needs?.find((n) => n.trim() !== '');
  if (fromLead) return needNameZh(fromLead.trim());
  const fromInterest = needCodesOf(input.after.interestTags.map((t) => t.tag))[0];
  return fromInterest ? needNameZh(fromInterest) : FALLBACK_NEED;
}

/**
 * Fills {placeholders}; one without a value is left as written (validation refuses unknown ones).
 * A caller passes only the placeholders its texts use.
 */
export function renderMessage(template: string, values: Readonly<Partial<Record<MessagePlaceholder, string>>>): string {
  return template.replace(/\{([^{}]*)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? (values[name as MessagePlaceholder] as string) : whole,
  );
}
