import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../server/src/db/data-source';
import { createLogger } from '../../server/src/lib/logger';
import { activeContactIdFor, FollowUpTask } from '../../server/src/modules/tasks/follow-up-task.entity';
import { buildServices, Services } from '../../server/src/services';
import { bearer, buildWorld, login, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

/**
 * Two scorers (each with its own connection pool, as two server processes have) scoring the same
 * contacts at the same moment, on SQLite and on MariaDB as TEST_DATABASE_URL says.
 */
describe('scoring a contact is exclusive across processes', () => {
  let t: TestApp;
  let world: World;
  let shareId: string;
  let second: DataSource;
  let other: Services;
  const customers: { token: string; contactId: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, { sqliteFile: true });
    world = await buildWorld(t);
    shareId = await shareArticle(t, world);
    second = await openDatabase(t.db.url ? { url: t.db.url } : { url: null, sqlitePath: t.db.sqlitePath });
    other = buildServices(t.config, second, t.clock, createLogger('error'));
    for (let i = 0; i < 30; i += 1) {
      const token = (await login(t, `concurrent-${i}`)).token;
      const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(token)).expect(200)).body.contactId as string;
      customers.push({ token, contactId });
    }
  });
  afterAll(async () => {
    await second.destroy();
    await t.close();
  });

  /** What a scoring worker does: a batch that failed (lock wait, busy file) is tried again. */
  async function scoreUntilDone(s: Services, ids: string[]): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await s.scorer.scoreContacts(ids);
        return;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }

  it('each stage move is recorded once and each contact has at most one active follow-up', async () => {
    const steps: { type: string; depthPct?: number; dwellMs?: number }[][] = [
      [{ type: 'open' }],
      [{ type: 'read_progress', depthPct: 70, dwellMs: 60_000 }],
      [{ type: 'read_complete', depthPct: 100, dwellMs: 120_000 }, { type: 'consult_tap' }],
      [{ type: 'forward' }],
    ];
    for (const step of steps) {
      t.clock.advance(60_000);
      for (const c of customers) {
        await t.http.post('/api/events').set(bearer(c.token)).send({
          sentAtDeviceMs: t.clock.nowMs(),
          events: step.map((e) => ({ clientEventId: randomUUID(), shareId, createdAtDeviceMs: t.clock.nowMs(), ...e })),
        }).expect(200);
      }
      const ids = customers.map((c) => c.contactId);
      // Overlapping batches in opposite orders, as two processes told of the same contacts would take them.
      await Promise.all([scoreUntilDone(t.services, ids), scoreUntilDone(other, [...ids].reverse()), scoreUntilDone(other, ids.slice(10, 20))]);
    }
    const twice = await t.db.dataSource.query(
      `SELECT contact_id, to_stage, at_ms, COUNT(*) AS n FROM contact_stage_change
        GROUP BY contact_id, from_stage, to_stage, at_ms, event_id HAVING COUNT(*) > 1`,
    );
    expect(twice).toEqual([]);
    const moves = Number((await t.db.dataSource.query('SELECT COUNT(*) AS n FROM contact_stage_change'))[0].n);
    expect(moves).toBeGreaterThanOrEqual(customers.length * 2);
    const doubleTasks = await t.db.dataSource.query(
      "SELECT contact_id, COUNT(*) AS n FROM follow_up_task WHERE status IN ('open', 'snoozed') GROUP BY contact_id HAVING COUNT(*) > 1",
    );
    expect(doubleTasks).toEqual([]);
    expect(Number((await t.db.dataSource.query("SELECT COUNT(*) AS n FROM touchpoint_event WHERE scored = 0"))[0].n)).toBe(0);
  });

  it('the database itself refuses a second active follow-up for a contact, and allows a new one once the first is closed', async () => {
    const contactId = (customers[0] as { contactId: string }).contactId;
    const repo = t.db.dataSource.getRepository(FollowUpTask);
    await repo.delete({ contactId });
    const task = (status: 'open' | 'snoozed' | 'done') => ({
      id: randomUUID(), agentId: (world.people.a as { staffId: string }).staffId, contactId, triggerKey: `test:${randomUUID()}`, ruleId: 'test',
      action: '跟进', suggestedMessage: '您好', dueAtMs: t.clock.nowMs(), priority: 3, status, snoozedUntilMs: null, doneAtMs: null, because: [],
      createdAtMs: t.clock.nowMs(), activeContactId: activeContactIdFor(status, contactId),
    });
    const first = task('open');
    await repo.insert(first);
    await expect(repo.insert(task('snoozed'))).rejects.toThrow();
    await repo.insert(task('done'));
    const agentA = bearer((world.people.a as { token: string }).token);
    await t.http.post(`/api/tasks/${first.id}/done`).set(agentA).expect(200);
    await repo.insert(task('open'));
    // A writer that closes a task but forgets its mark does not bar the contact from its next follow-up.
    await repo.update({ contactId, status: 'open' }, { status: 'dismissed' });
    const { token } = customers[0] as { token: string };
    await t.http.post('/api/events').set(bearer(token)).send({
      sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), shareId, type: 'consult_tap', createdAtDeviceMs: t.clock.nowMs() }],
    }).expect(200);
    await t.services.scorer.scoreContacts([contactId]);
    expect(Number((await t.db.dataSource.query("SELECT COUNT(*) AS n FROM follow_up_task WHERE contact_id = ? AND status = 'open'", [contactId]))[0].n)).toBe(1);
  });
});
