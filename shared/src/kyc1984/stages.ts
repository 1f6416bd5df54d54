/**
 * The eight sales stages. A contact enters a stage only on that stage's own evidence; evidence
 * may jump stages (a logged signature on a stage-1 contact is stage 8: the earlier steps
 * happened offline). Silence steps an open deal back one stage per period, never below 1.
 */
import type { DealOutcome, Stage } from '../contracts';
import { MS_PER_DAY, type ScoringConfig } from './config';
import { depthOf, needCodesOf, needNameZh } from './content';
import { calendarDayOf } from './time';
import type { ContactContext, ScoringEvent, StageEvidence } from './types';

/** Where a contact stands in the funnel, and how it got there. */
export type StageResult = { stage: Stage; outcome: DealOutcome; stageEvidence: StageEvidence[] };

/** What an event proves about the stage, given the history before it. */
export type StageProof = { stage: Stage; reason: string; outcome?: Exclude<DealOutcome, 'open'> };

/** Deep-read days of one need family: how many distinct days, and the latest (histories come in order). */
export type NeedReadDays = { need: string; days: number; lastDay: number };

/**
 * Running facts about the history that multi-event evidence needs: distinct open days and
 * deep-read days per need family. Counters, not sets: events come in order, so a day is new
 * exactly when it differs from the last one counted. Plain JSON, so it can be stored.
 */
export type StageMemory = { openDays: number; lastOpenDay: number | null; deepReadDays: NeedReadDays[] };

/** An empty memory, before the first event. */
export function emptyStageMemory(): StageMemory {
  return { openDays: 0, lastOpenDay: null, deepReadDays: [] };
}

/**
 * The highest stage this event proves, updating `memory` with it. Events that prove nothing
 * beyond reachability prove stage 1.
 */
export function proveStage(event: ScoringEvent, memory: StageMemory, config: ScoringConfig): StageProof {
  const cfg = config.stages;
  const needs = needCodesOf(event.contentTags);
  switch (event.type) {
    case 'open': {
      const day = calendarDayOf(event.occurredAtMs, config.dayOffsetMs);
      if (memory.lastOpenDay !== day) {
        memory.openDays += 1;
        memory.lastOpenDay = day;
      }
      if (memory.openDays >= cfg.repeatOpenDays) {
        return { stage: 2, reason: `在${memory.openDays}个不同的日子主动打开内容` };
      }
      return { stage: 1, reason: '打开了分享的内容' };
    }
    case 'card_view':
      return { stage: 2, reason: '查看了营销员名片' };
    case 'consult_tap':
      if (needs.length > 0) return { stage: 4, reason: `就${needs.map(needNameZh).join('、')}主动咨询` };
      return { stage: 2, reason: '主动点击咨询' };
    case 'call':
      return { stage: 2, reason: '电话沟通过' };
    case 'visit':
      return { stage: 2, reason: '见过面' };
    case 'read_progress':
    case 'read_complete':
    case 'video_progress':
    case 'live_leave': {
      const depth = depthOf(event, config) ?? 0;
      if (needs.length === 0 || depth <= cfg.valuableReadAbovePct) return { stage: 1, reason: '浏览了内容' };
      if (depth >= cfg.deepReadMinPct) {
        // DOMAIN.md stage 4: deep reads of one need family on distinct days; the same item read
        // again on another day counts (the customer came back to it). Every need of the item is
        // counted before the first one past the threshold is named.
        const day = calendarDayOf(event.occurredAtMs, config.dayOffsetMs);
        const counted = needs.map((need) => countDeepReadDay(memory, need, day));
        const topic = counted.find((c) => c.days >= cfg.deepReadDaysForTopic);
        if (topic) return { stage: 4, reason: `在${topic.days}天深度阅读${needNameZh(topic.need)}相关内容` };
      }
      return { stage: 3, reason: `${needs.map(needNameZh).join('、')}相关内容看过一半以上（${Math.round(depth)}%）` };
    }
    case 'lead_submit': {
      const lead = event.lead ?? {};
      const known: string[] = [];
      if ((lead.budgetFen ?? 0) > 0) known.push('预算');
      if ((lead.insuredPerson ?? '').trim() !== '') known.push('被保险人');
      if ((lead.needs ?? []).some((n) => n.trim() !== '')) known.push('需求类别');
      if (known.length > 0) return { stage: 5, reason: `留资并说明了${known.join('、')}` };
      // Contact details alone show a two-way relationship, not a need.
      return { stage: 2, reason: '留下了联系方式' };
    }
    case 'proposal_made':
      return { stage: 6, reason: '营销员制作了建议书' };
    case 'proposal_delivered':
      return { stage: 7, reason: '建议书已递送' };
    case 'objection':
      return { stage: 8, reason: '进入异议处理' };
    case 'policy_signed':
      return { stage: 8, reason: '签单成交', outcome: 'won' };
    case 'closed_lost':
      return { stage: 8, reason: '未成交，结案', outcome: 'lost' };
    case 'live_join':
    case 'forward':
    case 'nps_answer':
    case 'anniversary_service':
      return { stage: 1, reason: `${event.type === 'forward' ? '转发了内容' : '有互动'}` };
  }
}

function countDeepReadDay(memory: StageMemory, need: string, day: number): NeedReadDays {
  let counted = memory.deepReadDays.find((c) => c.need === need);
  if (!counted) {
    counted = { need, days: 0, lastDay: day };
    memory.deepReadDays.push(counted);
  }
  if (counted.days === 0 || counted.lastDay !== day) {
    counted.days += 1;
    counted.lastDay = day;
  }
  return counted;
}

/**
 * The stage part of a contact's state (see contact-state.ts): what the history proved so far,
 * folded one event at a time, as if the contact were not a WeChat friend (that standing fact is
 * applied when read). Plain JSON. `evidence` keeps the newest `explanation.stageEvidenceKept`
 * entries; `evidenceDropped` counts the older ones let go.
 */
export type StageState = {
  /** 0 = nothing proven yet (never reported). */
  stage: number;
  outcome: DealOutcome;
  lastTouchMs: number | null;
  memory: StageMemory;
  evidence: StageEvidence[];
  evidenceDropped: number;
};

/** The stage state before the first event. */
export function emptyStageState(): StageState {
  return { stage: 0, outcome: 'open', lastTouchMs: null, memory: emptyStageMemory(), evidence: [], evidenceDropped: 0 };
}

/** Silence step-backs from the last touch until `untilMs`: the entries, and the stage they leave. */
function stepBacks(state: StageState, stage: number, untilMs: number, config: ScoringConfig): { stage: number; entries: StageEvidence[] } {
  const stepMs = config.stages.silenceStepBackDays * MS_PER_DAY;
  const entries: StageEvidence[] = [];
  const lastTouchMs = state.lastTouchMs;
  if (lastTouchMs === null || state.outcome !== 'open' || stepMs <= 0) return { stage, entries };
  const periods = Math.floor((untilMs - lastTouchMs) / stepMs);
  for (let k = 1; k <= periods && stage > 1; k++) {
    stage -= 1;
    entries.push({
      stage: stage as Stage,
      eventId: null,
      atMs: lastTouchMs + k * stepMs,
      reason: `${config.stages.silenceStepBackDays}天没有互动，退回一个阶段`,
    });
  }
  return { stage, entries };
}

function keepEvidence(state: StageState, entries: StageEvidence[], config: ScoringConfig): void {
  state.evidence.push(...entries);
  const over = Math.max(0, state.evidence.length - config.explanation.stageEvidenceKept);
  state.evidence.splice(0, over);
  state.evidenceDropped += over;
}

/** Folds one event (later than every event folded so far) into the stage state, in place. */
export function applyStageEvent(state: StageState, event: ScoringEvent, config: ScoringConfig): void {
  const back = stepBacks(state, state.stage, event.occurredAtMs, config);
  state.stage = back.stage;
  keepEvidence(state, back.entries, config);
  state.lastTouchMs = event.occurredAtMs;
  const proof = proveStage(event, state.memory, config);
  const outcomeChanged = proof.outcome !== undefined && proof.outcome !== state.outcome;
  if (proof.stage > state.stage || outcomeChanged) {
    state.stage = Math.max(state.stage, proof.stage);
    if (proof.outcome !== undefined) state.outcome = proof.outcome;
    keepEvidence(state, [{ stage: state.stage as Stage, eventId: event.id, atMs: event.occurredAtMs, reason: proof.reason }], config);
  }
}

/**
 * The stage as of `nowMs` (at or after the last folded event): the WeChat friendship applied, and
 * the silence since the last touch stepped back.
 */
export function readStage(state: StageState, context: ContactContext, nowMs: number, config: ScoringConfig): StageResult {
  const evidence = [...state.evidence];
  let stage = state.stage;
  if (context.isWeChatFriend) {
    // A friend starts at stage 1, dated at the first touch: the first event's own stage-1 entry is
    // the friendship's instead, and a first event proving more follows the friendship's entry.
    // Once the oldest entries are let go, both are gone either way.
    if (state.evidenceDropped === 0) {
      const first = evidence[0];
      const friend: StageEvidence = { stage: 1, eventId: null, atMs: first?.atMs ?? nowMs, reason: '已是微信好友，可触达' };
      if (first && first.stage === 1) evidence[0] = friend;
      else evidence.unshift(friend);
    }
    stage = Math.max(stage, 1);
  }
  const back = stepBacks(state, stage, nowMs, config);
  evidence.push(...back.entries);
  return { stage: Math.max(1, back.stage) as Stage, outcome: state.outcome, stageEvidence: evidence.slice(-config.explanation.stageEvidenceKept) };
}

/**
 * Replays a normalised history (see normaliseEvents) up to `nowMs`: stage, outcome and the
 * stage history. A contact with no evidence at all sits in stage 1 with an empty history.
 */
export function computeStage(
  history: readonly ScoringEvent[],
  context: ContactContext,
  nowMs: number,
  config: ScoringConfig,
): StageResult {
  const state = emptyStageState();
  for (const event of history) applyStageEvent(state, event, config);
  return readStage(state, context, nowMs, config);
}
