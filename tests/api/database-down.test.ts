import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import type { TouchpointEventInput } from '@kejing/shared';
import { bearer, buildWorld, login, shareArticle, startTestApp, TestApp } from '../../server/src/testing/test-app';

/**
 * The database stops answering writes: another session holds an exclusive lock on the events
 * (SQLite: BEGIN EXCLUSIVE on the file; MySQL: LOCK TABLES … WRITE). Ingestion must answer 503
 * with Retry-After, acknowledge nothing it has not committed, and store each retried event once.
 */
describe('ingestion while the database is unavailable', () => {
  let t: TestApp;
  let viewer: string;
  let shareId: string;
  let release: () => Promise<void>;
  beforeAll(async () => {
    t = await startTestApp({}, { sqliteFile: true });
    const world = await buildWorld(t);
    shareId = await shareArticle(t, world);
    viewer = (await login(t, 'offline-customer')).token;
    await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(viewer)).expect(200);
  });
  afterAll(() => t.close());

  async function lockEvents(): Promise<() => Promise<void>> {
    if (t.db.kind === 'sqlite') {
      const other = new Database(t.db.sqlitePath as string);
      other.exec('BEGIN EXCLUSIVE');
      return async () => {
        other.exec('COMMIT');
        other.close();
      };
    }
    const other = await createConnection({ uri: t.db.url as string });
    await other.query('LOCK TABLES touchpoint_event WRITE');
    return async () => {
      await other.query('UNLOCK TABLES');
      await other.end();
    };
  }

  const batch = (n: number): TouchpointEventInput[] =>
    Array.from({ length: n }, () => ({ clientEventId: randomUUID(), type: 'read_progress', shareId, depthPct: 50, dwellMs: 1000, createdAtDeviceMs: t.clock.nowMs() }));
  const send = (events: TouchpointEventInput[]) => t.http.post('/api/events').set(bearer(viewer)).send({ sentAtDeviceMs: t.clock.nowMs(), events });
  const stored = async () => Number((await t.db.dataSource.query('SELECT COUNT(*) AS n FROM touchpoint_event WHERE type = ?', ['read_progress']))[0].n);

  it('answers 503 with Retry-After within 2 s, then stores every retried event exactly once', async () => {
    const acknowledgedBefore = batch(20);
    expect((await send(acknowledgedBefore).expect(200)).body.stored).toBe(20);

    release = await lockEvents();
    const pending = [batch(10), batch(10), batch(10)];
    const started = Date.now();
    const replies = await Promise.all(pending.map((b) => send(b)));
    const elapsed = Date.now() - started;
    await release();

    expect(replies.map((r) => r.status)).toEqual([503, 503, 503]);
    for (const r of replies) {
      expect(r.headers['retry-after']).toBeDefined();
      expect(r.body.error.code).toBe('database_unavailable');
      expect(JSON.stringify(r.body)).not.toMatch(/SQLITE|ER_|lock|sql/i);
    }
    expect(elapsed).toBeLessThan(2000);

    // The client retries what was not acknowledged (a write may still have landed late).
    for (const b of pending) {
      const retry = await send(b).expect(200);
      expect(retry.body.stored + retry.body.duplicates).toBe(10);
    }
    // And a retry of what was acknowledged changes nothing.
    expect((await send(acknowledgedBefore).expect(200)).body).toMatchObject({ stored: 0, duplicates: 20 });
    const expected = 20 + 30;
    const found = await stored();
    process.stdout.write(`database-down (${t.db.kind}): 3 batches refused with 503 in ${elapsed} ms; rows expected ${expected}, found ${found}\n`);
    expect(found).toBe(expected);
  });
});
