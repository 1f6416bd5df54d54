/**
 * MCIP (个人能力提升计划): for one agent, the weakest KASH index, why it is weak (its least
 * reached components, in Chinese, with the counted figures) and concrete actions, plus content
 * to study chosen from the need families the agent has studied least.
 */
import { NEED_CODES, type TagCode } from '../contracts';
import type { KashResult } from './kash';
import { needFamiliesOf, type KnowledgeProfile } from './kash-knowledge';
import { KASH_DIMENSIONS, KASH_NAMES_ZH, type KashComponent, type KashDimension, type KashScores } from './kash-types';

/** A published content item the plan may suggest studying. */
export interface ContentCandidate {
  itemId: string;
  title: string;
  tags: TagCode[];
}

export interface McipConfig {
  /** Which index to coach first when two are equally weak (easiest to change first). */
  tieOrder: readonly KashDimension[];
  /** How many of the focus index's weakest components to explain and act on. */
  maxReasons: number;
  maxActions: number;
  /** Need families counted as weakest (least studied). */
  weakFamilies: number;
  maxContentItems: number;
  /** Concrete actions per component key ("index.component"), first one used first. */
  actionsZh: Record<string, string[]>;
}

export const DEFAULT_MCIP_CONFIG: McipConfig = {
  tieOrder: ['habit', 'attitude', 'knowledge', 'skill'],
  maxReasons: 2,
  maxActions: 3,
  weakFamilies: 2,
  maxContentItems: 3,
  actionsZh: {
    'knowledge.breadth': ['每周至少学习两类新需求（如医疗、养老）的文章各一篇，读完全文'],
    'knowledge.depth': ['选一类主推需求，连续三天各精读一篇，并整理三条可对客户说的话术'],
    'knowledge.sharing': ['把学过的不同需求内容分享给对应的客户，本周覆盖至少三类需求'],
    'attitude.active': ['每天固定一个时间打开客经，至少分享一篇内容或完成一条跟进'],
    'attitude.streak': ['给自己定连续在线五天的小目标，团队长每天打卡确认'],
    'attitude.onTime': ['每天下班前清空当天到期的跟进任务，做不完的主动改期而不是放着'],
    'skill.conversion': ['挑出停留最久的五位客户，按建议的下一步动作逐一推进（约访、递送建议书）'],
    'skill.speed': ['客户读完需求类文章后24小时内跟进一次，趁热约面谈'],
    'habit.morning': ['每天早上九点前打开晨间清单，先处理排在最前面的三位客户'],
    'habit.shareDays': ['每天至少分享一篇内容（朋友圈或一对一），不要集中在某一天'],
    'habit.regularity': ['把一周要分享的内容平均排到每天，早晚各一个固定时段发送'],
  },
};

export interface ContentSuggestion {
  itemId: string;
  title: string;
  needFamily: string;
}

export interface McipPlan {
  agentId: string;
  focus: KashDimension;
  focusScore: number;
  whyZh: string;
  actionsZh: string[];
  /** Need families the agent has studied least, weakest first. */
  weakNeedFamilies: string[];
  contentToStudy: ContentSuggestion[];
}

/** The weakest index; ties go to the earlier one in tieOrder. */
export function weakestDimension(scores: KashScores, tieOrder: readonly KashDimension[] = DEFAULT_MCIP_CONFIG.tieOrder): KashDimension {
  // Stryker disable next-line MethodExpression: a repeated index later in the order never wins the strict < of the reduce
  const order = [...tieOrder, ...KASH_DIMENSIONS.filter((d) => !tieOrder.includes(d))];
  return order.reduce((best, d) => (scores[d] < scores[best] ? d : best), order[0]);
}

/** Need families ordered from least studied (then least shared, then seeded order). */
export function weakestNeedFamilies(profile: KnowledgeProfile, count: number): string[] {
  const seeded: readonly string[] = NEED_CODES;
  const rankOf = (f: string) => (seeded.includes(f) ? seeded.indexOf(f) : seeded.length);
  return Object.keys(profile)
    .sort(
      (a, b) =>
        profile[a].studiedItems - profile[b].studiedItems ||
        profile[a].shares - profile[b].shares ||
        rankOf(a) - rankOf(b) ||
        a.localeCompare(b),
    )
    .slice(0, count);
}

/** Up to `max` unstudied candidates, taking the weak families in turn (weakest first). */
export function chooseContentToStudy(
  candidates: readonly ContentCandidate[],
  weakFamilies: readonly string[],
  studiedItemIds: ReadonlySet<string>,
  max: number,
): ContentSuggestion[] {
  const queues = weakFamilies.map((family) =>
    candidates.filter((c) => !studiedItemIds.has(c.itemId) && needFamiliesOf(c.tags).includes(family)),
  );
  const chosen: ContentSuggestion[] = [];
  const taken = new Set<string>();
  // Stryker disable next-line EqualityOperator,ConditionalExpression: the inner `chosen.length < max` guard caps the list; an extra round over empty queues adds nothing
  for (let round = 0; chosen.length < max && queues.some((q) => q.length > round); round += 1) {
    queues.forEach((queue, i) => {
      const item = queue[round];
      if (item && !taken.has(item.itemId) && chosen.length < max) {
        taken.add(item.itemId);
        chosen.push({ itemId: item.itemId, title: item.title, needFamily: weakFamilies[i] });
      }
    });
  }
  return chosen;
}

/** Why a component falls short, in Chinese, with its counted figures. */
export function describeComponentZh(dimension: KashDimension, c: KashComponent): string {
  const d = c.detail;
  switch (`${dimension}.${c.key}`) {
    case 'knowledge.breadth':
      return `近期只学习了${d.familiesStudied}类需求的内容（目标${d.target}类）`;
    case 'knowledge.depth':
      return `已学${d.itemsStudied}篇，每类需求还不到${d.perFamilyTarget}篇，学得不够深`;
    case 'knowledge.sharing':
      return `分享的内容只覆盖${d.familiesShared}类需求（目标${d.target}类）`;
    case 'attitude.active':
      return `近${d.windowDays}天只有${d.activeDays}天在线`;
    case 'attitude.streak':
      return `最长连续在线${d.longestStreak}天（目标${d.target}天）`;
    case 'attitude.onTime':
      return `到期的${d.tasksDue}个跟进任务只按时完成了${d.tasksDoneOnTime}个`;
    case 'skill.conversion':
      return `${d.eligible}位客户中有${d.moved}位推进了阶段（${d.conversionPct}%，目标${d.targetPct}%）`;
    case 'skill.speed':
      return d.forwardSteps === 0 ? '本期没有客户推进到下一阶段' : `客户每推进一个阶段要${d.medianDays}天（目标${d.fastDays}天内）`;
    case 'habit.morning':
      return `近${d.windowDays}天只有${d.morningListDays}天打开晨间清单`;
    case 'habit.shareDays':
      return `近${d.windowDays}天只有${d.shareDays}天分享内容`;
    case 'habit.regularity':
      return '分享集中在少数几天，节奏不稳定';
    default:
      return `${c.key}完成度${Math.round(100 * c.value)}%`;
  }
}

/** An agent's improvement plan: weakest KASH index, why, actions and content to study. */
export function planMcip(
  kash: KashResult,
  candidates: readonly ContentCandidate[],
  studiedItemIds: ReadonlySet<string> = new Set(),
  config: McipConfig = DEFAULT_MCIP_CONFIG,
): McipPlan {
  const focus = weakestDimension(kash.scores, config.tieOrder);
  const short = kash.indices[focus].components
    .filter((c) => c.weight > 0 && c.value < 1)
    .sort((a, b) => a.value - b.value || b.weight - a.weight);
  const reasons = short.slice(0, config.maxReasons).map((c) => describeComponentZh(focus, c));
  const actionsZh = short
    .map((c) => config.actionsZh[`${focus}.${c.key}`]?.[0])
    .filter((a): a is string => Boolean(a))
    .slice(0, config.maxActions);
  const weakNeedFamilies = weakestNeedFamilies(kash.knowledgeProfile, config.weakFamilies);
  const contentToStudy = chooseContentToStudy(candidates, weakNeedFamilies, studiedItemIds, config.maxContentItems);
  const name = KASH_NAMES_ZH[focus];
  const whyZh =
    reasons.length > 0
      ? `${name}指数${kash.scores[focus]}分，是四项中最低的：${reasons.join('；')}。`
      : `${name}指数${kash.scores[focus]}分，是四项中最低的。`;
  return { agentId: kash.agentId, focus, focusScore: kash.scores[focus], whyZh, actionsZh, weakNeedFamilies, contentToStudy };
}
