import { planOmip } from './omip';

const member = (agentId: string, knowledge: number, attitude: number, skill: number, habit: number) => ({
  agentId,
  name: agentId,
  scores: { knowledge, attitude, skill, habit },
});

const team = [
  member('A', 70, 50, 80, 65), // weakest attitude 50, gap 10, mean 66.25
  member('B', 30, 90, 90, 90), // knowledge 30, gap 30
  member('C', 55, 55, 70, 55), // three-way tie at 55: habit first, gap 5
  member('D', 80, 80, 80, 80), // on track
  member('E', 90, 90, 40, 90), // skill 40, gap 20
  member('F', 50, 60, 60, 60), // knowledge 50, gap 10, mean 57.5: before A
];

describe('planOmip', () => {
  const plan = () => planOmip(team);

  it('orders members by gap to target, then by lower mean', () => {
    expect(plan().coaching.map((c) => [c.rank, c.agentId, c.dimension, c.gap])).toEqual([
      [1, 'B', 'knowledge', 30],
      [2, 'E', 'skill', 20],
      [3, 'F', 'knowledge', 10],
      [4, 'A', 'attitude', 10],
      [5, 'C', 'habit', 5],
    ]);
    expect(plan().coaching[0].reasonZh).toBe('B的知识指数30分，距目标60分还差30分');
  });

  it('lists members on track', () => {
    expect(plan().onTrack).toEqual(['D']);
  });

  it('groups everyone below target by index, for group coaching', () => {
    expect(plan().byDimension).toEqual({ knowledge: ['B', 'C', 'F'], attitude: ['A', 'C'], skill: ['E'], habit: ['C'] });
  });

  it('names the index with the lowest team mean', () => {
    // knowledge (70+30+55+80+90+50)/6 = 62.5; attitude 70.8; skill 70; habit 73.3
    expect(plan().teamFocus).toEqual({ dimension: 'knowledge', meanScore: 62.5 });
  });

  it('has nothing to say about an empty team', () => {
    expect(planOmip([])).toEqual({ coaching: [], onTrack: [], byDimension: { knowledge: [], attitude: [], skill: [], habit: [] }, teamFocus: null });
  });
});

describe('planOmip edges', () => {
  it('a member exactly at target is on track and in no coaching group', () => {
    const plan = planOmip([member('X', 60, 60, 60, 60), member('Y', 59, 70, 70, 70)]);
    expect(plan.onTrack).toEqual(['X']);
    expect(plan.coaching.map((c) => c.agentId)).toEqual(['Y']);
    expect(plan.byDimension).toEqual({ knowledge: ['Y'], attitude: [], skill: [], habit: [] });
  });

  it('equal gaps and equal means go by agent id', () => {
    const plan = planOmip([member('b2', 50, 70, 70, 70), member('a1', 70, 50, 70, 70)]);
    expect(plan.coaching.map((c) => [c.rank, c.agentId, c.dimension])).toEqual([[1, 'a1', 'attitude'], [2, 'b2', 'knowledge']]);
  });

  it('rounds the gap to one decimal in the figure and the reason', () => {
    const [coaching] = planOmip([{ agentId: 'z', name: '赵', scores: { knowledge: 57.25, attitude: 80, skill: 80, habit: 80 } }]).coaching;
    expect(coaching).toMatchObject({ score: 57.25, gap: 2.8, reasonZh: '赵的知识指数57.3分，距目标60分还差2.8分' });
  });

  it('names each index in Chinese in the reason', () => {
    const plan = planOmip([member('h', 90, 90, 90, 10), member('s', 90, 90, 20, 90), member('t', 90, 30, 90, 90)]);
    expect(plan.coaching.map((c) => c.reasonZh)).toEqual([
      'h的习惯指数10分，距目标60分还差50分',
      's的技能指数20分，距目标60分还差40分',
      't的态度指数30分，距目标60分还差30分',
    ]);
  });

  it('reads the target and the tie order from the config', () => {
    const plan = planOmip([member('A', 75, 75, 75, 75)], { targetScore: 80, tieOrder: ['skill'] });
    expect(plan.coaching).toMatchObject([{ agentId: 'A', dimension: 'skill', gap: 5 }]);
    // the team focus breaks its tie by the same order: skill first, then the remaining indices
    expect(plan.teamFocus).toEqual({ dimension: 'skill', meanScore: 75 });
  });

  it('the team focus is the lowest team mean, rounded to one decimal', () => {
    const plan = planOmip([member('A', 80, 70, 61, 90), member('B', 80, 70, 62, 90), member('C', 80, 70, 62, 90)]);
    expect(plan.teamFocus).toEqual({ dimension: 'skill', meanScore: 61.7 });
  });
});
