import { AGENT_LAYER_NAMES_ZH, DEFAULT_ACTIVITY_CONFIG, daysNeeded, isActiveDay, layerAgent, streaks } from './activity';
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

describe('two records of one day are merged field by field', () => {
  it('sums every count and keeps the morning list opened if either record says so', () => {
    const [first] = buildDays('2024-05-07', [{ shares: 1, touchpointsProduced: 3, tasksDone: 2, tasksDue: 5, tasksDoneOnTime: 1, morningListOpened: true }]);
    const [second] = buildDays('2024-05-07', [{ shares: 4, touchpointsProduced: 10, tasksDone: 6, tasksDue: 7, tasksDoneOnTime: 4, morningListOpened: false }]);
    for (const days of [[first, second], [second, first]]) {
      const summary = layerAgent(days, window7);
      expect(summary.daily[6]).toMatchObject({ day: '2024-05-07', shares: 5, touchpointsProduced: 13, tasksDone: 8, tasksDue: 12, tasksDoneOnTime: 5, morningListOpened: true });
      expect(summary.totals).toMatchObject({ shares: 5, touchpointsProduced: 13, tasksDone: 8, tasksDue: 12, tasksDoneOnTime: 5, morningListDays: 1, shareDays: 1 });
    }
  });

  it('two records of a day that both left the morning list unopened leave it unopened', () => {
    const [first] = buildDays('2024-05-07', [{ shares: 1, morningListOpened: false }]);
    const [second] = buildDays('2024-05-07', [{ shares: 2, morningListOpened: false }]);
    const summary = layerAgent([first, second], window7);
    expect(summary.daily[6]).toMatchObject({ day: '2024-05-07', shares: 3, morningListOpened: false });
    expect(summary.totals.morningListDays).toBe(0);
  });

  it('a day missing from the records is all zeros, for the same agent', () => {
    const summary = layerAgent(buildDays('2024-05-07', [{ shares: 1 }], 'agent-9'), window7);
    expect(summary.agentId).toBe('agent-9');
    expect(summary.daily[0]).toEqual({
      agentId: 'agent-9', day: '2024-05-01', shares: 0, touchpointsProduced: 0, tasksDone: 0, tasksDue: 0, tasksDoneOnTime: 0, morningListOpened: false,
    });
  });

  it('an agent without records has no id and seven empty days', () => {
    const summary = layerAgent([], window7);
    expect(summary.agentId).toBeNull();
    expect(summary.daily.map((d) => [d.agentId, d.day])).toEqual(
      ['01', '02', '03', '04', '05', '06', '07'].map((dd) => ['', `2024-05-${dd}`]),
    );
  });
});

describe('the deeply-online criteria: active days AND shares per day AND touchpoints per day', () => {
  // Baseline: 5 active days of 7, 14 shares (2/day), 35 touchpoints (5/day) → deeply online.
  const strong = (shares: number[], touchpoints: number[]) =>
    buildDays('2024-05-01', shares.map((s, i) => ({ shares: s, touchpointsProduced: touchpoints[i] })));
  it.each([
    ['all three met', [3, 3, 3, 3, 2], [7, 7, 7, 7, 7], 'deeply_online'],
    ['one touchpoint short (34 < 35)', [3, 3, 3, 3, 2], [7, 7, 7, 7, 6], 'online'],
    ['one active day short (4 days, though shares and touchpoints suffice)', [4, 4, 3, 3, 0], [7, 7, 7, 14, 0], 'online'],
  ])('%s → %s', (_name, shares, touchpoints, layer) => {
    expect(layerAgent(strong(shares, touchpoints), window7).layer).toBe(layer);
  });

  it('reads each criterion from the config', () => {
    const days = strong([3, 3, 3, 3, 2], [7, 7, 7, 7, 7]);
    const layer = (over: Partial<typeof DEFAULT_ACTIVITY_CONFIG>) => layerAgent(days, window7, { ...DEFAULT_ACTIVITY_CONFIG, ...over }).layer;
    expect(layer({ deeplyOnlineMinActiveShare: 0.8 })).toBe('online');
    expect(layer({ deeplyOnlineMinSharesPerDay: 2.1 })).toBe('online');
    expect(layer({ deeplyOnlineMinTouchpointsPerDay: 5.1 })).toBe('online');
    expect(layer({ onlineMinActiveShare: 0.8, deeplyOnlineMinActiveShare: 0.9 })).toBe('offline');
  });

  it('an agent with no active day is offline even when the online share is zero', () => {
    expect(layerAgent([], window7, { ...DEFAULT_ACTIVITY_CONFIG, onlineMinActiveShare: 0 }).layer).toBe('offline');
  });

  it('the morning list alone does not make a day active when the config says so', () => {
    const [day] = buildDays('2024-05-01', [{ morningListOpened: true }]);
    expect(isActiveDay(day, { ...DEFAULT_ACTIVITY_CONFIG, morningListMakesActive: false })).toBe(false);
  });

  it('reads the share and task minimums of an active day from the config', () => {
    const [day] = buildDays('2024-05-01', [{ shares: 2, tasksDone: 2 }]);
    expect(isActiveDay(day, { ...DEFAULT_ACTIVITY_CONFIG, activeDayMinShares: 3 })).toBe(true);
    expect(isActiveDay(day, { ...DEFAULT_ACTIVITY_CONFIG, activeDayMinShares: 3, activeDayMinTasksDone: 3 })).toBe(false);
    expect(isActiveDay(day, { ...DEFAULT_ACTIVITY_CONFIG, activeDayMinShares: 2, activeDayMinTasksDone: 3 })).toBe(true);
  });
});

describe('layer names', () => {
  it('names the three layers in the blue book’s words', () => {
    expect(AGENT_LAYER_NAMES_ZH).toStrictEqual({ offline: '不触网', online: '触网', deeply_online: '深度触网' });
  });
});
