import type { KashResult } from './kash';
import { profileKnowledge } from './kash-knowledge';
import { combineComponents } from './kash-types';
import { chooseContentToStudy, type ContentCandidate, planMcip, weakestDimension, weakestNeedFamilies } from './mcip';

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
