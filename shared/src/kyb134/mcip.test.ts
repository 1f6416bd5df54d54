import type { KashResult } from './kash';
import { profileKnowledge } from './kash-knowledge';
import { combineComponents, type KashComponent } from './kash-types';
import { chooseContentToStudy, type ContentCandidate, DEFAULT_MCIP_CONFIG, planMcip, weakestDimension, weakestNeedFamilies } from './mcip';

describe('weakestDimension', () => {
  it.each([
    [{ knowledge: 50, attitude: 40, skill: 60, habit: 70 }, 'attitude'],
    [{ knowledge: 30, attitude: 40, skill: 30, habit: 70 }, 'knowledge'], // tie: knowledge before skill
    [{ knowledge: 50, attitude: 50, skill: 50, habit: 50 }, 'habit'], // all tie: habit first
  ] as const)('%j → %s', (scores, expected) => {
    expect(weakestDimension(scores)).toBe(expected);
  });
});

// Knowledge profile: CI 3 studied, medical 1 studied, accident 0 studied but shared twice.
// Computed inside the tests, so that mutation testing links profileKnowledge to them.
const profile = () => profileKnowledge([
  { itemId: 'k0', tags: ['need:critical_illness'], studiedDepthPct: 100, shares: 0 },
  { itemId: 'k8', tags: ['need:critical_illness'], studiedDepthPct: 100, shares: 0 },
  { itemId: 'k9', tags: ['need:critical_illness', 'need:medical'], studiedDepthPct: 100, shares: 0 },
  { itemId: 'k7', tags: ['need:accident'], studiedDepthPct: 0, shares: 2 },
]);

const candidates: ContentCandidate[] = [
  { itemId: 'k1', title: '寿险入门', tags: ['need:life'] },
  { itemId: 'k2', title: '寿险与家庭责任', tags: ['need:life'] },
  { itemId: 'k3', title: '年金怎么选', tags: ['need:annuity'] },
  { itemId: 'k4', title: '定期寿险算账', tags: ['need:life'] },
  { itemId: 'k5', title: '百万医疗', tags: ['need:medical'] },
  { itemId: 'k6', title: '年金与养老', tags: ['need:annuity', 'need:retirement'] },
];

describe('content to study', () => {
  it('takes the least studied families, then least shared, then the seeded order', () => {
    // zero studied and zero shared, in seeded order: life, annuity, education …; accident was shared
    expect(weakestNeedFamilies(profile(), 2)).toEqual(['life', 'annuity']);
  });

  it('takes unstudied items from the weak families in turn', () => {
    // round 1: life → k2 (k1 studied), annuity → k3; round 2: life → k4; three is the limit
    const chosen = chooseContentToStudy(candidates, ['life', 'annuity'], new Set(['k1']), 3);
    expect(chosen.map((c) => c.itemId)).toEqual(['k2', 'k3', 'k4']);
    expect(chosen[1].needFamily).toBe('annuity');
  });
});

describe('planMcip', () => {
  const kash = (): KashResult => ({
    agentId: 'a1',
    scores: { knowledge: 60, attitude: 40, skill: 70, habit: 55 },
    indices: {
      knowledge: combineComponents([]),
      skill: combineComponents([]),
      habit: combineComponents([]),
      attitude: combineComponents([
        { key: 'active', value: 3 / 7, weight: 0.4, detail: { activeDays: 3, windowDays: 7 } },
        { key: 'streak', value: 1, weight: 0.2, detail: { longestStreak: 5, target: 5 } },
        { key: 'onTime', value: 0.25, weight: 0.4, detail: { tasksDoneOnTime: 1, tasksDue: 4 } },
      ]),
    },
    knowledgeProfile: profile(),
  });
  const plan = () => planMcip(kash(), candidates, new Set(['k1']));

  it('coaches the weakest index', () => {
    expect(plan()).toMatchObject({ agentId: 'a1', focus: 'attitude', focusScore: 40 });
  });

  it('explains with the least reached components first, in Chinese', () => {
    expect(plan().whyZh).toBe('态度指数40分，是四项中最低的：到期的4个跟进任务只按时完成了1个；近7天只有3天在线。');
  });

  it('gives one action per component short of its target, none for a reached one', () => {
    expect(plan().actionsZh).toHaveLength(2);
    expect(plan().actionsZh[0]).toContain('跟进任务');
  });

  it('suggests content from the weakest need families', () => {
    expect(plan().weakNeedFamilies).toEqual(['life', 'annuity']);
    expect(plan().contentToStudy.map((c) => c.itemId)).toEqual(['k2', 'k3', 'k4']);
  });
});

describe('choosing what to study, edges', () => {
  it('breaks ties by the given tie order, then the remaining indices', () => {
    const tie = { knowledge: 40, attitude: 40, skill: 40, habit: 40 };
    expect(weakestDimension(tie, ['skill'])).toBe('skill');
    expect(weakestDimension(tie, [])).toBe('knowledge');
    expect(weakestDimension({ knowledge: 41, attitude: 40, skill: 40, habit: 40 }, ['knowledge', 'skill'])).toBe('skill');
  });

  it('orders families by studied items, then shares, then seeded order, then name', () => {
    const profile = {
      zeta: { studiedItems: 0, shares: 0 },
      alpha: { studiedItems: 0, shares: 0 },
      medical: { studiedItems: 0, shares: 0 },
      life: { studiedItems: 0, shares: 1 },
      accident: { studiedItems: 1, shares: 0 },
    };
    expect(weakestNeedFamilies(profile, 5)).toEqual(['medical', 'alpha', 'zeta', 'life', 'accident']);
    expect(weakestNeedFamilies(profile, 1)).toEqual(['medical']);
  });

  it('suggests an item of two weak families once, skips studied ones and stops at the limit', () => {
    const list: ContentCandidate[] = [
      { itemId: 'both', title: '年金与养老', tags: ['need:annuity', 'need:retirement'] },
      { itemId: 'r2', title: '养老规划', tags: ['need:retirement'] },
      { itemId: 'a2', title: '年金入门', tags: ['need:annuity'] },
      { itemId: 'done', title: '已读', tags: ['need:retirement'] },
    ];
    expect(chooseContentToStudy(list, ['annuity', 'retirement'], new Set(['done']), 5)).toEqual([
      // round 1: annuity takes 'both', whose turn in retirement is then spent; round 2: a2, r2
      { itemId: 'both', title: '年金与养老', needFamily: 'annuity' },
      { itemId: 'a2', title: '年金入门', needFamily: 'annuity' },
      { itemId: 'r2', title: '养老规划', needFamily: 'retirement' },
    ]);
    expect(chooseContentToStudy(list, ['annuity', 'retirement'], new Set(), 1).map((c) => c.itemId)).toEqual(['both']);
    expect(chooseContentToStudy(list, ['medical'], new Set(), 3)).toEqual([]);
  });

  it('a plan reads its limits from the config', () => {
    const index = combineComponents([
      { key: 'active', value: 0.1, weight: 1, detail: { activeDays: 1, windowDays: 7 } },
      { key: 'onTime', value: 0.2, weight: 1, detail: { tasksDoneOnTime: 1, tasksDue: 5 } },
    ]);
    const kash: KashResult = {
      agentId: 'a1',
      scores: { knowledge: 90, attitude: 10, skill: 90, habit: 90 },
      indices: { knowledge: index, attitude: index, skill: index, habit: index },
      knowledgeProfile: { life: { studiedItems: 0, shares: 0 }, medical: { studiedItems: 1, shares: 0 } },
    };
    const plan = planMcip(kash, candidates, new Set(), { ...DEFAULT_MCIP_CONFIG, maxReasons: 1, maxActions: 1, weakFamilies: 1, maxContentItems: 2 });
    expect(plan.whyZh).toBe('态度指数10分，是四项中最低的：近7天只有1天在线。');
    expect(plan.actionsZh).toEqual([DEFAULT_MCIP_CONFIG.actionsZh['attitude.active'][0]]);
    expect(plan.weakNeedFamilies).toEqual(['life']);
    expect(plan.contentToStudy.map((c) => c.itemId)).toEqual(['k1', 'k2']);
  });

  const attitudeOnly = (components: KashComponent[]): KashResult => {
    const other = combineComponents([]);
    return {
      agentId: 'a7',
      scores: { knowledge: 80, attitude: 30, skill: 70, habit: 60 },
      indices: { knowledge: other, attitude: combineComponents(components), skill: other, habit: other },
      knowledgeProfile: {},
    };
  };

  it('an agent with no task due is not coached on finishing tasks on time', () => {
    // No task due: onTime weighs nothing (kash-attitude), though its value is 0.
    const plan = planMcip(attitudeOnly([
      { key: 'active', value: 2 / 7, weight: 0.4, detail: { activeDays: 2, windowDays: 7 } },
      { key: 'onTime', value: 0, weight: 0, detail: { tasksDoneOnTime: 0, tasksDue: 0 } },
    ]), []);
    expect(plan.whyZh).toBe('态度指数30分，是四项中最低的：近7天只有2天在线。');
    expect(plan.actionsZh).toEqual(DEFAULT_MCIP_CONFIG.actionsZh['attitude.active']);
  });

  it('of two components equally far from their target, the heavier one is explained first', () => {
    const plan = planMcip(attitudeOnly([
      { key: 'streak', value: 0.6, weight: 0.2, detail: { longestStreak: 3, target: 5 } },
      { key: 'active', value: 0.6, weight: 0.5, detail: { activeDays: 3, windowDays: 5 } },
    ]), []);
    expect(plan.whyZh).toBe('态度指数30分，是四项中最低的：近5天只有3天在线；最长连续在线3天（目标5天）。');
    expect(plan.actionsZh).toEqual([DEFAULT_MCIP_CONFIG.actionsZh['attitude.active'][0], DEFAULT_MCIP_CONFIG.actionsZh['attitude.streak'][0]]);
  });

  it('a component without an action leaves its place to the next component that has one', () => {
    const plan = planMcip(attitudeOnly([
      { key: 'unknown', value: 0, weight: 1, detail: {} },
      { key: 'active', value: 0.5, weight: 0.5, detail: { activeDays: 1, windowDays: 2 } },
    ]), [], new Set(), { ...DEFAULT_MCIP_CONFIG, maxActions: 1 });
    expect(plan.actionsZh).toStrictEqual([DEFAULT_MCIP_CONFIG.actionsZh['attitude.active'][0]]);
  });

  it('a component without an action in the config gets none', () => {
    const index = combineComponents([{ key: 'unknown', value: 0, weight: 1, detail: {} }]);
    const kash: KashResult = {
      agentId: 'a1',
      scores: { knowledge: 0, attitude: 50, skill: 50, habit: 50 },
      indices: { knowledge: index, attitude: index, skill: index, habit: index },
      knowledgeProfile: {},
    };
    // toStrictEqual: toEqual would take [undefined] for [].
    expect(planMcip(kash, []).actionsZh).toStrictEqual([]);
    expect(planMcip(kash, []).whyZh).toBe('知识指数0分，是四项中最低的：unknown完成度0%。');
  });
});
