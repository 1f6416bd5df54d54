import { DAY_MS } from './day';
import { buildFunnelSnapshot, diffFunnelSnapshots } from './process-funnel';
import { history } from './test-fixtures';

// [stage, day entered]
const contacts = [
  history('f1', [[1, 0], [2, 4], [3, 10]]),
  history('f2', [[1, 0], [2, 2], [3, 5], [4, 6], [5, 8], [6, 12], [7, 15], [8, 20]], 'won'),
  history('f3', [[1, 0], [2, 6], [1, 36]]), // the step back on day 36 is after both snapshots
  history('f4', [[3, 1], [2, 25]]), // stepped back after silence on day 25
  history('f5', [[1, 40]]), // did not exist yet
  history('f6', [[6, 1], [7, 3], [8, 10]], 'lost'), // came in at stage 6
];

describe('buildFunnelSnapshot', () => {
  const snapshot = () => buildFunnelSnapshot(contacts, { groupId: 'team-1', day: '2024-05-31', asOfMs: 30 * DAY_MS });

  it('counts contacts in their stage as of the day', () => {
    const now = snapshot();
    // f1 at 3; f2 at 8; f3 at 2; f4 back at 2; f6 at 8; f5 not yet
    expect(now.contacts).toBe(5);
    expect(now.stageCounts).toEqual({ 1: 0, 2: 2, 3: 1, 4: 0, 5: 0, 6: 0, 7: 0, 8: 2 });
  });

  it('converts by furthest stage reached', () => {
    const now = snapshot();
    // furthest: f1 3, f2 8, f3 2, f4 3, f6 8 → reached ≥1: 5, ≥2: 5, ≥3: 4, ≥4..≥8: 2
    expect(now.reached).toEqual({ 1: 5, 2: 5, 3: 4, 4: 2, 5: 2, 6: 2, 7: 2, 8: 2 });
    // 5/5, 4/5, 2/4, then 2/2 all the way
    expect(now.conversionPct).toEqual({ 1: 100, 2: 80, 3: 50, 4: 100, 5: 100, 6: 100, 7: 100 });
  });

  it('takes the median of finished stays per stage', () => {
    const now = snapshot();
    // s1: f1 4, f2 2, f3 6 → 4; s2: f1 6, f2 3 → 4.5; s3: f2 1, f4 24 → 12.5; s4: 2; s5: 4;
    // s6: f2 3, f6 2 → 2.5; s7: f2 5, f6 7 → 6; s8: nobody left it
    expect(now.medianDaysInStage).toEqual({ 1: 4, 2: 4.5, 3: 12.5, 4: 2, 5: 4, 6: 2.5, 7: 6, 8: null });
  });

  it('counts outcomes and the close rate', () => {
    const now = snapshot();
    expect([now.won, now.lost, now.closeRatePct]).toEqual([1, 1, 50]);
  });

  it('shows the change since last week', () => {
    const now = snapshot();
    // day 23: f4 still at 3 with an unfinished stay; everything else as on day 30
    const lastWeek = buildFunnelSnapshot(contacts, { groupId: 'team-1', day: '2024-05-24', asOfMs: 23 * DAY_MS });
    expect(lastWeek.stageCounts).toEqual({ 1: 0, 2: 1, 3: 2, 4: 0, 5: 0, 6: 0, 7: 0, 8: 2 });
    const change = diffFunnelSnapshots(now, lastWeek);
    expect(change).toMatchObject({ fromDay: '2024-05-24', toDay: '2024-05-31', contacts: 0, won: 0, lost: 0, closeRatePct: 0 });
    expect(change.stageCounts).toEqual({ 1: 0, 2: 1, 3: -1, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0 });
    // s3 median was 1 (f2 only), now 12.5
    expect(change.medianDaysInStage[3]).toBe(11.5);
    expect(change.medianDaysInStage[8]).toBeNull();
    expect(change.conversionPct[3]).toBe(0);
  });

  it('is empty before anyone exists', () => {
    const empty = buildFunnelSnapshot(contacts, { groupId: 'g', day: '1970-01-01', asOfMs: -1 });
    expect(empty.contacts).toBe(0);
    expect(empty.conversionPct[1]).toBeNull();
    expect(empty.closeRatePct).toBeNull();
  });

  it('survives a JSON round trip for daily storage', () => {
    const now = snapshot();
    // keys become strings in JSON; lookups by stage number still work
    const stored = JSON.parse(JSON.stringify(now));
    expect(diffFunnelSnapshots(stored, now).stageCounts).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0 });
    expect(diffFunnelSnapshots(stored, now).medianDaysInStage[3]).toBe(0);
  });
});

describe('close rate and outcomes', () => {
  it('is won / (won + lost), with won ≠ lost: 3 won and 1 lost close 75 %', () => {
    const group = [
      history('w1', [[1, 0], [8, 2]], 'won'),
      history('w2', [[1, 0], [8, 3]], 'won'),
      history('w3', [[1, 0], [8, 4]], 'won'),
      history('l1', [[1, 0], [8, 5]], 'lost'),
      history('o1', [[1, 0], [8, 6]]),
    ];
    const snap = buildFunnelSnapshot(group, { groupId: 'g', day: '1970-01-11', asOfMs: 10 * DAY_MS });
    expect([snap.won, snap.lost, snap.closeRatePct]).toEqual([3, 1, 75]);
  });

  it('rounds the close rate to one decimal: 2 won of 3 closed is 66.7 %', () => {
    const group = [history('w1', [[8, 1]], 'won'), history('w2', [[8, 1]], 'won'), history('l1', [[8, 1]], 'lost')];
    expect(buildFunnelSnapshot(group, { groupId: 'g', day: 'd', asOfMs: 2 * DAY_MS }).closeRatePct).toBe(66.7);
  });

  it('a lost-only group closes 0 %, not "no figure"', () => {
    expect(buildFunnelSnapshot([history('l1', [[8, 1]], 'lost')], { groupId: 'g', day: 'd', asOfMs: 2 * DAY_MS }).closeRatePct).toBe(0);
  });

  it('the diff is current minus previous, field by field', () => {
    const before = buildFunnelSnapshot([history('w1', [[8, 1]], 'won')], { groupId: 'g', day: 'mon', asOfMs: 2 * DAY_MS });
    const after = buildFunnelSnapshot(
      [history('w1', [[8, 1]], 'won'), history('l1', [[1, 1], [8, 3]], 'lost'), history('l2', [[1, 1], [8, 6]], 'lost'), history('o1', [[2, 1]])],
      { groupId: 'g', day: 'sun', asOfMs: 9 * DAY_MS },
    );
    const change = diffFunnelSnapshots(after, before);
    // closeRate 100 → 33.3
    expect(change).toMatchObject({ groupId: 'g', fromDay: 'mon', toDay: 'sun', contacts: 3, won: 0, lost: 2, closeRatePct: -66.7 });
    expect(change.stageCounts).toEqual({ 1: 0, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 2 });
    // stays in 1: 2 and 5 days → median 3.5, none before
    expect(change.medianDaysInStage[1]).toBeNull();
    // conversion 1 → 2: before 1/1 reached 2 → 100; after all 4 reached 2 → 100
    expect(change.conversionPct[1]).toBe(0);
    // and the other way round: a figure that disappears is no change either
    expect(diffFunnelSnapshots(before, after).medianDaysInStage[1]).toBeNull();
    expect(diffFunnelSnapshots(before, after).closeRatePct).toBe(66.7);
  });
});

describe('the funnel does not trust the order of the recorded history', () => {
  it('reads entries oldest first, whatever order they were stored in', () => {
    const shuffled = { ...history('s1', [[1, 0], [2, 3], [4, 7]]) };
    shuffled.stageEnteredAt = [...shuffled.stageEnteredAt].reverse();
    const snap = buildFunnelSnapshot([shuffled], { groupId: 'g', day: 'd', asOfMs: 10 * DAY_MS });
    expect(snap.stageCounts[4]).toBe(1);
    expect(snap.medianDaysInStage[1]).toBe(3);
    expect(snap.medianDaysInStage[2]).toBe(4);
  });

  it('counts the furthest stage reached even after stepping back, entry by entry', () => {
    // 1 → 5 → 4 → 3: reached 5, stays: 1 two days, 5 thirty days, 4 thirty days
    const snap = buildFunnelSnapshot([history('b1', [[1, 0], [5, 2], [4, 32], [3, 62]])], { groupId: 'g', day: 'd', asOfMs: 70 * DAY_MS });
    expect(snap.stageCounts[3]).toBe(1);
    expect(snap.reached).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 0, 7: 0, 8: 0 });
    expect(snap.conversionPct).toEqual({ 1: 100, 2: 100, 3: 100, 4: 100, 5: 0, 6: null, 7: null });
    expect(snap.medianDaysInStage).toEqual({ 1: 2, 2: null, 3: null, 4: 30, 5: 30, 6: null, 7: null, 8: null });
  });

  it('an entry at exactly the snapshot instant counts', () => {
    const snap = buildFunnelSnapshot([history('e1', [[1, 0], [2, 5]])], { groupId: 'g', day: 'd', asOfMs: 5 * DAY_MS });
    expect(snap.stageCounts).toMatchObject({ 1: 0, 2: 1 });
  });
});
