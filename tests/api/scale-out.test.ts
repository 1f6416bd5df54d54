import { randomUUID } from 'node:crypto';
import { bearer, buildWorld, login, shareArticle, TestApp } from '../../server/src/testing/test-app';
import { testDatabaseServerUrl } from '../../server/src/testing/test-database';
import { BuiltServer, prepareProcessTest, type ProcessTestGround, startBuiltServer } from './built-server';

const API_PROCESSES = 4;
const WORKER_PROCESSES = 2;
const CUSTOMERS = 60;
const serverUrl = testDatabaseServerUrl();

/**
 * Issue 15 item 6, the layout docs/scale-out.md describes: four API processes (PROCESS_ROLE=api;
 * this test plays the load balancer, sending each request to the next one) and two worker
 * processes (PROCESS_ROLE=worker) that take the touchpoints from the database table and run the
 * daily job. Every batch is also sent a second time to another API process, as a client whose
 * answer was lost does. Needs a database server: skipped on the embedded SQLite.
 */
(serverUrl ? describe : describe.skip)('4 API and 2 worker processes on one MariaDB database (skipped without TEST_DATABASE_URL)', () => {
  let ground: ProcessTestGround;
  let env: Record<string, string>;
  let rows: ProcessTestGround['rows'];
  let apis: BuiltServer[] = [];
  let workers: BuiltServer[] = [];

  beforeAll(async () => {
    ground = await prepareProcessTest(serverUrl as string, 'kejing-scaleout', { DAILY_JOB_HOUR: '0', DAILY_JOB_CHECK_MS: '1000', SCORING_POLL_MS: '200' });
    ({ env, rows } = ground);
    [apis, workers] = await Promise.all([
      Promise.all(Array.from({ length: API_PROCESSES }, () => startBuiltServer({ ...env, PROCESS_ROLE: 'api' }))),
      Promise.all(Array.from({ length: WORKER_PROCESSES }, () => startBuiltServer({ ...env, PROCESS_ROLE: 'worker' }, /worker started/))),
    ]);
  }, 180_000);

  afterAll(() => ground?.close([...apis, ...workers]), 60_000);

  const logs = () => [...apis, ...workers].map((s) => s.output().split('\n').filter((l) => !l.includes('"level":"info"')).join('\n').slice(-1500)).join('\n---\n');

  it('events spread over the API processes: each stored once, no stage move twice, at most one active follow-up per contact, the daily job once', async () => {
    const on = (i: number) => ({ http: (apis[i % API_PROCESSES] as BuiltServer).http, config: { adminBootstrapToken: env.ADMIN_BOOTSTRAP_TOKEN } }) as unknown as TestApp;
    const world = await buildWorld(on(0));
    const shareId = await shareArticle(on(1), world);
    const steps: { type: string; depthPct?: number; dwellMs?: number }[][] = [
      [{ type: 'read_progress', depthPct: 40, dwellMs: 20_000 }],
      [{ type: 'read_progress', depthPct: 80, dwellMs: 90_000 }, { type: 'read_complete', depthPct: 100, dwellMs: 120_000 }],
      [{ type: 'consult_tap' }, { type: 'forward' }],
    ];
    let sent = 0;
    const send = async (i: number, token: string, batch: object) => {
      for (let attempt = 0; ; attempt += 1) {
        const res = await on(i + attempt).http.post('/api/events').set(bearer(token)).send(batch);
        if (res.status === 200) return;
        if (res.status < 500 || attempt >= 3) throw new Error(`events: ${res.status} ${JSON.stringify(res.body)}\n${logs()}`);
      }
    };
    const customer = async (i: number) => {
      const token = (await login(on(i), `scale-${i}`)).token;
      await on(i + 1).http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(token)).expect(200);
      for (const [k, step] of steps.entries()) {
        const now = Date.now();
        const batch = { sentAtDeviceMs: now, events: step.map((e) => ({ clientEventId: randomUUID(), shareId, createdAtDeviceMs: now, ...e })) };
        sent += step.length;
        // To one API process, then the same batch again to the next (its answer "lost"): stored once.
        await send(i + k, token, batch);
        await send(i + k + 1, token, batch);
      }
    };
    for (let i = 0; i < CUSTOMERS; i += 20) {
      // Half-way the day's run falls due: both workers reach for it while touchpoints keep arriving.
      if (i === 20) await ground.db.query("DELETE FROM job_cursor WHERE name = 'daily-job'");
      await Promise.all(Array.from({ length: 20 }, (_, j) => customer(i + j)));
    }

    const deadline = Date.now() + 45_000;
    for (;;) {
      const [unscored] = await rows<{ n: number }>('SELECT COUNT(*) AS n FROM touchpoint_event WHERE scored = 0');
      const [day] = await rows<{ n: number }>("SELECT COUNT(*) AS n FROM job_day WHERE job = 'daily' AND done_at_ms IS NOT NULL");
      if (Number(unscored?.n) === 0 && Number(day?.n) === 1) break;
      if (Date.now() > deadline) throw new Error(`not settled: ${unscored?.n} unscored, ${day?.n} days done\n${logs()}`);
      await new Promise((r) => setTimeout(r, 250));
    }

    const [stored] = await rows<{ n: number }>("SELECT COUNT(*) AS n FROM touchpoint_event WHERE type <> 'open'");
    const storedTwice = await rows('SELECT contact_id, client_event_id FROM touchpoint_event GROUP BY contact_id, client_event_id HAVING COUNT(*) > 1');
    const movedTwice = await rows('SELECT contact_id FROM contact_stage_change GROUP BY contact_id, from_stage, to_stage, at_ms, event_id HAVING COUNT(*) > 1');
    const [moves] = await rows<{ n: number }>('SELECT COUNT(*) AS n FROM contact_stage_change');
    const doubleTasks = await rows("SELECT contact_id FROM follow_up_task WHERE status IN ('open', 'snoozed') GROUP BY contact_id HAVING COUNT(*) > 1");
    const [open] = await rows<{ n: number }>("SELECT COUNT(*) AS n FROM follow_up_task WHERE status = 'open'");
    const days = await rows("SELECT day FROM job_day WHERE job = 'daily'");
    const parts = await rows<{ status: string; owner: string }>("SELECT status, owner FROM job_part WHERE job = 'daily'");
    const snapshots = await rows('SELECT DISTINCT day FROM kyb134_agent_day');
    process.stdout.write(`4 API + 2 worker processes: ${sent} events sent twice each, ${stored?.n} stored; stage moves ${moves?.n}; open tasks ${open?.n}; daily job days ${days.length}, parts ${parts.length} by ${new Set(parts.map((p) => p.owner.split(':').slice(0, 2).join(':'))).size} processes\n`);

    expect(Number(stored?.n)).toBe(sent);
    expect(storedTwice).toEqual([]);
    expect(movedTwice).toEqual([]);
    expect(Number(moves?.n)).toBeGreaterThanOrEqual(CUSTOMERS * 2);
    expect(doubleTasks).toEqual([]);
    expect(Number(open?.n)).toBeGreaterThan(0);
    expect(days).toHaveLength(1);
    expect(parts.every((p) => p.status === 'done')).toBe(true);
    expect(snapshots).toHaveLength(1);
    // Only the workers score and run the daily job: no API process logs the day's summary.
    for (const s of apis) expect(s.output()).not.toMatch(/"msg":"daily job done"/);
    expect(workers.reduce((n, s) => n + (s.output().match(/"msg":"daily job done"/g)?.length ?? 0), 0)).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
