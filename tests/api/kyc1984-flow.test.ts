import { randomUUID } from 'node:crypto';
import type { ContactDetailView, TaskView } from '@kejing/shared';
import { bearer, buildWorld, login, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const DAY_MS = 24 * 3600_000;

describe('KYC1984 end to end: touchpoints move the contact and fill the morning list', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  });
  afterAll(() => t.close());

  const agentA = () => bearer((world.people.a as { token: string }).token);

  it('a customer who opens a need-tagged article on two days, reads to 90 % and leaves a lead ends mid-mid at stage 5 with the lead task first', async () => {
    const shareId = await shareArticle(t, world);
    const customer = (await login(t, 'kyc-customer-1')).token;
    const opened = await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(customer)).expect(200);
    const contactId = opened.body.contactId as string;
    const send = (events: object[]) =>
      t.http.post('/api/events').set(bearer(customer)).send({ sentAtDeviceMs: t.clock.nowMs(), events: events.map((e) => ({ clientEventId: randomUUID(), shareId, createdAtDeviceMs: t.clock.nowMs(), ...e })) }).expect(200);

    // Day 1: open and read a third.
    await send([{ type: 'open' }, { type: 'read_progress', depthPct: 35, dwellMs: 40_000 }]);
    await t.services.scoringWorker.drain();
    // Day 2: open again, read to 90 %.
    t.clock.advance(DAY_MS);
    await send([{ type: 'open' }, { type: 'read_progress', depthPct: 90, dwellMs: 150_000 }]);
    await t.services.scoringWorker.drain();
    const beforeLead = (await t.http.get(`/api/contacts/${contactId}`).set(agentA()).expect(200)).body as ContactDetailView;
    expect(beforeLead.stage).toBe(3);

    // Then the lead form, with a budget.
    await t.http.post('/api/leads').set(bearer(customer)).send({
      clientEventId: randomUUID(), shareId, name: '林女士', phone: '13812341234', budgetFen: 800_000, insuredPerson: '本人',
      needs: ['critical_illness'], consent: { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' },
      healthConsent: { given: true, textVersion: 'health-2026-01', purpose: '根据健康相关需求推荐重疾与医疗保障' },
    }).expect(201);
    await t.services.scoringWorker.drain();

    const detail = (await t.http.get(`/api/contacts/${contactId}`).set(agentA()).expect(200)).body as ContactDetailView;
    expect(detail).toMatchObject({ displayName: '林女士', cell: 'mid-mid', stage: 5, outcome: 'open' });
    expect(detail.trust).toBeGreaterThanOrEqual(34);
    expect(detail.intent).toBeGreaterThanOrEqual(34);
    // Every point is explained: the contributions add up to the scores.
    const sum = (dim: string) => detail.explanations.filter((e) => e.dimension === dim).reduce((n, e) => n + e.points, 0);
    expect(Math.round(sum('trust'))).toBe(detail.trust);
    expect(Math.round(sum('intent'))).toBe(detail.intent);
    expect(detail.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['open', 'read_progress', 'lead_submit']));

    // One active follow-up for the contact, taken over by the lead (the most urgent touchpoint).
    const today = (await t.http.get('/api/tasks/today?limit=100').set(agentA()).expect(200)).body.tasks as TaskView[];
    const mine = today.filter((task) => task.contactId === contactId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ priority: 1, cell: 'mid-mid', stage: 5, contactName: '林女士', channel: 'call' });
    expect(mine[0]?.suggestedMessage).toContain('林女士');
    expect(mine[0]?.because.map((b) => b.type)).toEqual(expect.arrayContaining(['open', 'lead_submit']));
    expect(today[0]?.contactId).toBe(contactId);

    // The agent works it: done is recorded, and it leaves today's list.
    const taskId = mine[0]?.taskId as string;
    await t.http.post(`/api/tasks/${taskId}/done`).set(agentA()).expect(200);
    const after = (await t.http.get('/api/tasks/today?limit=100').set(agentA()).expect(200)).body.tasks as TaskView[];
    expect(after.some((task) => task.taskId === taskId)).toBe(false);
    await t.http.post(`/api/tasks/${taskId}/done`).set(agentA()).expect(409);
  });

  it('lists the agent\'s radar newest first with depth and what the customer did next', async () => {
    const radar = (await t.http.get('/api/radar').set(agentA()).expect(200)).body;
    expect(radar[0]).toMatchObject({ contactName: '林女士', maxDepthPct: 90, contentTitle: '重疾险的三个误区' });
    expect(radar[0].nextActions).toContain('lead_submit');
  });

  it('shows another agent\'s task as not found', async () => {
    const today = (await t.http.get('/api/tasks/today?limit=100').set(agentA()).expect(200)).body.tasks as TaskView[];
    const other = bearer((world.people.b as { token: string }).token);
    for (const task of today) await t.http.post(`/api/tasks/${task.taskId}/dismiss`).set(other).expect(404);
  });

  it('a scorer that was down catches up to the same scores as one that never stopped', async () => {
    const shareId = await shareArticle(t, world);
    const run = async (code: string, drainBetween: boolean) => {
      const customer = (await login(t, code)).token;
      const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(customer)).expect(200)).body.contactId as string;
      for (const depthPct of [20, 55, 85]) {
        await t.http.post('/api/events').set(bearer(customer)).send({ sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), shareId, type: 'read_progress', depthPct, dwellMs: 20_000, createdAtDeviceMs: t.clock.nowMs() }] }).expect(200);
        if (drainBetween) await t.services.scoringWorker.drain();
      }
      await t.services.scoringWorker.drain();
      const d = (await t.http.get(`/api/contacts/${contactId}`).set(agentA()).expect(200)).body as ContactDetailView;
      return { trust: d.trust, intent: d.intent, cell: d.cell, stage: d.stage, referralClass: d.referralClass };
    };
    const live = await run('kyc-live', true);
    const caughtUp = await run('kyc-caught-up', false);
    expect(caughtUp).toEqual(live);
  });

  it('refuses a bad follow-up rule set with index, field and reason, and keeps the old one', async () => {
    const op = bearer((world.people.op as { token: string }).token);
    const current = (await t.http.get('/api/follow-up-rules').set(op).expect(200)).body;
    const res = await t.http.put('/api/follow-up-rules').set(op).send({ rules: [{ id: 'x', name: '', when: {}, task: { action: '', messageTemplate: '{nope}', dueInHours: -1, priority: 9 }, ruleOrder: 1 }] }).expect(400);
    expect(res.body.error.details.length).toBeGreaterThan(0);
    expect(res.body.error.details[0]).toEqual(expect.objectContaining({ index: 0, field: expect.any(String), reason: expect.any(String) }));
    expect((await t.http.get('/api/follow-up-rules').set(op).expect(200)).body.version).toBe(current.version);
    await t.http.put('/api/follow-up-rules').set(agentA()).send({ rules: current.rules }).expect(403);
    const published = await t.http.put('/api/follow-up-rules').set(op).send({ rules: current.rules }).expect(200);
    expect(published.body.version).not.toBe(current.version);
  });
});
