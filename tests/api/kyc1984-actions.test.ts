import { randomUUID } from 'node:crypto';
import type { ContactDetailView, ContactSummaryView, GridCountsView, Page } from '@kejing/shared';
import { runDailyJob } from '../../server/src/jobs/daily-job';
import { bearer, buildWorld, login, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const DAY_MS = 24 * 3600_000;

describe('agent-logged actions, contact lists and the daily job', () => {
  let t: TestApp;
  let world: World;
  let contactId: string;
  const agentA = () => bearer((world.people.a as { token: string }).token);
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    const shareId = await shareArticle(t, world);
    const customer = (await login(t, 'actions-customer')).token;
    contactId = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(customer)).expect(200)).body.contactId;
    await t.http.post('/api/events').set(bearer(customer)).send({
      sentAtDeviceMs: t.clock.nowMs(),
      events: [
        { clientEventId: randomUUID(), shareId, type: 'open', createdAtDeviceMs: t.clock.nowMs() },
        { clientEventId: randomUUID(), shareId, type: 'read_progress', depthPct: 60, dwellMs: 60_000, createdAtDeviceMs: t.clock.nowMs() },
      ],
    }).expect(200);
    await t.services.scoringWorker.drain();
  });
  afterAll(() => t.close());

  const detail = async () => (await t.http.get(`/api/contacts/${contactId}`).set(agentA()).expect(200)).body as ContactDetailView;
  const logAction = (type: string, clientEventId = randomUUID()) =>
    t.http.post(`/api/contacts/${contactId}/actions`).set(agentA()).send({ clientEventId, type, note: '电话沟通了重疾险方案' });

  it('moves the stage on the agent\'s offline actions, and stores a retried action once', async () => {
    expect((await detail()).stage).toBe(3);
    const proposal = randomUUID();
    expect((await logAction('proposal_made', proposal).expect(201)).body).toEqual({ stored: true });
    expect((await logAction('proposal_made', proposal).expect(201)).body).toEqual({ stored: false });
    await t.services.scoringWorker.drain();
    expect((await detail()).stage).toBe(6);
    t.clock.advance(60_000);
    await logAction('proposal_delivered').expect(201);
    t.clock.advance(60_000);
    await logAction('policy_signed').expect(201);
    await t.services.scoringWorker.drain();
    expect(await detail()).toMatchObject({ stage: 8, outcome: 'won' });
    const moves = await t.db.dataSource.query('SELECT from_stage, to_stage, outcome FROM contact_stage_change WHERE contact_id = ? ORDER BY at_ms, to_stage', [contactId]);
    expect(moves.map((m: { to_stage: number }) => Number(m.to_stage))).toEqual(expect.arrayContaining([3, 6, 7, 8]));
  });

  it('refuses an action on another agent\'s contact as not found, and an unknown action type with the field', async () => {
    await t.http.post(`/api/contacts/${contactId}/actions`).set(bearer((world.people.b as { token: string }).token)).send({ clientEventId: randomUUID(), type: 'call' }).expect(404);
    const res = await logAction('teleport').expect(400);
    expect(res.body.error.details[0].field).toBe('type');
  });

  it('lists contacts by cell and stage and counts them on the grid', async () => {
    const me = await detail();
    const byCell = (await t.http.get(`/api/contacts?cell=${me.cell}`).set(agentA()).expect(200)).body as Page<ContactSummaryView>;
    expect(byCell.items.map((c) => c.contactId)).toContain(contactId);
    const otherCell = me.cell === 'low-low' ? 'high-high' : 'low-low';
    const none = (await t.http.get(`/api/contacts?cell=${otherCell}`).set(agentA()).expect(200)).body as Page<ContactSummaryView>;
    expect(none.items.map((c) => c.contactId)).not.toContain(contactId);
    const byStage = (await t.http.get(`/api/contacts?stage=${me.stage}`).set(agentA()).expect(200)).body as Page<ContactSummaryView>;
    expect(byStage.total).toBeGreaterThanOrEqual(1);
    const grid = (await t.http.get('/api/contacts/grid').set(agentA()).expect(200)).body as GridCountsView;
    expect(grid.cells[me.cell]).toBeGreaterThanOrEqual(1);
    expect(Object.values(grid.cells).reduce((a, b) => a + b, 0)).toBe(Object.values(grid.stages).reduce((a, b) => a + b, 0));
    await t.http.get('/api/contacts?cell=middle').set(agentA()).expect(400);
    await t.http.get('/api/contacts?pageSize=101').set(agentA()).expect(400);
  });

  it('steps an open contact back one stage after 30 silent days in the daily job, never below 1', async () => {
    const shareId = await shareArticle(t, world);
    const customer = (await login(t, 'silent-customer')).token;
    const silentId = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(customer)).expect(200)).body.contactId as string;
    await t.http.post('/api/events').set(bearer(customer)).send({
      sentAtDeviceMs: t.clock.nowMs(),
      events: [{ clientEventId: randomUUID(), shareId, type: 'read_progress', depthPct: 70, dwellMs: 60_000, createdAtDeviceMs: t.clock.nowMs() }],
    }).expect(200);
    await t.services.scoringWorker.drain();
    const stageOf = async () => Number((await t.db.dataSource.query('SELECT stage FROM contact WHERE id = ?', [silentId]))[0].stage);
    expect(await stageOf()).toBe(3);
    t.clock.advance(31 * DAY_MS);
    const summary = await runDailyJob(t.services, t.services.scoringWorker);
    // Only contacts whose stage or cell changes today are rechecked: the silent one is; the won deal is not.
    expect(summary.contactsRescored).toBeGreaterThanOrEqual(1);
    expect(await stageOf()).toBe(2);
    t.clock.advance(200 * DAY_MS);
    await runDailyJob(t.services, t.services.scoringWorker);
    expect(await stageOf()).toBe(1);
    // A won deal does not step back (read from the table: the test's sessions have expired by now).
    const won = (await t.db.dataSource.query('SELECT stage, outcome FROM contact WHERE id = ?', [contactId]))[0];
    expect([Number(won.stage), won.outcome]).toEqual([8, 'won']);
  });
});
