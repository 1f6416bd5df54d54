import { DEFAULT_ACTIVITY_CONFIG, daysNeeded, isActiveDay, layerAgent, streaks } from './activity';
import { buildDays } from './test-fixtures';

const window7 = { endDay: '2024-05-07', days: 7 };

describe('isActiveDay', () => {
  it.each([
    [{ shares: 1 }, true],
    [{ tasksDone: 1 }, true],
    [{ morningListOpened: true }, true],
    [{ touchpointsProduced: 9 }, false], // customers' reads are not the agent's own activity
    [{}, false],
  ])('%j → %s', (row, expected) => {
    expect(isActiveDay(buildDays('2024-05-01', [row])[0])).toBe(expected);
  });
});

describe('streaks', () => {
  it.each([
    [[true, true, false, true, true, true], 3, 3],
    [[true, true, true, false, true, false], 3, 0],
    [[], 0, 0],
  ])('%j → longest %i, current %i', (flags, longest, current) => {
    expect(streaks(flags)).toEqual({ longest, current });
  });
});

describe('daysNeeded', () => {
  it.each([
    [0.25, 7, 2], // 1.75 → 2
    [0.25, 30, 8], // 7.5 → 8
    [0.7, 30, 21], // exactly 21, despite floating point
    [0.7, 7, 5], // 4.9 → 5
  ])('%d of %i days → %i', (share, n, expected) => {
    expect(daysNeeded(share, n)).toBe(expected);
  });
});

describe('layerAgent', () => {
  // 7-day window 05-01 … 05-07. Online needs 2 active days; deeply online needs 5 active days,
  // ≥ 14 shares (2/day) and ≥ 35 touchpoints (5/day).
  it.each([
    ['no records at all', [], 'offline', 0],
    ['one active day', [{ shares: 1 }], 'offline', 1],
    ['two active days', [{ shares: 1 }, {}, { tasksDone: 1 }], 'online', 2],
    [
      // 5 active days, shares 3+3+3+3+2 = 14, touchpoints 7×5 = 35
      'five strong days',
      [
        { shares: 3, touchpointsProduced: 7 },
        { shares: 3, touchpointsProduced: 7 },
        { shares: 3, touchpointsProduced: 7 },
        { shares: 3, touchpointsProduced: 7 },
        { shares: 2, touchpointsProduced: 7 },
      ],
      'deeply_online',
      5,
    ],
    [
      // same but 13 shares: 13/7 < 2 per day, so only online
      'five days, one share short',
      [
        { shares: 3, touchpointsProduced: 7 },
        { shares: 3, touchpointsProduced: 7 },
        { shares: 3, touchpointsProduced: 7 },
        { shares: 3, touchpointsProduced: 7 },
        { shares: 1, touchpointsProduced: 7 },
      ],
      'online',
      5,
    ],
  ])('%s → %s', (_name, rows, layer, activeDays) => {
    const summary = layerAgent(buildDays('2024-05-01', rows), window7);
    expect(summary.layer).toBe(layer);
    expect(summary.activeDays).toBe(activeDays);
  });

  it('sums totals, counts streaks and ignores days outside the window', () => {
    // 04-30 is outside; inside: 05-01 active, 05-02 idle, 05-03..05-07 active → longest 5, current 5
    const days = buildDays('2024-04-30', [
      { shares: 50 },
      { shares: 2, tasksDue: 2, tasksDone: 2, tasksDoneOnTime: 1, morningListOpened: true },
      {},
      { shares: 1, touchpointsProduced: 4 },
      { morningListOpened: true },
      { tasksDone: 1, tasksDue: 1, tasksDoneOnTime: 1 },
      { shares: 1 },
      { shares: 1, touchpointsProduced: 2 },
    ]);
    const summary = layerAgent(days, window7, DEFAULT_ACTIVITY_CONFIG);
    expect(summary.daily).toHaveLength(7);
    expect(summary.activeDays).toBe(6);
    expect(summary.longestStreak).toBe(5);
    expect(summary.currentStreak).toBe(5);
    // shares 2+1+1+1 = 5 on 4 days; tasks due 3, done 3, on time 2; morning list 2 days
    expect(summary.totals).toEqual({
      shares: 5,
      touchpointsProduced: 6,
      tasksDone: 3,
      tasksDue: 3,
      tasksDoneOnTime: 2,
      morningListDays: 2,
      shareDays: 4,
    });
  });

  it('adds up two records for the same day', () => {
    const days = [...buildDays('2024-05-07', [{ shares: 1 }]), ...buildDays('2024-05-07', [{ shares: 2 }])];
    expect(layerAgent(days, window7).totals.shares).toBe(3);
  });
});
