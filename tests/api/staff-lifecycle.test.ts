import { randomUUID } from 'node:crypto';
import type {
  ContactDetailView, ContactSummaryView, DeactivatedStaffView, HandoverResultView, NoticeListView, OverdueFollowUpsView, Page, PersonaTemplateView, PoolContactView, PoolMoveView,
  RadarItemView, StaffMemberView, TaskView,
} from '@kejing/shared';
import { runDailyJob } from '../../server/src/jobs/daily-job';
import { adminAuth, bearer, bindStaff, buildWorld, openAndRead, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const DAY_MS = 24 * 3600_000;

describe('staff lifecycle, handover and the team pool (公海)', () => {
  let t: TestApp;
  let world: World;
  const as = (key: string) => bearer((world.people[key] as { token: string }).token);
  beforeAll(async () => {
    t = await startTestApp({ pool: { claimsPerDay: 2, takeBackAfterDays: 14 } });
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const rows = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params) as Promise<Record<string, unknown>[]>;
  const count = async (sql: string, params: unknown[] = []) => Number((await rows(sql, params))[0]?.n);
  const [teamX, teamY] = [0, 1];

  /** A new agent in a team, logged in and bound; registered in world.people under `key`. */
  async function hire(key: string, team = teamX): Promise<{ token: string; staffId: string; code: string }> {
    const code = `staff-${key}-${randomUUID().slice(0, 8)}`;
    const person = await bindStaff(t, adminAuth(world), { name: `员工${key}`, role: 'agent', orgUnitId: world.teamIds[team] }, code);
    world.people[key] = person;
    return { ...person, code };
  }

  /** A reader of agent `key`'s share who read deep (a contact with an open follow-up) and one contact entered by hand. */
  async function contactsOf(key: string): Promise<{ read: { contactId: string; token: string; shareId: string }; manual: string }> {
    const read = await openAndRead(t, world, `reader-${key}-${randomUUID().slice(0, 6)}`, key);
    await t.services.scoringWorker.drain();
    const manual = (await t.http.post('/api/contacts').set(as(key)).send({ remarkName: `${key}的老同学`, phones: [{ phone: `1380000${String(Math.floor(Math.random() * 9000) + 1000)}`, basis: 'in_person' }] }).expect(201)).body as ContactDetailView;
    await t.http.post(`/api/contacts/${read.contactId}/notes`).set(as(key)).send({ body: '孩子刚上小学，关心教育金' }).expect(201);
    return { read, manual: manual.contactId };
  }

  const contactIds = async (key: string) => ((await t.http.get('/api/contacts').set(as(key)).expect(200)).body as Page<ContactSummaryView>).items.map((c) => c.contactId).sort();

  describe('an agent who leaves', () => {
    it('hands every contact, with its history and open follow-ups, to the receiver, and refuses the leaver\'s token at once', async () => {
      const leaver = await hire('leaver1');
      await hire('receiver1');
      const { read, manual } = await contactsOf('leaver1');
      const openTasks = await count(`SELECT COUNT(*) AS n FROM follow_up_task WHERE contact_id = ? AND status = 'open'`, [read.contactId]);
      expect(openTasks).toBe(1);
      await t.http.get('/api/contacts').set(as('leaver1')).expect(200);

      const res = await t.http.post(`/api/admin/staff/${leaver.staffId}/deactivate`).set(adminAuth(world))
        .send({ receiverAgentId: world.people.receiver1?.staffId }).expect(200);
      const done = res.body as DeactivatedStaffView;
      expect(done.handover).toMatchObject({ moved: 2, skipped: [], receiverName: '员工receiver1' });
      expect(done.handover.steps).toEqual([{ step: 'contacts', moved: 2 }, { step: 'tasks', moved: 1 }, { step: 'policies', moved: 0 }]);

      // The leaver's session ended at once; logging in and binding again are refused.
      await t.http.get('/api/contacts').set(as('leaver1')).expect(401);
      expect((await t.http.post('/api/auth/login').send({ code: leaver.code }).expect(403)).body.error.code).toBe('staff_deactivated');

      expect(await contactIds('receiver1')).toEqual([read.contactId, manual].sort());
      const detail = (await t.http.get(`/api/contacts/${read.contactId}`).set(as('receiver1')).expect(200)).body as ContactDetailView;
      expect(detail.handedOverFrom).toEqual({ agentName: '员工leaver1', at: new Date(t.clock.nowMs()).toISOString() });
      expect(detail.timeline.map((i) => i.type)).toEqual(expect.arrayContaining(['read_progress', 'note']));
      expect(detail.openTasks).toHaveLength(1);
      const today = (await t.http.get('/api/tasks/today?limit=100').set(as('receiver1')).expect(200)).body.tasks as TaskView[];
      expect(today.map((task) => task.contactId)).toContain(read.contactId);
      expect(await count(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'staff.deactivated' AND subject_id = ?`, [leaver.staffId])).toBe(1);
      expect(await count(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'contacts.handover' AND subject_id = ?`, [done.handover.batchId])).toBe(1);
      expect(await count(`SELECT COUNT(*) AS n FROM contact_handover WHERE batch_id = ? AND from_agent_id = ? AND to_agent_id = ?`, [done.handover.batchId, leaver.staffId, world.people.receiver1?.staffId])).toBe(2);
    });

    it('routes a later open of the leaver\'s old share to the contact where it is now, not a new contact of the leaver', async () => {
      await hire('leaver2');
      await hire('receiver2');
      const { read } = await contactsOf('leaver2');
      await t.http.post(`/api/admin/staff/${world.people.leaver2?.staffId}/deactivate`).set(adminAuth(world)).send({ receiverAgentId: world.people.receiver2?.staffId }).expect(200);
      t.services.contactResolver.forgetViewer((await rows('SELECT viewer_user_id FROM contact WHERE id = ?', [read.contactId]))[0]?.viewer_user_id as string);
      const reopened = (await t.http.post(`/api/shares/${encodeURIComponent(read.shareId)}/open`).set(bearer(read.token)).expect(200)).body as { contactId: string };
      expect(reopened.contactId).toBe(read.contactId);
      expect(await count('SELECT COUNT(*) AS n FROM contact WHERE agent_id = ?', [world.people.leaver2?.staffId])).toBe(0);
    });

    it('refuses a receiver outside the manager\'s subtree with 400 on receiverAgentId, and changes nothing', async () => {
      const leaver = await hire('leaver3');
      await contactsOf('leaver3');
      const m1 = as('m1');
      const res = await t.http.post(`/api/admin/staff/${leaver.staffId}/deactivate`).set(m1).send({ receiverAgentId: world.people.d?.staffId }).expect(400);
      expect(res.body.error.details[0].field).toBe('receiverAgentId');
      await t.http.get('/api/contacts').set(as('leaver3')).expect(200);
      expect(await count('SELECT COUNT(*) AS n FROM contact WHERE agent_id = ?', [leaver.staffId])).toBe(2);
    });
    it('tells the receiver, not the leaver, of a 留言 left later on the leaver\'s old share', async () => {
      const leaver = await hire('leaver4');
      await hire('receiver4');
      const { read } = await contactsOf('leaver4');
      await t.http.post(`/api/admin/staff/${leaver.staffId}/deactivate`).set(adminAuth(world)).send({ receiverAgentId: world.people.receiver4?.staffId }).expect(200);
      await t.http.post('/api/card/messages').set(bearer(read.token)).send({ shareId: read.shareId, clientMessageId: randomUUID(), text: '还想再问问教育金' }).expect(201);
      const notices = (await t.http.get('/api/notifications').set(as('receiver4')).expect(200)).body as NoticeListView;
      expect(notices.items.filter((n) => n.kind === 'message')).toEqual([expect.objectContaining({ body: '还想再问问教育金', contactId: read.contactId })]);
      expect(await count(`SELECT COUNT(*) AS n FROM agent_notice WHERE agent_id = ? AND kind = 'message'`, [leaver.staffId])).toBe(0);
    });
    it('shows the receiver, on 谁看了我, the leaver\'s old-share opens of the contacts now theirs, and a giver no longer sees a contact handed away', async () => {
      const leaver = await hire('leaver5');
      await hire('receiver5');
      await hire('colleague5');
      const { read } = await contactsOf('leaver5');
      const given = await contactsOf('colleague5');
      // The reader's page records its own open (the share's /open only resolves the contact).
      for (const reader of [read, given.read]) {
        await t.http.post('/api/events').set(bearer(reader.token))
          .send({ sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), type: 'open', shareId: reader.shareId, createdAtDeviceMs: t.clock.nowMs() }] }).expect(200);
      }
      const radarOf = async (key: string) => (await t.http.get('/api/radar').set(as(key)).expect(200)).body as RadarItemView[];
      expect((await radarOf('colleague5')).map((r) => r.contactId)).toContain(given.read.contactId);

      await t.http.post(`/api/admin/staff/${leaver.staffId}/deactivate`).set(adminAuth(world)).send({ receiverAgentId: world.people.receiver5?.staffId }).expect(200);
      await t.http.post('/api/admin/handovers').set(adminAuth(world))
        .send({ fromAgentId: world.people.colleague5?.staffId, contactIds: [given.read.contactId], receiverAgentId: world.people.receiver5?.staffId }).expect(200);

      const received = await radarOf('receiver5');
      expect(received.map((r) => r.contactId).sort()).toEqual([read.contactId, given.read.contactId].sort());
      // The leaver's share, read to 80 % before the handover, as the leaver saw it.
      expect(received.find((r) => r.contactId === read.contactId)).toMatchObject({ maxDepthPct: 80, dwellMs: 60_000 });
      expect((await radarOf('colleague5')).map((r) => r.contactId)).not.toContain(given.read.contactId);
    });
  });

  describe('handover and the pool', () => {
    it('hands some contacts to the team pool: their follow-ups are dismissed and the team\'s agents see them with 移交自', async () => {
      await hire('giver4');
      const { read, manual } = await contactsOf('giver4');
      const result = (await t.http.post('/api/admin/handovers').set(adminAuth(world)).send({ fromAgentId: world.people.giver4?.staffId, contactIds: [read.contactId] }).expect(200)).body as HandoverResultView;
      expect(result).toMatchObject({ moved: 1, receiverName: '浦东一组公海' });
      expect(await contactIds('giver4')).toEqual([manual]);
      expect(await count(`SELECT COUNT(*) AS n FROM follow_up_task WHERE contact_id = ? AND status IN ('open', 'snoozed')`, [read.contactId])).toBe(0);
      const pool = (await t.http.get('/api/pool').set(as('b')).expect(200)).body as PoolContactView[];
      expect(pool.find((p) => p.contactId === read.contactId)).toMatchObject({ handedOverFromName: '员工giver4', poolName: '浦东一组公海' });
      // Another team's agent does not see it, and cannot claim it.
      expect(((await t.http.get('/api/pool').set(as('c')).expect(200)).body as PoolContactView[]).map((p) => p.contactId)).not.toContain(read.contactId);
      await t.http.post(`/api/pool/${read.contactId}/claim`).set(as('c')).expect(404);
    });

    it('keeps scoring a pooled contact whose reader comes back, plans no follow-up for nobody, and shows it to the admin but no agent\'s list', async () => {
      await hire('giver11');
      const { read } = await contactsOf('giver11');
      await t.http.post('/api/admin/handovers').set(adminAuth(world)).send({ fromAgentId: world.people.giver11?.staffId, contactIds: [read.contactId] }).expect(200);
      const [before] = await rows('SELECT trust, last_touch_at_ms FROM contact WHERE id = ?', [read.contactId]);
      t.clock.advance(2 * DAY_MS);
      await t.http.post('/api/events').set(bearer(read.token)).send({
        sentAtDeviceMs: t.clock.nowMs(),
        events: [{ clientEventId: randomUUID(), type: 'read_complete', shareId: read.shareId, depthPct: 100, dwellMs: 90_000, createdAtDeviceMs: t.clock.nowMs() }],
      }).expect(200);
      await t.services.scoringWorker.drain();
      const [after] = await rows('SELECT agent_id, trust, last_touch_at_ms FROM contact WHERE id = ?', [read.contactId]);
      expect(after?.agent_id).toBeNull();
      expect(Number(after?.last_touch_at_ms)).toBeGreaterThan(Number(before?.last_touch_at_ms));
      expect(await count(`SELECT COUNT(*) AS n FROM follow_up_task WHERE contact_id = ? AND status IN ('open', 'snoozed')`, [read.contactId])).toBe(0);
      const adminList = (await t.http.get('/api/contacts').query({ pageSize: 100 }).set(adminAuth(world)).expect(200)).body as Page<ContactSummaryView>;
      expect(adminList.items.map((c) => c.contactId)).toContain(read.contactId);
      await t.http.get(`/api/contacts/${read.contactId}`).set(adminAuth(world)).expect(200);
      for (const who of ['a', 'b', 'lx']) await t.http.get(`/api/contacts/${read.contactId}`).set(as(who)).expect(404);
      t.clock.advance(-2 * DAY_MS);
    });

    it('refuses contacts the giver does not hold with 400 on contactIds, and moves none', async () => {
      await hire('giver5');
      const { manual } = await contactsOf('giver5');
      const res = await t.http.post('/api/admin/handovers').set(adminAuth(world)).send({ fromAgentId: world.people.giver5?.staffId, contactIds: [manual, randomUUID()] }).expect(400);
      expect(res.body.error.details[0].field).toBe('contactIds');
      expect(await contactIds('giver5')).toContain(manual);
    });

    it('lets an agent claim from the team pool up to the daily limit, then refuses with 409 claim_limit_reached', async () => {
      await hire('giver6');
      await contactsOf('giver6');
      await contactsOf('giver6');
      await t.http.post('/api/admin/handovers').set(adminAuth(world)).send({ fromAgentId: world.people.giver6?.staffId }).expect(200);
      const claimer = await hire('claimer6');
      const pool = ((await t.http.get('/api/pool').set(as('claimer6')).expect(200)).body as PoolContactView[]).map((p) => p.contactId);
      expect(pool.length).toBeGreaterThanOrEqual(3);
      const first = (await t.http.post(`/api/pool/${pool[0]}/claim`).set(as('claimer6')).expect(200)).body as PoolMoveView;
      expect(first).toEqual({ contactId: pool[0], agentId: claimer.staffId, claimsLeftToday: 1 });
      await t.http.post(`/api/pool/${pool[1]}/claim`).set(as('claimer6')).expect(200);
      const refused = await t.http.post(`/api/pool/${pool[2]}/claim`).set(as('claimer6')).expect(409);
      expect(refused.body.error.code).toBe('claim_limit_reached');
      expect(await contactIds('claimer6')).toEqual([pool[0], pool[1]].sort());
      // A leader still allocates beyond the claim limit; allocations do not count as claims.
      await t.http.post(`/api/pool/${pool[2]}/allocate`).set(as('lx')).send({ agentId: claimer.staffId }).expect(200);
      expect(await contactIds('claimer6')).toHaveLength(3);
      // The next China day the limit starts again.
      expect(await count(`SELECT COUNT(*) AS n FROM contact_handover WHERE to_agent_id = ? AND kind = 'claim'`, [claimer.staffId])).toBe(2);
    });

    it('lets claims racing at the daily limit pass only up to the limit', async () => {
      await hire('giver8');
      for (let i = 0; i < 3; i += 1) await contactsOf('giver8');
      await t.http.post('/api/admin/handovers').set(adminAuth(world)).send({ fromAgentId: world.people.giver8?.staffId }).expect(200);
      await hire('claimer8');
      const pool = ((await t.http.get('/api/pool').set(as('claimer8')).expect(200)).body as PoolContactView[]).map((p) => p.contactId);
      expect(pool.length).toBeGreaterThanOrEqual(4);
      const answers = await Promise.all(pool.slice(0, 4).map((id) => t.http.post(`/api/pool/${id}/claim`).set(as('claimer8'))));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 409, 409]);
      expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'claim_limit_reached')).toBe(true);
      expect(await contactIds('claimer8')).toHaveLength(2);
    });

    it('takes a claimed contact back to the pool after N days without follow-up, judged as of the daily job\'s date', async () => {
      await hire('giver7');
      const { read, manual } = await contactsOf('giver7');
      await t.http.post('/api/admin/handovers').set(adminAuth(world)).send({ fromAgentId: world.people.giver7?.staffId }).expect(200);
      await hire('claimer7');
      await t.http.post(`/api/pool/${read.contactId}/claim`).set(as('claimer7')).expect(200);
      await t.http.post(`/api/pool/${manual}/claim`).set(as('claimer7')).expect(200);
      // One of the two is followed up (a call logged); the other is left alone.
      await t.http.post(`/api/contacts/${manual}/actions`).set(as('claimer7')).send({ clientEventId: randomUUID(), type: 'call', note: '电话问候' }).expect(201);
      const claimedAt = t.clock.nowMs();
      t.clock.set(claimedAt + 20 * DAY_MS);
      const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

      await runDailyJob(t.services, t.services.scoringWorker, { day: chinaDay(claimedAt + 10 * DAY_MS) });
      expect(await contactIds('claimer7')).toEqual([read.contactId, manual].sort());

      await runDailyJob(t.services, t.services.scoringWorker, { day: chinaDay(claimedAt + 15 * DAY_MS) });
      expect(await contactIds('claimer7')).toEqual([manual]);
      const [back] = await rows('SELECT agent_id, pool_org_unit_id FROM contact WHERE id = ?', [read.contactId]);
      expect(back).toEqual({ agent_id: null, pool_org_unit_id: world.teamIds[teamX] });
      expect(await count(`SELECT COUNT(*) AS n FROM contact_handover WHERE contact_id = ? AND kind = 'take_back' AND by_staff_id IS NULL`, [read.contactId])).toBe(1);
      t.clock.set(claimedAt);
    });
  });

  describe('staff in the admin console', () => {
    it('moves an agent to another team: their contacts go with them and the new team\'s leader sees them, the old one no longer', async () => {
      const mover = await hire('mover8');
      const { manual } = await contactsOf('mover8');
      await t.http.get(`/api/contacts/${manual}`).set(as('lx')).expect(200);
      const moved = (await t.http.patch(`/api/admin/staff/${mover.staffId}`).set(as('m1')).send({ orgUnitId: world.teamIds[teamY] }).expect(200)).body as StaffMemberView;
      expect(moved).toMatchObject({ orgUnitName: '浦东二组', contactCount: 2, deactivatedAt: null });
      await t.http.get(`/api/contacts/${manual}`).set(as('lx')).expect(404);
      await t.http.get(`/api/contacts/${manual}`).set(as('ly')).expect(200);
      expect(await count(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'staff.updated' AND subject_id = ?`, [mover.staffId])).toBe(1);
    });

    it('refuses a manager moving staff out of their subtree with 403', async () => {
      const res = await t.http.patch(`/api/admin/staff/${world.people.a?.staffId}`).set(as('m1')).send({ orgUnitId: world.teamIds[2] }).expect(403);
      expect(res.body.error.code).toBe('forbidden');
    });

    it('lists staff in the manager\'s subtree only, leavers marked', async () => {
      const list = (await t.http.get('/api/admin/staff').set(as('m1')).expect(200)).body as StaffMemberView[];
      expect(list.map((s) => s.name)).toContain('员工leaver1');
      expect(list.map((s) => s.name)).not.toContain('员工d');
      expect(list.find((s) => s.name === '员工leaver1')?.deactivatedAt).not.toBeNull();
      await t.http.get('/api/admin/staff').set(as('a')).expect(403);
    });

    it('shows a leader their members\' overdue follow-ups', async () => {
      await hire('late9');
      const { read } = await contactsOf('late9');
      const [task] = await rows(`SELECT due_at_ms FROM follow_up_task WHERE contact_id = ? AND status = 'open'`, [read.contactId]);
      t.clock.set(Number(task?.due_at_ms) + DAY_MS);
      const overdue = (await t.http.get('/api/admin/overdue-follow-ups').set(as('lx')).expect(200)).body as OverdueFollowUpsView[];
      expect(overdue.find((o) => o.agentId === world.people.late9?.staffId)).toMatchObject({ agentName: '员工late9', orgUnitName: '浦东一组', overdue: 1 });
      const other = (await t.http.get('/api/admin/overdue-follow-ups').set(as('ly')).expect(200)).body as OverdueFollowUpsView[];
      expect(other.map((o) => o.agentId)).not.toContain(world.people.late9?.staffId);
    });
  });

  describe('persona templates for the agent card', () => {
    it('serves the four templates from the server, and refuses a card naming an unknown one', async () => {
      const templates = (await t.http.get('/api/card/persona-templates').set(as('a')).expect(200)).body as PersonaTemplateView[];
      expect(templates.map((p) => p.name)).toEqual(['专业顾问', '家庭守护', '财富规划', '贴心服务']);
      const res = await t.http.put('/api/card').set(as('a')).send({ personaTemplate: 'made_up' }).expect(400);
      expect(res.body.error.details[0].field).toBe('personaTemplate');
      await t.http.put('/api/card').set(as('a')).send({ personaTemplate: 'professional' }).expect(200);
    });

    it('refuses a template with an unknown placeholder or a forbidden word, and keeps the old list', async () => {
      const admin = adminAuth(world);
      const bad = await t.http.put('/api/admin/persona-templates').set(admin).send({ templates: [{ code: 'x1', name: '新模板', introTemplate: '我是{名字}' }] }).expect(400);
      expect(bad.body.error.details[0].field).toBe('templates[0].introTemplate');
      await t.http.post('/api/operator/forbidden-words').set(as('op')).send({ word: '零风险翻倍', category: 'guaranteed_returns' }).expect(201);
      await t.http.put('/api/admin/persona-templates').set(admin).send({ templates: [{ code: 'x2', name: '稳健', introTemplate: '我是{姓名}，跟我买零风险翻倍' }] }).expect(422);
      expect(((await t.http.get('/api/card/persona-templates').set(as('a')).expect(200)).body as PersonaTemplateView[])).toHaveLength(4);
      const saved = (await t.http.put('/api/admin/persona-templates').set(admin).send({ templates: [{ code: 'pro', name: '专业顾问', introTemplate: '我是{公司}的{姓名}。' }] }).expect(200)).body as PersonaTemplateView[];
      expect(saved).toEqual([{ code: 'pro', name: '专业顾问', introTemplate: '我是{公司}的{姓名}。' }]);
    });
  });
});
