/** What one touchpoint proves about trust and intent, before headroom, caps and decay. */
import type { ScoringConfig } from './config';
import { contentKeyOf, depthOf, needCodesOf, needNameZh } from './content';
import type { ScoreDimension, ScoringEvent } from './types';

/** One piece of evidence an event gives to one dimension. */
export type Evidence = {
  /** The score it feeds. */
  dimension: ScoreDimension;
  /** Same key on the same day = repeated evidence, worth `repeatFactor`^n for the n-th repeat. */
  kindKey: string;
  /** Points on a fresh contact. */
  points: number;
  /** Worth of each same-day repeat relative to the previous one (0: only the best counts). */
  repeatFactor: number;
  /** Why, in Chinese. */
  reason: string;
};

/** The evidence an event gives; an event that proves nothing gives none (never negative points). */
export function evidenceOf(event: ScoringEvent, config: ScoringConfig): Evidence[] {
  const p = config.points;
  const repeat = config.sameDayRepeatFactor;
  const needs = needCodesOf(event.contentTags);
  // Read only where the event names a need.
  const needLabel = needs.map(needNameZh).join('、');
  const out: Evidence[] = [];
  const add = (dimension: ScoreDimension, kindKey: string, points: number, repeatFactor: number, reason: string) => {
    if (points > 0) out.push({ dimension, kindKey, points, repeatFactor, reason });
  };

  switch (event.type) {
    case 'open':
      // Voluntary opens count once a day: the method values distinct days, not refreshes.
      add('trust', 'open', p.openTrust, 0, '主动打开内容（当天首次）');
      break;
    case 'read_progress':
    case 'read_complete':
    case 'video_progress':
    case 'live_leave': {
      const depth = depthOf(event, config) ?? 0;
      const verb = event.type === 'video_progress' ? '观看视频' : event.type === 'live_leave' ? '观看直播' : '阅读';
      // Progress reports on one item repeat: only the deepest of the day counts.
      const key = `consume:${contentKeyOf(event)}`;
      if (depth > config.stages.valuableReadAbovePct) {
        add('trust', key, p.engagedReadTrust, 0, `${verb}至${Math.round(depth)}%`);
        if (needs.length > 0) {
          const deep = depth >= config.stages.deepReadMinPct;
          add(
            'intent',
            key,
            deep ? p.needDeepReadIntent : p.needReadIntent,
            0,
            `${deep ? '深度' : ''}${verb}${needLabel}相关内容至${Math.round(depth)}%`,
          );
        }
      }
      break;
    }
    case 'live_join':
      add('trust', `live:${contentKeyOf(event)}`, p.liveJoinTrust, 0, '进入直播间');
      if (needs.length > 0) add('intent', `live:${contentKeyOf(event)}`, p.liveJoinNeedIntent, 0, `进入${needLabel}主题直播`);
      break;
    case 'card_view':
      add('trust', 'card_view', p.cardViewTrust, repeat, '查看营销员名片');
      break;
    case 'consult_tap':
      add('trust', 'consult', p.consultTrust, repeat, '主动点击咨询');
      if (needs.length > 0) add('intent', 'consult', p.consultNeedIntent, repeat, `就${needLabel}主动咨询`);
      else add('intent', 'consult', p.consultIntent, repeat, '主动咨询');
      break;
    case 'forward':
      add('trust', 'forward', p.forwardTrust, repeat, '转发内容给朋友');
      break;
    case 'lead_submit':
      addLeadEvidence(event, config, add);
      break;
    case 'nps_answer': {
      const nps = event.npsScore ?? -1;
      if (nps >= config.referral.activeNpsMin) add('trust', 'nps', p.npsPromoterTrust, 0, `推荐评分${nps}分`);
      else if (nps >= config.referral.passiveNpsMin) add('trust', 'nps', p.npsPassiveTrust, 0, `推荐评分${nps}分`);
      break;
    }
    case 'call':
      add('trust', 'call', p.callTrust, repeat, '电话沟通');
      break;
    case 'visit':
      add('trust', 'visit', p.visitTrust, repeat, '见面拜访');
      break;
    case 'proposal_made':
      add('intent', 'proposal_made', p.proposalMadeIntent, repeat, '营销员判断需求明确，制作建议书');
      break;
    case 'proposal_delivered':
      add('trust', 'proposal_delivered', p.proposalDeliveredTrust, repeat, '客户愿意听取建议书');
      add('intent', 'proposal_delivered', p.proposalDeliveredIntent, repeat, '递送并讲解建议书');
      break;
    case 'policy_signed':
      add('trust', 'policy_signed', p.policySignedTrust, repeat, '签单');
      break;
    case 'anniversary_service':
      add('trust', 'anniversary_service', p.anniversaryServiceTrust, repeat, '保单周年服务');
      break;
    // objection and closed_lost prove nothing here: they move the stage and outcome, not the scores
    // (an objection is engagement, a loss is an outcome).
  }
  return out;
}

function addLeadEvidence(
  event: ScoringEvent,
  config: ScoringConfig,
  add: (dimension: ScoreDimension, kindKey: string, points: number, repeatFactor: number, reason: string) => void,
): void {
  const p = config.points;
  const lead = event.lead ?? {};
  // A second form on the same day repeats the first; the best one counts.
  add('trust', 'lead', p.leadTrust, 0, '留资：留下真实联系方式并授权');
  add('intent', 'lead', p.leadIntent, 0, '留资');
  if ((lead.budgetFen ?? 0) > 0) {
    add('intent', 'lead:budget', p.leadBudgetIntent, 0, `留资：给出预算${formatYuan(lead.budgetFen ?? 0)}`);
  }
  if ((lead.insuredPerson ?? '').trim() !== '') {
    add('intent', 'lead:insured', p.leadInsuredPersonIntent, 0, `留资：说明被保险人（${lead.insuredPerson?.trim()}）`);
  }
  const needs = (lead.needs ?? []).filter((n) => n.trim() !== '');
  if (needs.length > 0) {
    add('intent', 'lead:needs', p.leadNeedsIntent, 0, `留资：关注${needs.map(needNameZh).join('、')}`);
  }
}

/** Fen as yuan for a reason text, e.g. 500000 → "5000元". */
export function formatYuan(fen: number): string {
  const yuan = fen / 100;
  return `${Number.isInteger(yuan) ? yuan : yuan.toFixed(2)}元`;
}
