import { randomUUID } from 'node:crypto';
import type { ContactDetailView, ReferralTreeView, TaskView } from '@kejing/shared';
import { runDailyJob } from '../../server/src/jobs/daily-job';
import { planAfterSaleTasks } from '../../server/src/modules/policies/after-sale-planner';
import { bearer, buildWorld, login, openAndRead, startTestApp, testConfig, TestApp, World } from '../../server/src/testing/test-app';

/** 09:00 China time on a day. */
const morning = (day: string) => Date.parse(`${day}T01:00:00Z`);

describe('after the sale: 老客长存 and 新客开来 in the daily job, and referral credit', () => {
  let t: TestApp;
  let world: World;
  const as = (key: string) => bearer((world.people[key] as { token: string }).token);
  beforeAll(async () => {
    // The clock moves through two months: sessions must outlive it.
    t = await startTestApp({ session: { ...testConfig('http://127.0.0.1').session, ttlSeconds: 365 * 24 * 3600 } });
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const detail = async (contactId: string, who = 'a') => (await t.http.get(`/api/contacts/${contactId}`).set(as(who)).expect(200)).body as ContactDetailView;
  const closeOpenTasks = async (contactId: string, who: string) => {
    await t.services.scoringWorker.drain();
    for (const task of (await detail(contactId, who)).openTasks) await t.http.post(`/api/tasks/${task.taskId}/done`).set(as(who)).send({}).expect(200);
  };
  const runDay = async (day: string) => {
    t.clock.set(morning(day));
    return runDailyJob(t.services, t.services.scoringWorker, { day });
  };
  const activeTask = async (contactId: string) => {
    const rows: { rule_id: string; action: string; suggested_message: string; due_at_ms: number | string }[] = await t.db.dataSource.query(
      "SELECT rule_id, action, suggested_message, due_at_ms FROM follow_up_task WHERE contact_id = ? AND status IN ('open', 'snoozed')", [contactId],
    );
    expect(rows.length).toBeLessThanOrEqual(1);
    return rows[0] ?? null;
  };

  describe('新客开来', () => {
    let r1: { token: string; shareId: string; contactId: string };
    let r2: { token: string; shareId: string; contactId: string };
    let r3: { token: string; shareId: string; contactId: string };
    /** A friend opens a forward of `from`'s share and reads it. */
    const friendOf = async (from: { token: string; shareId: string }, code: string, read = true) => {
      const child = (await t.http.post(`/api/shares/${encodeURIComponent(from.shareId)}/forward`).set(bearer(from.token)).send({ channel: 'friend' }).expect(201)).body.shareId as string;
      const token = (await login(t, code)).token;
      const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(child)}/open`).set(bearer(token)).expect(200)).body.contactId as string;
      if (read) {
        await t.http.post('/api/events').set(bearer(token)).send({
          sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), type: 'read_progress', shareId: child, depthPct: 70, dwellMs: 40_000, createdAtDeviceMs: t.clock.nowMs() }],
        }).expect(200);
      }
      return { token, shareId: child, contactId };
    };
    const referralClass = async (contactId: string) => (await detail(contactId)).referralClass;

    beforeAll(async () => {
      t.clock.set(morning('2026-11-02'));
      r1 = await openAndRead(t, world, 'as-r1');
      r2 = await friendOf(r1, 'as-r2');
      await t.services.scoringWorker.drain();
    });

    it('rescores the referrer up the whole chain as soon as a friend\'s friend engages, not at night', async () => {
      expect(await referralClass(r1.contactId)).toBe('passive_promoter');
      r3 = await friendOf(r2, 'as-r3');
      await t.services.scoringWorker.drain(); // the scorer after the commit; no daily job
      // r1 brought r2 who brought r3, both engaged: two engaged referrals down the chain make r1 an active promoter.
      expect(await referralClass(r1.contactId)).toBe('active_promoter');
      expect(await referralClass(r2.contactId)).toBe('passive_promoter');
    });

    it('leaves the referrers alone when a referee who engaged before reads again (no credit changes)', async () => {
      const scoredAt = async () => Number((await t.db.dataSource.query('SELECT scored_at_ms AS s FROM contact WHERE id = ?', [r1.contactId]))[0].s);
      const before = await scoredAt();
      t.clock.advance(60_000);
      const res = await t.http.post('/api/events').set(bearer(r3.token)).send({
        sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), type: 'read_complete', shareId: r3.shareId, depthPct: 100, dwellMs: 90_000, createdAtDeviceMs: t.clock.nowMs() }],
      }).expect(200);
      expect(res.body.stored).toBe(1);
      await t.services.scoringWorker.drain();
      expect(Number((await t.db.dataSource.query('SELECT scored_at_ms AS s FROM contact WHERE id = ?', [r3.contactId]))[0].s)).toBe(t.clock.nowMs());
      expect(await scoredAt()).toBe(before);
    });

    it('shows the agent the referral tree: who brought whom, at any depth', async () => {
      const tree = (await t.http.get(`/api/contacts/${r1.contactId}/referrals`).set(as('a')).expect(200)).body as ReferralTreeView;
      expect(tree.broughtBy).toEqual([]);
      expect([tree.descendants, tree.engagedDescendants]).toEqual([2, 2]);
      expect(tree.tree.children.map((c) => c.contactId)).toEqual([r2.contactId]);
      expect(tree.tree.children[0]?.children.map((c) => [c.contactId, c.engaged])).toEqual([[r3.contactId, true]]);
      const below = (await t.http.get(`/api/contacts/${r3.contactId}/referrals`).set(as('a')).expect(200)).body as ReferralTreeView;
      expect(below.broughtBy.map((b) => b.contactId)).toEqual([r1.contactId, r2.contactId]);
      await t.http.get(`/api/contacts/${r1.contactId}/referrals`).set(as('b')).expect(404);
    });

    it('asks the NPS question on the reader page after a visit, and a client who gave 10 for referrals in the next daily job', async () => {
      await t.http.post(`/api/contacts/${r1.contactId}/actions`).set(as('a')).send({ clientEventId: randomUUID(), type: 'visit', note: '上门服务' }).expect(201);
      const askNps = async () => (await t.http.post(`/api/shares/${encodeURIComponent(r1.shareId)}/open`).set(bearer(r1.token)).expect(200)).body.askNps as boolean;
      expect(await askNps()).toBe(true); // the reader page asks the NPS question after a service
      t.clock.advance(3_600_000);
      await t.http.post('/api/events').set(bearer(r1.token)).send({
        sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), type: 'nps_answer', shareId: r1.shareId, npsScore: 10, createdAtDeviceMs: t.clock.nowMs() }],
      }).expect(200);
      expect(await askNps()).toBe(false); // answered: not asked again until the next service
      await closeOpenTasks(r1.contactId, 'a');
      const summary = await runDay('2026-11-03');
      expect(summary.afterSale?.planned).toEqual(expect.objectContaining({ referral_ask: 1 }));
      const task = await activeTask(r1.contactId);
      expect(task?.rule_id).toBe('after_sale:referral_ask');
      expect(task?.action).toBe('转介绍：客户给了 10 分推荐评分');
    });
  });
  describe('a client with a policy, the clock moved through the year', () => {
    let clientId: string;
    beforeAll(async () => {
      const created = (await t.http.post('/api/contacts').set(as('c')).send({
        remarkName: '王姐', birthday: '1985-12-20', familyMembers: [{ name: '小宝', relation: 'child', birthday: '2016-01-10', gender: 'male' }],
      }).expect(201)).body as ContactDetailView;
      clientId = created.contactId;
      // Effective 2025-12-01, yearly for 20 years: the next premium is due 2026-12-01.
      await t.http.post(`/api/contacts/${clientId}/policies`).set(as('c')).send({
        clientEventId: randomUUID(), productName: '守护重疾', need: 'critical_illness', insurer: '客经人寿', policyNumber: 'AS-2025-0001', insuredRelation: 'self',
        annualPremiumFen: 600_000, paymentFrequency: 'annual', paymentTermYears: 20, effectiveDate: '2025-12-01', signedDate: '2025-11-25',
      }).expect(201);
      await closeOpenTasks(clientId, 'c');
    });

    it('plans the premium due in 30 days, with content from the library tagged for the policy\'s need', async () => {
      const summary = await runDay('2026-11-02');
      expect(summary.afterSale?.planned).toEqual(expect.objectContaining({ premium_due_30: 1 }));
      const task = await activeTask(clientId);
      expect(task?.rule_id).toBe('after_sale:premium_due_30');
      expect(task?.action).toBe('续期提醒：《守护重疾》2026-12-01 缴费（还有 29 天）（可分享《重疾险的三个误区》）');
      expect(task?.suggested_message).toContain('王姐您好');
    });

    it('plans a key once: the planner run again the same day adds nothing', async () => {
      const again = await planAfterSaleTasks(t.db.dataSource, t.clock.nowMs(), t.services.logger);
      expect(again.planned).toEqual({});
    });

    it('one follow-up at a time: seven days before, the premium reminder comes first and the anniversary waits for the next day', async () => {
      await closeOpenTasks(clientId, 'c');
      await runDay('2026-11-24');
      expect((await activeTask(clientId))?.rule_id).toBe('after_sale:premium_due_7');
      await closeOpenTasks(clientId, 'c');
      await runDay('2026-11-25');
      const task = await activeTask(clientId);
      expect(task?.rule_id).toBe('after_sale:anniversary');
      expect(task?.action).toContain('周年访：《守护重疾》生效满 1 年');
      expect(Number(task?.due_at_ms)).toBe(morning('2026-12-01'));
    });

    it('plans the client\'s birthday three days ahead, due on the day', async () => {
      await closeOpenTasks(clientId, 'c');
      await runDay('2026-12-17');
      const task = await activeTask(clientId);
      expect(task?.rule_id).toBe('after_sale:birthday');
      expect(task?.suggested_message).toBe('王姐您好，祝您生日快乐！愿您和家人健康平安，新的一岁一切顺意。');
      expect(Number(task?.due_at_ms)).toBe(morning('2026-12-20'));
      const today = (await t.http.get('/api/tasks/today?limit=100').set(as('c')).expect(200)).body.tasks as TaskView[];
      expect(today.some((x) => x.contactId === clientId && x.action.startsWith('生日祝福'))).toBe(true);
    });
  });

});
