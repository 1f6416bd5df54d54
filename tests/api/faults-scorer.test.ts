import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import type { ContactDetailView } from '@kejing/shared';
import { bearer, buildWorld, login, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

describe('scorer stopped while events keep arriving', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000);
  afterAll(async () => {
    await t.services.scoringWorker.stop();
    await t.close();
  });

  const agent = () => bearer(world.people.a?.token as string);
  async function reader(code: string) {
    const shareId = await shareArticle(t, world);
    const token = (await login(t, code)).token;
    const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(token)).expect(200)).body.contactId as string;
    const send = (type: string, extra: object = {}) => t.http.post('/api/events').set(bearer(token))
      .send({ sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), shareId, type, createdAtDeviceMs: t.clock.nowMs(), ...extra }] });
    return { contactId, send };
  }
  const scores = async (contactId: string) => {
    const d = (await t.http.get(`/api/contacts/${contactId}`).set(agent()).expect(200)).body as ContactDetailView;
    return { trust: d.trust, intent: d.intent, cell: d.cell, stage: d.stage, referralClass: d.referralClass, tags: d.tags };
  };
  const steps: [string, object][] = [['open', {}], ['read_progress', { depthPct: 30, dwellMs: 20_000 }], ['card_view', {}], ['read_progress', { depthPct: 95, dwellMs: 150_000 }], ['consult_tap', {}]];

  it('ingestion is unaffected, and after the restart the scores equal those of a scorer that never stopped', async () => {
    t.services.scoringWorker.start(t.services.changes);
    const live = await reader('scorer-live');
    for (const [type, extra] of steps) {
      await live.send(type, extra).expect(200);
      await t.services.scoringWorker.drain();
    }

    await t.services.scoringWorker.stop();
    const stopped = await reader('scorer-stopped');
    const started = Date.now();
    const statuses = [];
    for (const [type, extra] of steps) statuses.push((await stopped.send(type, extra)).status);
    const ingestMs = Date.now() - started;
    const unscored = Number((await t.db.dataSource.query('SELECT COUNT(*) AS n FROM touchpoint_event WHERE contact_id = ? AND scored = ?', [stopped.contactId, false]))[0].n);
    expect(statuses).toEqual(steps.map(() => 200));
    expect(unscored).toBe(steps.length);

    // Restart: the worker finds the unscored touchpoints itself (no notice was heard while it was down).
    t.services.scoringWorker.start(t.services.changes);
    await t.services.scoringWorker.drain();
    const [a, b] = [await scores(live.contactId), await scores(stopped.contactId)];
    process.stdout.write(`scorer stopped: ${steps.length} events ingested while down in ${ingestMs} ms (all 200), ${unscored} waited unscored; after restart ${JSON.stringify(b)} vs never-stopped ${JSON.stringify(a)}\n`);
    expect(b).toEqual(a);
    expect(a.trust + a.intent).toBeGreaterThan(0);
  });

  it('a deadlock in the scoring transaction is run again at once: nothing is left unscored for the next poll', async () => {
    const r = await reader('scorer-deadlock');
    await r.send('read_progress', { depthPct: 80, dwellMs: 60_000 }).expect(200);
    const dataSource = t.db.dataSource;
    const original = dataSource.transaction.bind(dataSource);
    let deadlocks = 0;
    // The first scoring transaction loses a deadlock, as InnoDB reports it through TypeORM.
    const spy = jest.spyOn(dataSource, 'transaction').mockImplementation(((...args: Parameters<typeof original>) => {
      if (deadlocks === 0) {
        deadlocks += 1;
        return Promise.reject(new QueryFailedError('UPDATE touchpoint_event …', [], Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 })));
      }
      return original(...args);
    }) as typeof original);
    try {
      await t.services.scorer.scoreContacts([r.contactId]);
    } finally {
      spy.mockRestore();
    }
    const unscored = Number((await t.db.dataSource.query('SELECT COUNT(*) AS n FROM touchpoint_event WHERE contact_id = ? AND scored = ?', [r.contactId, false]))[0].n);
    expect(deadlocks).toBe(1);
    expect(unscored).toBe(0);
  });
});
