import { EXPECTED_CLOSE_RULE_ZH, expectedCloseDay, FORECAST_PERIOD_NAMES_ZH, forecastByPeriod, periodBounds } from './forecast-periods';

describe('period boundaries (China days; weeks from Monday; quarters from Jan/Apr/Jul/Oct)', () => {
  it.each([
    // 2026-11-02 is a Monday, 2026-11-08 a Sunday.
    ['2026-11-02', 'week', '2026-11-02', '2026-11-08'],
    ['2026-11-08', 'week', '2026-11-02', '2026-11-08'],
    ['2026-11-09', 'week', '2026-11-09', '2026-11-15'],
    // A week across a year's end.
    ['2026-01-01', 'week', '2025-12-29', '2026-01-04'],
    ['2026-11-02', 'month', '2026-11-01', '2026-11-30'],
    ['2028-02-10', 'month', '2028-02-01', '2028-02-29'],
    ['2026-12-31', 'month', '2026-12-01', '2026-12-31'],
    ['2026-11-02', 'quarter', '2026-10-01', '2026-12-31'],
    ['2026-01-01', 'quarter', '2026-01-01', '2026-03-31'],
    ['2026-06-30', 'quarter', '2026-04-01', '2026-06-30'],
    ['2026-07-01', 'quarter', '2026-07-01', '2026-09-30'],
  ] as const)('%s in its %s runs %s … %s', (day, period, fromDate, toDate) => {
    expect(periodBounds(day, period)).toEqual({ fromDate, toDate });
  });

  it('refuses a day that is not a calendar day', () => {
    expect(() => periodBounds('2026-02-30', 'week')).toThrow(RangeError);
  });
});

describe('forecast by period', () => {
  it('a contact counts in every period whose last day its expected close reaches, priced P × premium', () => {
    const today = '2026-11-02'; // Monday: week ends 11-08, month 11-30, quarter 12-31
    const periods = forecastByPeriod([
      { stage: 8, closeProbability: 0.5, expectedPremiumFen: 1_000_00 }, // closes 11-05: week, month, quarter → 500_00
      { stage: 6, closeProbability: 0.2, expectedPremiumFen: 3_000_00 }, // closes 12-02: quarter only → 600_00
      { stage: 7, closeProbability: 0.25, expectedPremiumFen: 8_000_00 }, // closes 11-16: month and quarter → 2_000_00
      { stage: 1, closeProbability: 0.9, expectedPremiumFen: 9_000_00 }, // closes 2027-03-02: none
    ], today);
    expect(periods).toEqual([
      { period: 'week', fromDate: '2026-11-02', toDate: '2026-11-08', expectedFen: 500_00, contacts: 1 },
      { period: 'month', fromDate: '2026-11-01', toDate: '2026-11-30', expectedFen: 2_500_00, contacts: 2 },
      { period: 'quarter', fromDate: '2026-10-01', toDate: '2026-12-31', expectedFen: 3_100_00, contacts: 3 },
    ]);
  });

  it('the expected close day follows the stage, and the rule the card shows says the same days', () => {
    expect(expectedCloseDay(8, '2026-11-02')).toBe('2026-11-05');
    expect(expectedCloseDay(5, '2026-11-02')).toBe('2026-12-17');
    expect(EXPECTED_CLOSE_RULE_ZH).toBe(
      '按销售阶段估计成交日：阶段8约3天、阶段7约14天、阶段6约30天、阶段5约45天、阶段4约60天、阶段3约75天、阶段2约90天、阶段1约120天',
    );
  });

  it('names each period as the forecast card heads it', () => {
    expect(FORECAST_PERIOD_NAMES_ZH).toStrictEqual({ week: '本周', month: '本月', quarter: '本季度' });
  });
});

describe('forecast by period, at the edges', () => {
  it('a contact expected to close on the period\'s last day counts in that period', () => {
    // Thursday 2026-11-05: the week ends Sunday 11-08, exactly when a stage-8 contact (3 days) closes.
    const [week] = forecastByPeriod([{ stage: 8, closeProbability: 0.4, expectedPremiumFen: 2_500_00 }], '2026-11-05');
    expect(week).toEqual({ period: 'week', fromDate: '2026-11-02', toDate: '2026-11-08', expectedFen: 1_000_00, contacts: 1 });
  });

  it('a close probability outside 0..1 counts as certain or as nothing, not beyond', () => {
    const [week] = forecastByPeriod([
      { stage: 8, closeProbability: 1.5, expectedPremiumFen: 7_000_00 }, // counted at 1: 7_000_00
      { stage: 8, closeProbability: -0.3, expectedPremiumFen: 9_000_00 }, // counted at 0
    ], '2026-11-02');
    expect(week.expectedFen).toBe(7_000_00);
    expect(week.contacts).toBe(2);
  });

  it('rounds the expected premium to whole fen', () => {
    // 1/3 × 1000 fen = 333.33… → 333; 2/3 × 1000 = 666.66… → 667.
    const priced = (closeProbability: number) =>
      forecastByPeriod([{ stage: 8, closeProbability, expectedPremiumFen: 1000 }], '2026-11-02')[0].expectedFen;
    expect([priced(1 / 3), priced(2 / 3)]).toEqual([333, 667]);
  });
});
