import { DAY_MS } from '../kyb134/day';
import { DEAL_FEATURE_NAMES, DEAL_FEATURES, type DealHistory, extractDealFeatures, featureVector } from './features';

const HOUR = 60 * 60 * 1000;
/** 02:00 UTC (10:00 in China) on day k. */
const t = (k: number) => k * DAY_MS + 2 * HOUR;

const history: DealHistory = {
  contactId: 'c1',
  asOfMs: 40 * DAY_MS,
  referredByContactId: 'c0',
  touchpoints: [
    { type: 'open', atMs: t(1), contentId: 'A', tags: ['need:critical_illness'] },
    { type: 'read_progress', atMs: t(1), contentId: 'A', tags: ['need:critical_illness'], depthPct: 50, dwellMs: 60_000 },
    { type: 'read_complete', atMs: t(2), contentId: 'A', tags: ['need:critical_illness'], dwellMs: 120_000 },
    { type: 'open', atMs: t(15), contentId: 'B', tags: ['need:medical'] },
    { type: 'read_progress', atMs: t(15), contentId: 'B', tags: ['need:medical'], depthPct: 80, dwellMs: 180_000 },
    { type: 'card_view', atMs: t(20) },
    { type: 'consult_tap', atMs: t(25), tags: ['need:critical_illness'] },
    { type: 'call', atMs: t(26) },
    { type: 'visit', atMs: t(30) },
    { type: 'nps_answer', atMs: t(31), npsScore: 8 },
    { type: 'forward', atMs: t(35), contentId: 'B', tags: ['need:medical'] },
    { type: 'proposal_made', atMs: t(36) },
    { type: 'read_progress', atMs: t(38), contentId: 'C', tags: ['need:critical_illness'], depthPct: 30, dwellMs: 30_000 },
    { type: 'policy_signed', atMs: t(39) }, // the outcome itself: never a feature
    { type: 'open', atMs: t(45), contentId: 'D' }, // after the cut-off
  ],
  stageEnteredAt: [
    { stage: 1, atMs: t(1) },
    { stage: 2, atMs: t(2) },
    { stage: 3, atMs: t(15) },
    { stage: 2, atMs: t(24) },
    { stage: 3, atMs: t(25) },
    { stage: 5, atMs: t(27) },
    { stage: 6, atMs: t(36) },
    { stage: 8, atMs: t(50) }, // after the cut-off
  ],
  leads: [
    { atMs: t(27), budgetFen: 500_000, insuredPerson: null, needs: ['critical_illness', 'medical'] },
    { atMs: t(41), budgetFen: null, insuredPerson: '女儿', needs: ['education'] }, // after the cut-off
  ],
};

describe('extractDealFeatures', () => {
  // Computed before each test rather than while collecting them, so that mutation testing links the code to these tests.
  let f: ReturnType<typeof extractDealFeatures>;
  beforeEach(() => {
    f = extractDealFeatures(history);
  });

  it.each([
    // customer touchpoints before the cut: open, read, complete, open, read, card, consult, nps, forward, read = 10
    ['customer_touchpoints', 10],
    // on or after day 10: days 15, 20, 25, 31, 35, 38
    ['touch_days_30d', 6],
    // last customer touchpoint day 38 02:00 → 2 days − 2 hours
    ['recency_days', 2 - 1 / 12],
    // deepest per item: A 100 (completed), B 80, C 30 → mean 70; deep (≥ 70): A, B
    ['read_depth_mean', 70],
    ['deep_reads', 2],
    // 60 + 120 + 180 + 30 = 390 s
    ['dwell_minutes', 6.5],
    ['live_joins', 0],
    // need-tagged touchpoints: CI 5 (open, read, complete, consult, read C), medical 3 → 5/8
    ['need_families', 2],
    ['need_focus', 0.625],
    ['card_views', 1],
    ['consults', 1],
    ['forwards', 1],
    ['promoter', 1],
    ['detractor', 0],
    ['referred_in', 1],
    // stages before the cut: 1 2 3 2 3 5 6 → max 6, now 6, one step back, entered 6 on day 36 02:00
    ['stage_max', 6],
    ['stage_current', 6],
    ['stage_regressions', 1],
    ['days_in_stage', 4 - 1 / 12],
    ['contact_age_days', 39 - 1 / 12],
    ['lead_submitted', 1],
    ['budget_given', 1],
    ['insured_person_known', 0],
    ['needs_stated', 2],
    ['calls', 1],
    ['visits', 1],
    ['proposal_made', 1],
    ['proposal_delivered', 0],
    ['objections', 0],
  ] as const)('%s = %d', (name, expected) => {
    expect(f[name]).toBeCloseTo(expected, 9);
  });

  it('makes every documented feature and nothing else', () => {
    expect(Object.keys(f).sort()).toEqual([...DEAL_FEATURE_NAMES].sort());
    for (const name of DEAL_FEATURE_NAMES) expect(DEAL_FEATURES[name].labelZh).not.toBe('');
  });

  it('gives a brand-new contact the caps and zeros', () => {
    const empty = extractDealFeatures({ contactId: 'x', asOfMs: 0, touchpoints: [], stageEnteredAt: [], leads: [], referredByContactId: null });
    expect(empty.recency_days).toBe(90);
    expect(empty.stage_max).toBe(0);
    expect(Object.keys(empty)).toHaveLength(DEAL_FEATURE_NAMES.length);
    expect(Object.values(empty).every((v) => Number.isFinite(v))).toBe(true);
  });

  it('caps counts', () => {
    const calls = Array.from({ length: 25 }, (_, i) => ({ type: 'call' as const, atMs: i }));
    expect(extractDealFeatures({ ...history, touchpoints: calls }).calls).toBe(10);
  });
});

describe('featureVector', () => {
  it('orders values by name, NaN for unknown names', () => {
    expect(featureVector({ a: 1, b: 2 }, ['b', 'a', 'z'])).toEqual([2, 1, NaN]);
  });
});
