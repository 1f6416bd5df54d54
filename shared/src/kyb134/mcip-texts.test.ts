/**
 * The coaching texts of MCIP: each component of each index has its own explanation and action,
 * and the plan must pick the ones of the component that falls short, with its own figures.
 */
import { layerAgent } from './activity';
import { DAY_MS } from './day';
import { scoreKash, type KashResult } from './kash';
import { scoreAttitude } from './kash-attitude';
import { scoreHabit } from './kash-habit';
import { scoreKnowledge } from './kash-knowledge';
import { scoreSkill } from './kash-skill';
import type { KashComponent, KashDimension, KashIndex } from './kash-types';
import { DEFAULT_MCIP_CONFIG, describeComponentZh, planMcip } from './mcip';
import { buildDays, history } from './test-fixtures';

const component = (index: KashIndex, key: string): KashComponent => {
  const found = index.components.find((c) => c.key === key);
  if (!found) throw new Error(`no component ${key}`);
  return found;
};

// Figures chosen so that no two numbers in one text are equal.
// Each fixture is computed inside the tests (a function), so that mutation testing links the
// scorers' code to the tests that read it.
const knowledge = () => scoreKnowledge([
  { itemId: 'k1', tags: ['need:medical'], studiedDepthPct: 90, shares: 0 },
  { itemId: 'k2', tags: ['need:life'], studiedDepthPct: 70, shares: 0 },
  { itemId: 'k3', tags: ['need:life'], studiedDepthPct: 65, shares: 0 },
  { itemId: 'k4', tags: ['need:annuity'], studiedDepthPct: 10, shares: 4 },
]);
const week = () => layerAgent(
  buildDays('2024-05-01', [
    { shares: 3, tasksDue: 4, tasksDone: 1, tasksDoneOnTime: 1, morningListOpened: true },
    { shares: 1 },
    {},
    {},
    { morningListOpened: true },
    {},
    {},
  ]),
  { endDay: '2024-05-07', days: 7 },
);
const attitude = () => scoreAttitude(week());
const habit = () => scoreHabit(week());
// Window day 10 to 40: three eligible contacts, one moved, after 12 days in its stage.
const skill = () => scoreSkill(
  [history('c1', [[1, 0], [2, 22]]), history('c2', [[1, 0]]), history('c3', [[3, 0]])],
  10 * DAY_MS,
  40 * DAY_MS,
);

describe('why a component falls short, in Chinese, with its own figures', () => {
  it.each<[KashDimension, () => KashIndex, string, string]>([
    ['knowledge', knowledge, 'breadth', '近期只学习了2类需求的内容（目标5类）'],
    ['knowledge', knowledge, 'depth', '已学3篇，每类需求还不到3篇，学得不够深'],
    ['knowledge', knowledge, 'sharing', '分享的内容只覆盖1类需求（目标5类）'],
    ['attitude', attitude, 'active', '近7天只有3天在线'],
    ['attitude', attitude, 'streak', '最长连续在线2天（目标5天）'],
    ['attitude', attitude, 'onTime', '到期的4个跟进任务只按时完成了1个'],
    ['skill', skill, 'conversion', '3位客户中有1位推进了阶段（33.3%，目标30%）'],
    ['skill', skill, 'speed', '客户每推进一个阶段要22天（目标3天内）'],
    ['habit', habit, 'morning', '近7天只有2天打开晨间清单'],
    ['habit', habit, 'shareDays', '近7天只有2天分享内容'],
    ['habit', habit, 'regularity', '分享集中在少数几天，节奏不稳定'],
  ])('%s.%s', (dimension, index, key, expected) => {
    expect(describeComponentZh(dimension, component(index(), key))).toBe(expected);
  });

  it('says plainly that no contact moved when there was no forward step', () => {
    const still = scoreSkill([history('c1', [[2, 0]])], 10 * DAY_MS, 40 * DAY_MS);
    expect(describeComponentZh('skill', component(still, 'speed'))).toBe('本期没有客户推进到下一阶段');
  });

  it('falls back to the key and its completion for a component it has no text for', () => {
    expect(describeComponentZh('habit', { key: 'custom', value: 0.426, weight: 1, detail: {} })).toBe('custom完成度43%');
    // A key is only known within its own index.
    expect(describeComponentZh('skill', { key: 'morning', value: 0.5, weight: 1, detail: { windowDays: 7, morningListDays: 1 } })).toBe('morning完成度50%');
  });
});

describe('the plan coaches the weakest index with that index’s texts and actions', () => {
  const withScores = (scores: KashResult['scores']): KashResult => ({
    agentId: 'a1',
    scores,
    indices: { knowledge: knowledge(), attitude: attitude(), skill: skill(), habit: habit() },
    knowledgeProfile: {},
  });
  const actionsOf = (dimension: KashDimension, keys: string[]) => keys.map((k) => DEFAULT_MCIP_CONFIG.actionsZh[`${dimension}.${k}`][0]);

  it.each<[KashDimension, KashResult['scores'], string, string[]]>([
    [
      'knowledge',
      { knowledge: 20, attitude: 50, skill: 60, habit: 70 },
      '知识指数20分，是四项中最低的：分享的内容只覆盖1类需求（目标5类）；近期只学习了2类需求的内容（目标5类）。',
      ['sharing', 'breadth', 'depth'],
    ],
    [
      'attitude',
      { knowledge: 50, attitude: 21, skill: 60, habit: 70 },
      // on time 1/4, streak 2/5, active 3/7
      '态度指数21分，是四项中最低的：到期的4个跟进任务只按时完成了1个；最长连续在线2天（目标5天）。',
      ['onTime', 'streak', 'active'],
    ],
    [
      'skill',
      { knowledge: 50, attitude: 60, skill: 22, habit: 70 },
      '技能指数22分，是四项中最低的：客户每推进一个阶段要22天（目标3天内）。',
      ['speed'],
    ],
    [
      'habit',
      { knowledge: 50, attitude: 60, skill: 70, habit: 23 },
      // regularity 0.08; morning and share days tie at 2/7, the heavier weight (morning) first
      '习惯指数23分，是四项中最低的：分享集中在少数几天，节奏不稳定；近7天只有2天打开晨间清单。',
      ['regularity', 'morning', 'shareDays'],
    ],
  ])('%s', (focus, scores, why, actionKeys) => {
    const plan = planMcip(withScores(scores), []);
    expect(plan.focus).toBe(focus);
    expect(plan.whyZh).toBe(why);
    expect(plan.actionsZh).toStrictEqual(actionsOf(focus, actionKeys));
  });

  it('every component key of every index has an action', () => {
    const indices = [knowledge(), attitude(), skill(), habit()];
    const dims: KashDimension[] = ['knowledge', 'attitude', 'skill', 'habit'];
    const keys = dims.flatMap((d, i) => indices[i].components.map((c) => `${d}.${c.key}`));
    expect(keys).toHaveLength(11);
    expect(Object.keys(DEFAULT_MCIP_CONFIG.actionsZh).sort()).toEqual(keys.sort());
  });

  it('every component has a concrete action in Chinese, and no two components share their first', () => {
    const actions = Object.entries(DEFAULT_MCIP_CONFIG.actionsZh);
    expect(actions).toHaveLength(11);
    for (const [key, texts] of actions) {
      expect([key, texts.length > 0]).toEqual([key, true]);
      for (const text of texts) expect(text).toMatch(/^[\u4e00-\u9fff].{11,}$/u);
    }
    const firsts = actions.map(([, texts]) => texts[0]);
    expect(new Set(firsts).size).toBe(11);
  });

  it('says only the score when the weakest index has nothing short of its target', () => {
    const full: KashIndex = { score: 100, components: [{ key: 'active', value: 1, weight: 1, detail: {} }] };
    const plan = planMcip({ ...withScores({ knowledge: 100, attitude: 100, skill: 100, habit: 100 }), indices: { knowledge: full, attitude: full, skill: full, habit: full } }, []);
    expect(plan.whyZh).toBe('习惯指数100分，是四项中最低的。');
    expect(plan.actionsZh).toEqual([]);
  });

  it('explains a real agent’s scores end to end', () => {
    const result = scoreKash({ agentId: 'a9', activity: week(), content: [], contacts: [], fromMs: 0, toMs: 7 * DAY_MS });
    expect(result.scores.knowledge).toBe(0);
    expect(planMcip(result, []).whyZh).toBe('知识指数0分，是四项中最低的：近期只学习了0类需求的内容（目标5类）；已学0篇，每类需求还不到3篇，学得不够深。');
  });
});
