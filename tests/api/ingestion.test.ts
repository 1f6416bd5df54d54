import { randomUUID } from 'node:crypto';
import type { IngestEventsResponse, TouchpointEventInput } from '@kejing/shared';
import { bearer, buildWorld, login, shareArticle, startTestApp, TestApp, TEST_NOW, World } from '../../server/src/testing/test-app';

describe('touchpoint ingestion (POST /api/events)', () => {
  let t: TestApp;
  let world: World;
  let shareId: string;
  let viewer: string;
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    shareId = await shareArticle(t, world);
    viewer = (await login(t, 'customer-ingest')).token;
    await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(viewer)).expect(200);
    // The share has existed for a day when the events below arrive (none may be dated before it).
    t.clock.advance(24 * 3600_000);
  });
  afterAll(() => t.close());

  const event = (overrides: Partial<TouchpointEventInput> = {}): TouchpointEventInput => ({
    clientEventId: randomUUID(), type: 'read_progress', shareId, createdAtDeviceMs: TEST_NOW - 1000, depthPct: 40, dwellMs: 12_000, ...overrides,
  });
  const send = (events: unknown[], sentAtDeviceMs = TEST_NOW, token = viewer) =>
    t.http.post('/api/events').set(bearer(token)).send({ sentAtDeviceMs, events });
  const countRows = async (where = '1 = 1', params: unknown[] = []) =>
    Number((await t.db.dataSource.query(`SELECT COUNT(*) AS n FROM touchpoint_event WHERE ${where}`, params))[0].n);

  it('stores a replayed batch once: 1,000 events sent twice, plus concurrent replays, give exactly 1,000 rows', async () => {
    const before = await countRows();
    const events = Array.from({ length: 1000 }, (_, i) => event({ depthPct: i % 101 }));
    const batches = Array.from({ length: 10 }, (_, i) => events.slice(i * 100, i * 100 + 100));
    const first = await Promise.all(batches.map((b) => send(b).expect(200)));
    expect(first.reduce((n, r) => n + (r.body as IngestEventsResponse).stored, 0)).toBe(1000);
    const second = await Promise.all(batches.map((b) => send(b).expect(200)));
    expect(second.reduce((n, r) => n + (r.body as IngestEventsResponse).duplicates, 0)).toBe(1000);
    // Five clients replaying every batch at once: the unique key, not a read-then-write, decides.
    const storm = await Promise.all(Array.from({ length: 5 }, () => batches.map((b) => send(b))).flat());
    expect(storm.every((r) => r.status === 200 && r.body.stored === 0)).toBe(true);
    expect((await countRows()) - before).toBe(1000);
  });

  it('stores a fresh batch raced by concurrent copies of itself exactly once', async () => {
    const before = await countRows();
    const batch = Array.from({ length: 50 }, () => event());
    const replies = await Promise.all(Array.from({ length: 8 }, () => send(batch).expect(200)));
    const stored = replies.reduce((n, r) => n + (r.body as IngestEventsResponse).stored, 0);
    expect(stored).toBe(50);
    expect((await countRows()) - before).toBe(50);
  });

  it('concurrent group commits of replayed ids across many readers never answer 500, and store every event once', async () => {
    // Many readers' batches, each sent several times in shuffled order at once: on InnoDB the
    // INSERT IGNOREs of different commits take the unique key's gap locks in different orders.
    const readers = await Promise.all(Array.from({ length: 12 }, async (_, r) => {
      const token = (await login(t, `deadlock-reader-${r}`)).token;
      await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(token)).expect(200);
      return { token, events: Array.from({ length: 60 }, () => event()) };
    }));
    const before = await countRows();
    // The scorer runs beside ingestion as in production, marking touchpoints while commits insert.
    t.services.scoringWorker.start(t.services.changes);
    const shuffled = <T>(xs: T[], seed: number) => xs.map((x, i) => ({ x, k: (i * 7919 + seed * 104_729) % 997 })).sort((a, b) => a.k - b.k).map((e) => e.x);
    const statuses: number[] = [];
    let retryAfterMissing = 0;
    for (let round = 0; round < 25; round++) {
      const sends = readers.flatMap((reader, r) => Array.from({ length: 4 }, (_, copy) => {
        const batch = shuffled(reader.events, round * 31 + r * 7 + copy).slice(0, 30 + ((copy * 11) % 30));
        return send(batch, TEST_NOW, reader.token);
      }));
      for (const res of await Promise.all(sends)) {
        statuses.push(res.status);
        if (res.status === 503 && !res.headers['retry-after']) retryAfterMissing += 1;
      }
    }
    await t.services.scoringWorker.stop();
    // Whatever answered 503 is what a client sends again; afterwards every event is there once.
    for (const reader of readers) await send(reader.events, TEST_NOW, reader.token).expect(200);
    const byStatus = statuses.reduce<Record<number, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});
    process.stdout.write(`replayed group commits (${t.db.kind}): ${statuses.length} requests → ${JSON.stringify(byStatus)}\n`);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(retryAfterMissing).toBe(0);
    expect((await countRows()) - before).toBe(readers.length * 60);
    const dup = await t.db.dataSource.query('SELECT client_event_id, COUNT(*) AS n FROM touchpoint_event GROUP BY contact_id, client_event_id HAVING COUNT(*) > 1');
    expect(dup).toEqual([]);
  }, 120_000);

  it('reports an invalid item by position and stores the valid ones', async () => {
    const before = await countRows();
    const res = await send([
      event(),
      event({ depthPct: 140 }),
      event({ type: 'teleport' as never }),
      { ...event(), sneaky: true },
      event({ clientEventId: 'not-a-uuid' }),
      event({ shareId: `${shareId.slice(0, -2)}xx` }),
      event({ type: 'lead_submit' }),
      event(),
    ]).expect(200);
    const body = res.body as IngestEventsResponse;
    expect(body.stored).toBe(2);
    expect(body.invalid.map((e) => [e.index, e.field])).toEqual([
      [1, 'depthPct'], [2, 'type'], [3, 'sneaky'], [4, 'clientEventId'], [5, 'shareId'], [6, 'type'],
    ]);
    expect(body.invalid.every((e) => typeof e.reason === 'string' && e.reason.length > 0)).toBe(true);
    expect((await countRows()) - before).toBe(2);
  });

  const storedAt = async (clientEventId: string) =>
    Number((await t.db.dataSource.query('SELECT occurred_at_ms AS t FROM touchpoint_event WHERE client_event_id = ?', [clientEventId]))[0].t);

  it('corrects device clock skew: stored time = received − (sent − created)', async () => {
    const id = randomUUID();
    // The phone's clock is 3 hours fast; the event happened 5 s before the batch was sent.
    const phoneNow = t.clock.nowMs() + 3 * 3600_000;
    await send([event({ clientEventId: id, createdAtDeviceMs: phoneNow - 5000 })], phoneNow).expect(200);
    expect(await storedAt(id)).toBe(t.clock.nowMs() - 5000);
  });

  it.each([
    ['sentAtDeviceMs 1e15 (stored in the year −29605 before)', 1e15, () => TEST_NOW],
    ['an event created 25 hours after its batch was sent', TEST_NOW, () => TEST_NOW + 25 * 3600_000],
    ['an event created an hour after its batch was sent', TEST_NOW, () => TEST_NOW + 3600_000],
    ['an interval reaching back before the share existed', TEST_NOW, () => TEST_NOW - 2 * 24 * 3600_000],
    ['an interval of thirty days', TEST_NOW, () => TEST_NOW - 30 * 24 * 3600_000],
  ])('dates an event at its arrival when the device clock is implausible: %s', async (_what, sentAtDeviceMs, created) => {
    const id = randomUUID();
    const res = await send([event({ clientEventId: id, createdAtDeviceMs: created() })], sentAtDeviceMs).expect(200);
    expect(res.body).toMatchObject({ stored: 1, invalid: [] });
    expect(await storedAt(id)).toBe(t.clock.nowMs());
  });

  it.each([
    ['more than 100 events', () => Array.from({ length: 101 }, () => event())],
    ['an event over 32 KB', () => [{ ...event(), padding: 'x'.repeat(33 * 1024) }]],
    ['a body over 500 KB', () => Array.from({ length: 100 }, () => ({ ...event(), padding: 'x'.repeat(6 * 1024) }))],
  ])('answers 413 to %s and stores nothing', async (_what, make) => {
    const before = await countRows();
    const res = await send(make());
    expect(res.status).toBe(413);
    expect(res.body.error.code).toMatch(/too_large/);
    expect(await countRows()).toBe(before);
  });

  it('answers 400 with the field when the envelope is wrong', async () => {
    const res = await t.http.post('/api/events').set(bearer(viewer)).send({ events: 'nope' }).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['events', 'sentAtDeviceMs']);
  });

  it('answers 401 without a session', async () => {
    await t.http.post('/api/events').send({ sentAtDeviceMs: TEST_NOW, events: [] }).expect(401);
  });
});
