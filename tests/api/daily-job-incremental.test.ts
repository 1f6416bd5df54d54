import { randomUUID } from 'node:crypto';
import { runDailyJob } from '../../server/src/jobs/daily-job';
import { chinaDayOf, DAY_MS } from '../../server/src/lib/china-day';
import { bearer, buildWorld, openAndRead, startTestApp, testConfig, TestApp, World } from '../../server/src/testing/test-app';

/**
 * Incremental scoring in the server (issue 15.2, 15.3): the scorer folds touchpoints into stored
 * states, and the daily job rescores only contacts touched or whose figures change by time alone
 * that day — with the same stored figures as rescoring every contact from its whole history.
 */
describe('the daily job rescores what changed, and the figures are those of a full rescoring', () => {
  let t: TestApp;
  let world: World;
  const readers: { token: string; shareId: string; contactId: string }[] = [];
  const figures = async () =>
    (await t.db.dataSource.query('SELECT id, trust, intent, cell, stage, outcome, referral_class, interest_tags FROM contact ORDER BY id')) as unknown[];
  const runToday = () => runDailyJob(t.services, t.services.scoringWorker, { day: chinaDayOf(t.clock.nowMs()) });

  beforeAll(async () => {
    t = await startTestApp({ session: { ...testConfig('http://127.0.0.1').session, ttlSeconds: 365 * 24 * 3600 } });
    world = await buildWorld(t);
    for (let i = 0; i < 3; i += 1) readers.push(await openAndRead(t, world, `incremental-${i}`));
    await t.services.scoringWorker.drain();
  }, 60_000);
  afterAll(() => t.close());

  it('stores each scored contact’s state and when its figures next change', async () => {
    const states = await t.db.dataSource.query('SELECT COUNT(*) AS n FROM contact_score_state');
    expect(Number(states[0].n)).toBe(readers.length);
    const due = await t.db.dataSource.query('SELECT next_recheck_at_ms AS at FROM contact WHERE id = ?', [readers[0]?.contactId]);
    // A stage-3 reader steps back after 30 quiet days (its scores stay in the low band till then).
    expect(Number(due[0].at)).toBeGreaterThan(t.clock.nowMs() + 29 * DAY_MS);
  });

  it('the next morning rescores nobody: nothing was touched and nothing decays yet', async () => {
    t.clock.advance(DAY_MS);
    const before = await figures();
    expect((await runToday()).contactsRescored).toBe(0);
    expect(await figures()).toEqual(before);
  });

  it('a touched contact is taken in before the rescoring; the untouched are left alone', async () => {
    t.clock.advance(DAY_MS);
    const reader = readers[1] as { token: string; shareId: string; contactId: string };
    await t.http.post('/api/events').set(bearer(reader.token)).send({
      sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), type: 'read_complete', shareId: reader.shareId, depthPct: 100, dwellMs: 90_000, createdAtDeviceMs: t.clock.nowMs() }],
    }).expect(200);
    const summary = await runToday();
    expect(summary.contactsRescored).toBe(0);
    const scored: { id: string; scored_at_ms: number | string }[] = await t.db.dataSource.query('SELECT id, scored_at_ms FROM contact WHERE scored_at_ms >= ?', [t.clock.nowMs()]);
    expect(scored.map((r) => r.id)).toEqual([reader.contactId]);
  });

  it('weeks later rescores the contacts stepping back on silence, to exactly what replaying every history gives', async () => {
    t.clock.advance(40 * DAY_MS);
    const summary = await runToday();
    expect(summary.contactsRescored).toBe(readers.length);
    const incremental = await figures();
    const ids = readers.map((r) => r.contactId);
    await t.services.scorer.scoreContacts(ids, { replay: true });
    expect(await figures()).toEqual(incremental);
  });

  it('a contact whose state was dropped (its history changed other than by new touchpoints) is replayed once, then has one again', async () => {
    const reader = readers[2] as { token: string; shareId: string; contactId: string };
    const replays = t.services.scorer.replays;
    await t.db.dataSource.query('DELETE FROM contact_score_state WHERE contact_id = ?', [reader.contactId]);
    await t.services.scorer.scoreContacts([reader.contactId]);
    expect(t.services.scorer.replays).toBe(replays + 1);
    const states = await t.db.dataSource.query('SELECT COUNT(*) AS n FROM contact_score_state WHERE contact_id = ?', [reader.contactId]);
    expect(Number(states[0].n)).toBe(1);
  });
});
