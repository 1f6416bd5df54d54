import { layerAgent } from './activity';
import { DAY_MS } from './day';
import { scoreKash } from './kash';
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
