import { layerAgent } from './activity';
import { DAY_MS } from './day';
import { DEFAULT_KASH_CONFIG, scoreKash } from './kash';
import { combineComponents } from './kash-types';
import { buildDays, history } from './test-fixtures';

describe('scoreKash', () => {
  it('puts the four indices side by side, with the knowledge profile', () => {
    // 4-day window, shares 2,0,2,0 and morning list on 3 days (Habit 62.5 as in kash-attitude-habit.test)
    const activity = layerAgent(
      buildDays('2024-05-01', [{ shares: 2, morningListOpened: true }, { morningListOpened: true }, { shares: 2, morningListOpened: true }, {}]),
      { endDay: '2024-05-04', days: 4 },
    );
    const result = scoreKash({
      agentId: 'a1',
      activity,
      // one family studied: breadth 1/5, depth 1/3, sharing 1/5 → 100 × (0.08 + 0.1 + 0.06) = 24
      content: [{ itemId: 'i1', tags: ['need:medical'], studiedDepthPct: 80, shares: 2 }],
      // one contact, moved 1 → 2 in 2 days: conversion 1, speed 1 → 100
      contacts: [history('c1', [[1, 0], [2, 2]])],
      fromMs: 0,
      toMs: 4 * DAY_MS,
    });
    // Attitude: active days 1, 2, 3 of 4 (morning list counts) = 0.75; streak 3/5 = 0.6; no tasks
    // (0.4 × 0.75 + 0.2 × 0.6) / 0.6 = 0.42 / 0.6 = 70
    expect(result.scores).toEqual({ knowledge: 24, attitude: 70, skill: 100, habit: 62.5 });
    expect(result.knowledgeProfile.medical).toEqual({ studiedItems: 1, shares: 2 });
  });
});

describe('combining components into an index', () => {
  it('is 100 × the weighted mean, one decimal; weight-0 components drop out', () => {
    expect(combineComponents([
      { key: 'a', value: 0.5, weight: 3, detail: {} },
      { key: 'b', value: 1, weight: 1, detail: {} },
      { key: 'c', value: 0, weight: 0, detail: {} },
    ]).score).toBe(62.5);
    expect(combineComponents([{ key: 'a', value: 1 / 3, weight: 1, detail: {} }]).score).toBe(33.3);
    expect(combineComponents([{ key: 'a', value: 0.9, weight: 0, detail: {} }]).score).toBe(0);
  });

  it('scores each index with its own config', () => {
    const activity = layerAgent(buildDays('2024-05-01', [{ shares: 1 }]), { endDay: '2024-05-01', days: 1 });
    const input = { agentId: 'a1', activity, content: [], contacts: [], fromMs: 0, toMs: DAY_MS };
    const result = scoreKash(input, {
      ...DEFAULT_KASH_CONFIG,
      attitude: { streakTargetDays: 1, weights: { active: 1, streak: 0, onTime: 0 } },
      habit: { regularityCvAtZero: 2, weights: { morning: 0, shareDays: 1, regularity: 0 } },
    });
    expect(result.scores).toEqual({ knowledge: 0, attitude: 100, skill: 0, habit: 100 });
    expect(result.indices.attitude.components.map((c) => c.key)).toEqual(['active', 'streak', 'onTime']);
    expect(result.agentId).toBe('a1');
  });
});
