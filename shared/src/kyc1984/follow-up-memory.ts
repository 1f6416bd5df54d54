/**
 * Follow-up memory: what the agent asked to be reminded of (and when it comes again), where a
 * snooze lands, and the rule-made follow-ups on silence and dates that the daily job plans.
 * Thresholds and words live here, as data with defaults; callers pass the instant (`nowMs`).
 */
import type { FollowUpChannel, ReminderRepeat, SnoozePreset, Stage } from '../contracts';
import { STAGE_NAMES_ZH } from '../contracts/domain';
import type { FollowUpPriority } from './follow-up-rules';
import { greetingFallback, renderMessage } from './plan-follow-up';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** China time: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * HOUR_MS;
/** The hour a snooze to a day lands on: the start of an agent's working morning. */
export const SNOOZE_MORNING_HOUR = 9;

const chinaMidnightOf = (ms: number) => Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;

/** When "明天" and "下周" land: tomorrow 09:00, and next Monday 09:00 (a Monday's 下周 is the Monday after), China time. */
export function snoozePresetUntilMs(preset: SnoozePreset, nowMs: number): number {
  const midnight = chinaMidnightOf(nowMs);
  if (preset === 'tomorrow') return midnight + DAY_MS + SNOOZE_MORNING_HOUR * HOUR_MS;
  const weekday = new Date(midnight + CHINA_OFFSET_MS).getUTCDay(); // 0 Sunday … 6 Saturday
  const daysToMonday = ((8 - weekday) % 7) || 7;
  return midnight + daysToMonday * DAY_MS + SNOOZE_MORNING_HOUR * HOUR_MS;
}

/** The same China wall-clock time `months` later; the 31st becomes the month's last day (and 29 Feb the 28th). */
function addChinaMonths(ms: number, months: number): number {
  const d = new Date(ms + CHINA_OFFSET_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()) - CHINA_OFFSET_MS;
}

/** One step of a repeat from the series' first time: the n-th occurrence, so a monthly reminder on the 31st keeps coming back on the last day. */
function occurrence(firstMs: number, repeat: ReminderRepeat, n: number): number {
  switch (repeat) {
    case 'daily':
      return firstMs + n * DAY_MS;
    case 'weekly':
      return firstMs + n * 7 * DAY_MS;
    case 'monthly':
      return addChinaMonths(firstMs, n);
    case 'yearly':
      return addChinaMonths(firstMs, 12 * n);
  }
}

/**
 * The next time a repeating reminder comes, strictly after `afterMs`: occurrences missed while the
 * agent was away are skipped, not stacked up (one card, at the next time it is due).
 */
export function nextReminderOccurrenceMs(firstMs: number, repeat: ReminderRepeat, afterMs: number): number {
  // Stepping one occurrence at a time: a daily reminder ten years on is 3,650 additions.
  let n = 1;
  while (occurrence(firstMs, repeat, n) <= afterMs) n += 1;
  return occurrence(firstMs, repeat, n);
}

/** Chinese words for a repeat, for the card and the sheet. */
export const REMINDER_REPEAT_NAMES_ZH: Record<ReminderRepeat, string> = { daily: '每天', weekly: '每周', monthly: '每月', yearly: '每年' };

/** The thresholds of the silence and date rules (days). Defaults from the method; configuration may change them. */
export interface SilenceFollowUpConfig {
  /** A lead with nothing after it (no read, no call) for this many days. */
  leadQuietDays: number;
  /** 未成交 → 三个月后再关心. */
  lostRecareDays: number;
  /** How long after its day a rule still fires, so a job caught up after downtime still plans it; older ones are let go. */
  windowDays: number;
}
export const DEFAULT_SILENCE_FOLLOW_UP_CONFIG: SilenceFollowUpConfig = { leadQuietDays: 3, lostRecareDays: 90, windowDays: 7 };

/** What the daily job found about one contact; null where it does not apply. */
export interface SilenceFacts {
  contactId: string;
  /** How the agent addresses them (addressNameOf); '' when no name is known. */
  contactName: string;
  agentName: string;
  optedOut: boolean;
  outcome: 'open' | 'won' | 'lost';
  /** The contact's latest lead, if nothing at all happened after it. */
  quietLead: { touchpointId: string; atMs: number } | null;
  /** When the deal was lost (the stage change to lost). */
  lost: { atMs: number } | null;
  /** A step back on silence the scorer recorded. */
  stepBack: { changeId: string; fromStage: Stage; toStage: Stage; atMs: number } | null;
}

export type SilenceFollowUpKind = 'lead_quiet' | 'lost_recare' | 'stage_step_back';

/** A rule-made task the daily job places under the one-active-follow-up rule. */
export interface SilenceFollowUpPlan {
  kind: SilenceFollowUpKind;
  /** Rule id on the task (the morning list and analytics name it). */
  ruleId: string;
  /** Once per occasion: the same lead, loss or step-back never plans twice. */
  triggerKey: string;
  action: string;
  channel: FollowUpChannel;
  message: string;
  priority: FollowUpPriority;
  dueAtMs: number;
}

interface SilenceRuleText {
  ruleId: string;
  action: string;
  channel: FollowUpChannel;
  messageTemplate: string;
  priority: FollowUpPriority;
  dueInHours: number;
}

/** The words of the silence and date rules, as an agent would send them: no pressure, the customer can always say no. */
export const SILENCE_FOLLOW_UP_TEXTS: Record<SilenceFollowUpKind, SilenceRuleText> = {
  lead_quiet: {
    ruleId: 'silence-lead-quiet',
    action: '留资后3天没有动静：打个电话问问还有什么顾虑',
    channel: 'call',
    messageTemplate: '{contactName}您好，我是{agentName}。前几天您留了信息，一直惦记着给您回个话。您看这两天哪个时间方便，我打个电话跟您简单聊聊？不方便也没关系，回我一句就好。',
    priority: 2,
    dueInHours: 4,
  },
  lost_recare: {
    ruleId: 'silence-lost-recare',
    action: '未成交已三个月：不施压地问候一下近况',
    channel: 'message',
    messageTemplate: '{contactName}，好久没联系了，最近一切都好吧？我整理了一些家庭保障的实用小知识，需要的话随时找我。',
    priority: 4,
    dueInHours: 24,
  },
  stage_step_back: {
    ruleId: 'silence-stage-step-back',
    action: '客户沉默30天，阶段退回“{stage}”：分享一篇用得上的内容，重新联系',
    channel: 'message',
    messageTemplate: '{contactName}，最近在忙什么呢？看到一篇挺实用的文章，想到您可能用得上，分享给您看看。',
    priority: 3,
    dueInHours: 24,
  },
};

function planOf(kind: SilenceFollowUpKind, triggerKey: string, facts: SilenceFacts, nowMs: number, stage?: Stage): SilenceFollowUpPlan {
  const text = SILENCE_FOLLOW_UP_TEXTS[kind];
  // The silence texts name only the contact and the agent. The contact's name is never blank here:
  // without one, greetingFallback has already taken {contactName} out.
  const values = { contactName: facts.contactName.trim(), agentName: facts.agentName.trim() };
  return {
    kind, ruleId: text.ruleId, triggerKey, channel: text.channel, priority: text.priority, dueAtMs: nowMs + text.dueInHours * HOUR_MS,
    action: stage === undefined ? text.action : text.action.replace('{stage}', STAGE_NAMES_ZH[stage]),
    message: renderMessage(greetingFallback(text.messageTemplate, facts.contactName), values),
  };
}

/** Whether `atMs` is at least `days` before now and not more than the window past that. */
const dueWithinWindow = (atMs: number, days: number, nowMs: number, config: SilenceFollowUpConfig) =>
  nowMs - atMs >= days * DAY_MS && nowMs - atMs < (days + config.windowDays) * DAY_MS;

/**
 * The rule-made follow-ups a contact is owed today: a lead that went quiet, a lost deal three
 * months on, a step back on silence. Never for an opted-out contact; a closed deal is not chased
 * as a quiet lead or a step back; a lost deal is re-cared for only while it is still lost.
 */
export function planSilenceFollowUps(facts: SilenceFacts, nowMs: number, config: SilenceFollowUpConfig = DEFAULT_SILENCE_FOLLOW_UP_CONFIG): SilenceFollowUpPlan[] {
  if (facts.optedOut) return [];
  const plans: SilenceFollowUpPlan[] = [];
  if (facts.outcome === 'open' && facts.quietLead && dueWithinWindow(facts.quietLead.atMs, config.leadQuietDays, nowMs, config)) {
    plans.push(planOf('lead_quiet', `quiet-lead:${facts.quietLead.touchpointId}`, facts, nowMs));
  }
  if (facts.outcome === 'lost' && facts.lost && dueWithinWindow(facts.lost.atMs, config.lostRecareDays, nowMs, config)) {
    plans.push(planOf('lost_recare', `lost-recare:${facts.contactId}:${facts.lost.atMs}`, facts, nowMs));
  }
  const back = facts.stepBack;
  if (facts.outcome === 'open' && back && back.toStage < back.fromStage && dueWithinWindow(back.atMs, 0, nowMs, config)) {
    plans.push(planOf('stage_step_back', `step-back:${back.changeId}`, facts, nowMs, back.toStage));
  }
  // The most urgent first: the slot goes to it when the contact has none. (The only plans that can
  // come together, a quiet lead and a step back, are planned in that order already: listed as equivalent.)
  // Stryker disable next-line MethodExpression,ArithmeticOperator: no two plans that can meet are out of priority order
  return plans.sort((a, b) => a.priority - b.priority);
}

/** The opening of a message for the agent's own reminder: they finish it in WeChat. */
export function reminderMessageOpening(contactName: string): string {
  return greetingFallback('{contactName}您好，', contactName).replace('{contactName}', contactName.trim());
}
