import { layerAgent } from './activity';
import { scoreAttitude } from './kash-attitude';
import { scoreHabit } from './kash-habit';
import { buildDays } from './test-fixtures';

describe('scoreAttitude', () => {
  it.each([
    [
      // active days 1,3,4,5,6,7 = 6 of 7; longest streak 5; on time 2 of 3 due
      // 100 × (0.4 × 6/7 + 0.2 × 5/5 + 0.4 × 2/3) = 34.29 + 20 + 26.67 = 80.95 → 81
      'six active days, two of three tasks on time',
      [
        { shares: 2, tasksDue: 2, tasksDone: 2, tasksDoneOnTime: 1 },
        {},
        { shares: 1 },
        { morningListOpened: true },
        { tasksDone: 1, tasksDue: 1, tasksDoneOnTime: 1 },
        { shares: 1 },
        { shares: 1 },
      ],
      81,
    ],
    [
      // active 2 of 7, streak 2/5 = 0.4, no task due → on-time weight drops out:
      // (0.4 × 2/7 + 0.2 × 0.4) / 0.6 = (0.1143 + 0.08) / 0.6 = 0.3238 → 32.4
      'two active days, no tasks due',
      [{ shares: 1 }, { shares: 1 }],
      32.4,
    ],
    ['nothing', [], 0],
  ])('%s → %d', (_name, rows, expected) => {
    const activity = layerAgent(buildDays('2024-05-01', rows), { endDay: '2024-05-07', days: 7 });
    expect(scoreAttitude(activity).score).toBe(expected);
  });
});

describe('scoreHabit', () => {
  const window4 = { endDay: '2024-05-04', days: 4 };
  it.each([
    // morning 3/4; share days 2/4; daily shares 2,0,2,0: mean 1, std 1, CV 1 → regularity 1 − 1/2
    // 100 × (0.5 × 0.75 + 0.25 × 0.5 + 0.25 × 0.5) = 37.5 + 12.5 + 12.5 = 62.5
    [
      'alternate days',
      [
        { shares: 2, morningListOpened: true },
        { morningListOpened: true },
        { shares: 2, morningListOpened: true },
        {},
      ],
      62.5,
    ],
    // every day: morning 1, share days 1, CV 0 → 100
    ['steady', Array.from({ length: 4 }, () => ({ shares: 2, morningListOpened: true })), 100],
    // one burst of 8 shares: share days 1/4; mean 2, std √12 = 3.46, CV 1.73 → regularity 0.134
    // 100 × (0 + 0.25 × 0.25 + 0.25 × (1 − 1.732/2)) = 6.25 + 3.35 = 9.6
    ['one burst', [{ shares: 8 }, {}, {}, {}], 9.6],
    ['nothing', [], 0],
  ])('%s → %d', (_name, rows, expected) => {
    expect(scoreHabit(layerAgent(buildDays('2024-05-01', rows), window4)).score).toBe(expected);
  });
});

describe('attitude and habit read their targets and weights from the config', () => {
  const week = { endDay: '2024-05-07', days: 7 };
  const activity = layerAgent(buildDays('2024-05-01', [{ shares: 3, tasksDue: 5, tasksDone: 5, tasksDoneOnTime: 4 }, { shares: 1 }, { shares: 1 }]), week);

  it('attitude: active share, streak over its target, on-time share', () => {
    const index = scoreAttitude(activity, { streakTargetDays: 2, weights: { active: 1, streak: 2, onTime: 4 } });
    expect(index.components.map((c) => [c.key, c.value, c.weight])).toEqual([
      ['active', 3 / 7, 1],
      ['streak', 1, 2],
      ['onTime', 0.8, 4],
    ]);
    expect(index.components.map((c) => c.detail)).toEqual([
      { activeDays: 3, windowDays: 7 },
      { longestStreak: 3, target: 2 },
      { tasksDoneOnTime: 4, tasksDue: 5 },
    ]);
  });

  it('habit: regularity falls to 0 at the configured CV', () => {
    // shares 3,1,1,0,0,0,0: mean 5/7, std 1.0302, CV 1.4422: half of 2 × 1.4422
    const index = scoreHabit(activity, { regularityCvAtZero: 2 * 1.4422, weights: { morning: 0, shareDays: 0, regularity: 1 } });
    expect(index.components[2].value).toBeCloseTo(0.5, 4);
    expect(index.components[2].detail).toEqual({ sharesCv: 1.44 });
    expect(scoreHabit(activity, { regularityCvAtZero: 1, weights: { morning: 0, shareDays: 0, regularity: 1 } }).components[2].value).toBe(0);
    expect(scoreHabit(activity).components.map((c) => [c.key, c.weight])).toEqual([['morning', 0.5], ['shareDays', 0.25], ['regularity', 0.25]]);
  });

  it('habit without any share has no CV (−1) and no regularity', () => {
    const idle = scoreHabit(layerAgent(buildDays('2024-05-01', [{ morningListOpened: true }]), week));
    expect(idle.components[2]).toMatchObject({ value: 0, detail: { sharesCv: -1 } });
    expect(idle.components[0]).toMatchObject({ value: 1 / 7, detail: { morningListDays: 1, windowDays: 7 } });
  });
});
