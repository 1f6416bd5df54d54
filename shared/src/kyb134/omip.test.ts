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
  const plan = planOmip(team);

  it('orders members by gap to target, then by lower mean', () => {
    expect(plan.coaching.map((c) => [c.rank, c.agentId, c.dimension, c.gap])).toEqual([
      [1, 'B', 'knowledge', 30],
      [2, 'E', 'skill', 20],
      [3, 'F', 'knowledge', 10],
      [4, 'A', 'attitude', 10],
      [5, 'C', 'habit', 5],
    ]);
    expect(plan.coaching[0].reasonZh).toBe('B的知识指数30分，低于目标60分30分');
  });

  it('lists members on track', () => {
    expect(plan.onTrack).toEqual(['D']);
  });

  it('groups everyone below target by index, for group coaching', () => {
    expect(plan.byDimension).toEqual({ knowledge: ['B', 'C', 'F'], attitude: ['A', 'C'], skill: ['E'], habit: ['C'] });
  });

  it('names the index with the lowest team mean', () => {
    // knowledge (70+30+55+80+90+50)/6 = 62.5; attitude 70.8; skill 70; habit 73.3
    expect(plan.teamFocus).toEqual({ dimension: 'knowledge', meanScore: 62.5 });
  });

  it('has nothing to say about an empty team', () => {
    expect(planOmip([])).toEqual({ coaching: [], onTrack: [], byDimension: { knowledge: [], attitude: [], skill: [], habit: [] }, teamFocus: null });
  });
});
