/**
 * The eight sales stages. A contact enters a stage only on that stage's own evidence; evidence
 * may jump stages (a logged signature on a stage-1 contact is stage 8: the earlier steps
 * happened offline). Silence steps an open deal back one stage per period, never below 1.
 */
import type { DealOutcome, Stage } from '../contracts';
import { MS_PER_DAY, type ScoringConfig } from './config';
import { contentKeyOf, depthOf, needCodesOf, needNameZh } from './content';
import { calendarDayOf } from './time';
import type { ContactContext, ScoringEvent, StageEvidence } from './types';

/** Where a contact stands in the funnel, and how it got there. */
export type StageResult = { stage: Stage; outcome: DealOutcome; stageEvidence: StageEvidence[] };

/** What an event proves about the stage, given the history before it. */
export type StageProof = { stage: Stage; reason: string; outcome?: Exclude<DealOutcome, 'open'> };

/** Running facts about the history that multi-event evidence needs (open days, deep reads per need). */
export type StageMemory = { openDays: Set<number>; deepReadItemsByNeed: Map<string, Set<string>> };

/** An empty memory, before the first event. */
export function emptyStageMemory(): StageMemory {
  return { openDays: new Set(), deepReadItemsByNeed: new Map() };
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
      memory.openDays.add(calendarDayOf(event.occurredAtMs, config.dayOffsetMs));
      if (memory.openDays.size >= cfg.repeatOpenDays) {
        return { stage: 2, reason: `在${memory.openDays.size}个不同的日子主动打开内容` };
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
        for (const need of needs) {
          const items = memory.deepReadItemsByNeed.get(need) ?? new Set<string>();
          items.add(contentKeyOf(event));
          memory.deepReadItemsByNeed.set(need, items);
          if (items.size >= cfg.deepReadsForTopic) {
            return { stage: 4, reason: `深度阅读${items.size}篇${needNameZh(need)}相关内容` };
          }
        }
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
  const stepMs = config.stages.silenceStepBackDays * MS_PER_DAY;
  const memory = emptyStageMemory();
  const evidence: StageEvidence[] = [];
  let stage = 0; // 0 = nothing proven yet; never reported
  let outcome: DealOutcome = 'open';
  let lastTouchMs: number | null = null;

  if (context.isWeChatFriend) {
    stage = 1;
    evidence.push({ stage: 1, eventId: null, atMs: history[0]?.occurredAtMs ?? nowMs, reason: '已是微信好友，可触达' });
  }

  const stepBack = (untilMs: number) => {
    if (lastTouchMs === null || outcome !== 'open' || stepMs <= 0) return;
    const periods = Math.floor((untilMs - lastTouchMs) / stepMs);
    for (let k = 1; k <= periods && stage > 1; k++) {
      stage -= 1;
      evidence.push({
        stage: stage as Stage,
        eventId: null,
        atMs: lastTouchMs + k * stepMs,
        reason: `${config.stages.silenceStepBackDays}天没有互动，退回一个阶段`,
      });
    }
  };

  for (const event of history) {
    stepBack(event.occurredAtMs);
    lastTouchMs = event.occurredAtMs;
    const proof = proveStage(event, memory, config);
    const outcomeChanged = proof.outcome !== undefined && proof.outcome !== outcome;
    if (proof.stage > stage || outcomeChanged) {
      stage = Math.max(stage, proof.stage);
      if (proof.outcome !== undefined) outcome = proof.outcome;
      evidence.push({ stage: stage as Stage, eventId: event.id, atMs: event.occurredAtMs, reason: proof.reason });
    }
  }
  stepBack(nowMs);

  return { stage: Math.max(1, stage) as Stage, outcome, stageEvidence: evidence };
}
