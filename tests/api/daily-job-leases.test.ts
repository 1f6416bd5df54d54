import { randomUUID } from 'node:crypto';
import { dailyJobParts, runDailyJob, runDueDailyJobs } from '../../server/src/jobs/daily-job';
import { JobLeases } from '../../server/src/jobs/job-leases';
import { parseDailyJobArgs } from '../../server/src/cli/daily-job';
import { ScorerService } from '../../server/src/modules/scoring/scorer.service';
import { chinaDayOf, chinaDayStartMs, DAY_MS } from '../../server/src/lib/china-day';
import { bearer, buildWorld, login, shareArticle, startTestApp, TestApp, TEST_NOW, World } from '../../server/src/testing/test-app';

/**
 * The daily job across processes, driven in one test process: a "process" is a lease owner, and a
 * dead one is an owner that claimed a part and never heartbeats again. Time is the test's clock.
 */
describe('the daily job: once per China day, in leased parts, for any date', () => {
  let t: TestApp;
  let world: World;
  let contacts = 0;
  const today = chinaDayOf(TEST_NOW);
  const LEASE_MS = 60_000;

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    const shareId = await shareArticle(t, world);
    for (let i = 0; i < 12; i += 1) {
      const customer = (await login(t, `daily-lease-${i}`)).token;
      await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(customer)).expect(200);
      await t.http.post('/api/events').set(bearer(customer)).send({
        sentAtDeviceMs: t.clock.nowMs(),
        events: [{ clientEventId: randomUUID(), shareId, type: 'read_progress', depthPct: 70, dwellMs: 60_000, createdAtDeviceMs: t.clock.nowMs() }],
      }).expect(200);
    }
    await t.services.scoringWorker.drain();
    contacts = Number((await t.db.dataSource.query('SELECT COUNT(*) AS n FROM contact'))[0].n);
  });
  afterAll(() => t.close());

  // The daily job rescores only contacts whose figures change by time alone that day (and those
  // touched): these tests are about the leases, so every contact is made due, as after a long silence.
  const makeAllDue = () => t.db.dataSource.query('UPDATE contact SET next_recheck_at_ms = 0');

  const partsOf = async (day: string) =>
    (await t.db.dataSource.query('SELECT part, status, owner, attempts FROM job_part WHERE job = ? AND day = ? ORDER BY part', ['daily', day]))
      .map((r: { part: string; status: string; owner: string; attempts: number | string }) => ({ ...r, attempts: Number(r.attempts) }));

  it('a part whose process died holding it is finished by another once the lease expires', async () => {
    t.clock.advance(3_600_000); // an hour after the contacts were scored, so today's run rescores them all
    await makeAllDue();
    const day = today;
    const dead = new JobLeases(t.db.dataSource, t.clock, 'dead-process', { leaseMs: LEASE_MS });
    await dead.openDay('daily', day, t.clock.nowMs(), dailyJobParts());
    // The dead process did the first phase, then claimed a range, got part way and stopped heartbeating.
    const prepare = await dead.claimNext('daily', day);
    if (typeof prepare === 'string') throw new Error(`expected a part, got ${prepare}`);
    expect(await dead.complete(prepare, { retention: { rawEventsDeleted: 0, unengagedLeadsDeleted: 0, contactsRescored: 0 }, ms: 1 })).toBe(true);
    const held = await dead.claimNext('daily', day);
    if (typeof held === 'string') throw new Error(`expected a part, got ${held}`);
    expect(held.phase).toBe(1);
    expect(await dead.checkpoint(held, '', { contactsRescored: 0, stageStepBacks: 0, ms: 1 })).toBe(true);

    const progress: string[] = [];
    const running = runDailyJob(t.services, t.services.scoringWorker, { day, owner: 'survivor', leaseMs: LEASE_MS, waitMs: 20, onProgress: (p) => progress.push(p.part) });
    // The survivor does every other range, then can only wait for the dead one's lease.
    await waitFor(async () => (await partsOf(day)).filter((p: { status: string }) => p.status === 'done').length === 16);
    expect((await partsOf(day)).find((p: { part: string }) => p.part === held.part)).toMatchObject({ status: 'running', owner: 'dead-process' });
    t.clock.advance(LEASE_MS + 1);
    const summary = await running;

    const parts = await partsOf(day);
    expect(parts.every((p: { status: string }) => p.status === 'done')).toBe(true);
    expect(parts.find((p: { part: string }) => p.part === held.part)).toMatchObject({ owner: 'survivor', attempts: 2 });
    expect(parts.filter((p: { part: string }) => p.part !== held.part).map((p: { attempts: number }) => p.attempts)).toEqual(Array(17).fill(1));
    expect(summary.contactsRescored).toBe(contacts);
    expect(summary.day).toBe(day);
    expect(progress).toContain(held.part);
    // The dead process cannot write over the part it lost.
    expect(await dead.complete(held, { contactsRescored: 999, stageStepBacks: 0, ms: 0 })).toBe(false);
    expect((await runDailyJob(t.services, t.services.scoringWorker, { day })).contactsRescored).toBe(contacts);
  });

  it('runs a day once however often it is asked: a second run of a done day changes nothing', async () => {
    const day = chinaDayOf(t.clock.nowMs() - 10 * DAY_MS);
    const first = await runDailyJob(t.services, t.services.scoringWorker, { day });
    const again = await runDailyJob(t.services, t.services.scoringWorker, { day });
    expect(again).toEqual(first);
    expect((await partsOf(day)).map((p: { attempts: number }) => p.attempts)).toEqual(Array(18).fill(1));
  });

  it('--as-of runs a given date: scored at that morning\'s hour, with the snapshot of the day before', async () => {
    const day = chinaDayOf(t.clock.nowMs() - 20 * DAY_MS);
    const summary = await runDailyJob(t.services, t.services.scoringWorker, { day, hour: 5 });
    expect(summary.asOfMs).toBe(chinaDayStartMs(day) + 5 * 3_600_000);
    expect(summary.kyb134.snapshotDay).toBe(chinaDayOf(chinaDayStartMs(day) - DAY_MS));
    // The contacts were scored after that morning, so a day caught up late leaves them as they are.
    expect(summary.contactsRescored).toBe(0);
    await expect(runDailyJob(t.services, t.services.scoringWorker, { day: '2026-13-01' })).rejects.toThrow('is not a date');
    await expect(runDailyJob(t.services, t.services.scoringWorker, { day: chinaDayOf(t.clock.nowMs() + DAY_MS) })).rejects.toThrow('has not begun');
  });

  it('after downtime catches up each missed day in order, each with its KYB134 and funnel snapshots', async () => {
    await runDailyJob(t.services, t.services.scoringWorker, { day: today });
    t.clock.advance(3 * DAY_MS); // down for three days; it is now past the hour on the fourth
    const summaries = await runDueDailyJobs(t.services, t.services.scoringWorker, 5);
    const days = [1, 2, 3].map((n) => chinaDayOf(chinaDayStartMs(today) + n * DAY_MS));
    expect(summaries.map((s) => s.day)).toEqual(days);
    expect(summaries.map((s) => s.kyb134.snapshotDay)).toEqual([today, days[0], days[1]]);
    const stored = await t.db.dataSource.query('SELECT DISTINCT day FROM kyb134_agent_day WHERE day >= ? ORDER BY day', [today]);
    expect(stored.map((r: { day: string }) => r.day)).toEqual([today, days[0], days[1]]);
    const funnels = await t.db.dataSource.query('SELECT DISTINCT day FROM funnel_snapshot WHERE day >= ? ORDER BY day', [today]);
    expect(funnels.map((r: { day: string }) => r.day)).toEqual([today, days[0], days[1]]);
    // Missed days run at their own morning; today's at the moment it started. Then nothing is due.
    expect(summaries[0]?.asOfMs).toBe(chinaDayStartMs(days[0] as string) + 5 * 3_600_000);
    expect(summaries[2]?.asOfMs).toBe(t.clock.nowMs());
    expect(await runDueDailyJobs(t.services, t.services.scoringWorker, 5)).toEqual([]);
  });

  it('a process shutting down mid-range hands the range back at once, with how far it got, and another finishes the day', async () => {
    t.clock.advance(DAY_MS);
    await makeAllDue();
    const day = chinaDayOf(t.clock.nowMs());
    const stopping = new AbortController();
    const real = ScorerService.prototype.scoreContacts;
    ScorerService.prototype.scoreContacts = async function (this: ScorerService, ids, options) {
      stopping.abort(); // SIGTERM arrives while the first batch is being scored
      return real.call(this, ids, options);
    };
    try {
      await expect(runDailyJob(t.services, t.services.scoringWorker, { day, owner: 'stopping', signal: stopping.signal })).rejects.toThrow('stopped');
    } finally {
      ScorerService.prototype.scoreContacts = real;
    }
    const handedBack = (await t.db.dataSource.query("SELECT part, status, owner, position, result FROM job_part WHERE job = 'daily' AND day = ? AND position IS NOT NULL", [day]));
    expect(handedBack).toHaveLength(1);
    expect(handedBack[0]).toMatchObject({ status: 'pending', owner: null });
    const summary = await runDailyJob(t.services, t.services.scoringWorker, { day, owner: 'next' });
    expect(summary.contactsRescored).toBe(contacts);
    expect((await partsOf(day)).find((p: { part: string }) => p.part === handedBack[0].part)).toMatchObject({ status: 'done', owner: 'next', attempts: 2 });
  });

  it('reads --as-of from the command line and refuses anything else', () => {
    expect(parseDailyJobArgs(['--as-of', '2026-11-01'])).toEqual({ asOf: '2026-11-01' });
    expect(parseDailyJobArgs(['--as-of=2026-11-01'])).toEqual({ asOf: '2026-11-01' });
    expect(parseDailyJobArgs([])).toEqual({ asOf: null });
    expect(() => parseDailyJobArgs(['--asof', '2026-11-01'])).toThrow('unknown argument');
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
