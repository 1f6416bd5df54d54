import { randomBytes, randomUUID } from 'node:crypto';
import type { TaskView } from '@kejing/shared';
import { runDailyJob } from '../../server/src/jobs/daily-job';
import { DAY_MS } from '../../server/src/lib/china-day';
import { bearer, buildWorld, login, openAndRead, shareArticle, startTestApp, TestApp, TEST_NOW, World } from '../../server/src/testing/test-app';

/**
 * Rule-made follow-ups on silence and dates, planned by the daily job with the clock moved on
 * (the job runs for the moved clock's day, as `--as-of` would). Each test has its own app: the
 * clock only moves forward and the daily job runs once a day.
 */
describe('follow-ups on silence and dates (the daily job with a moved clock)', () => {
  let t: TestApp;
  let world: World;
  const agentA = () => bearer((world.people.a as { token: string }).token);
  beforeEach(async () => {
    // Sessions outlive the moved clock (three months), as an agent who keeps using the app renews theirs.
    t = await startTestApp({ session: { secret: randomBytes(32).toString('base64'), ttlSeconds: 200 * 24 * 3600, issuer: 'kejing', audience: 'kejing-test' } });
    world = await buildWorld(t);
  });
  afterEach(() => t.close());

  const tasksOf = async (contactId: string) =>
    ((await t.http.get('/api/tasks/today?limit=100').set(agentA()).expect(200)).body.tasks as TaskView[]).filter((x) => x.contactId === contactId);
  const finishTasks = async (contactId: string) => {
    for (const task of await tasksOf(contactId)) await t.http.post(`/api/tasks/${task.taskId}/done`).set(agentA()).expect(200);
  };
  const dailyJobAt = async (ms: number) => {
    t.clock.set(ms);
    return runDailyJob(t.services, t.services.scoringWorker);
  };

  async function leaveLead(code: string, phone = '13812341234'): Promise<string> {
    const shareId = await shareArticle(t, world);
    const token = (await login(t, code)).token;
    const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(token)).expect(200)).body.contactId as string;
    await t.http.post('/api/leads').set(bearer(token)).send({
      clientEventId: randomUUID(), shareId, name: '林女士', phone, budgetFen: 800_000, insuredPerson: '本人', needs: ['accident'],
      consent: { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' },
    }).expect(201);
    await t.services.scoringWorker.drain();
    return contactId;
  }

  it('a lead that went quiet for 3 days comes back to the list as a call, once', async () => {
    const contactId = await leaveLead(`quiet-lead-${randomUUID()}`);
    await finishTasks(contactId); // the agent worked the lead's own task
    expect(await tasksOf(contactId)).toEqual([]);

    // Two days on: not yet.
    expect((await dailyJobAt(TEST_NOW + 2 * DAY_MS)).followUpMemory.silence.lead_quiet).toBe(0);
    expect(await tasksOf(contactId)).toEqual([]);

    const summary = await dailyJobAt(TEST_NOW + 3 * DAY_MS);
    expect(summary.followUpMemory.silence.lead_quiet).toBe(1);
    const [task] = await tasksOf(contactId);
    expect(task).toMatchObject({ origin: 'rule', channel: 'call', action: '留资后3天没有动静：打个电话问问还有什么顾虑', priority: 2 });
    expect(task?.suggestedMessage.startsWith('林女士您好，我是员工a。')).toBe(true);

    // The next morning it is not planned again, even once done.
    await finishTasks(contactId);
    expect((await dailyJobAt(TEST_NOW + 4 * DAY_MS)).followUpMemory.silence.lead_quiet).toBe(0);
    expect(await tasksOf(contactId)).toEqual([]);
  });

  it('a lead the customer followed with another read is not quiet', async () => {
    const contactId = await leaveLead(`busy-lead-${randomUUID()}`);
    await finishTasks(contactId);
    t.clock.advance(DAY_MS);
    // The agent logs a call: something happened after the lead.
    await t.http.post(`/api/contacts/${contactId}/actions`).set(agentA()).send({ clientEventId: randomUUID(), type: 'call' }).expect(201);
    await t.services.scoringWorker.drain();
    await finishTasks(contactId);
    expect((await dailyJobAt(TEST_NOW + 3 * DAY_MS)).followUpMemory.silence.lead_quiet).toBe(0);
  });

  it('未成交 → three months later, a no-pressure greeting is on the list', async () => {
    const { contactId } = await openAndRead(t, world, `lost-${randomUUID()}`);
    await t.services.scoringWorker.drain();
    await t.http.post(`/api/contacts/${contactId}/actions`).set(agentA()).send({ clientEventId: randomUUID(), type: 'closed_lost' }).expect(201);
    await t.services.scoringWorker.drain();
    await finishTasks(contactId);

    expect((await dailyJobAt(TEST_NOW + 89 * DAY_MS)).followUpMemory.silence.lost_recare).toBe(0);
    expect((await dailyJobAt(TEST_NOW + 90 * DAY_MS)).followUpMemory.silence.lost_recare).toBe(1);
    const [task] = await tasksOf(contactId);
    expect(task).toMatchObject({ origin: 'rule', channel: 'message', action: '未成交已三个月：不施压地问候一下近况' });
  });

  it('a contact silent for 30 days steps back a stage and gets a task naming the stage', async () => {
    const { contactId } = await openAndRead(t, world, `step-back-${randomUUID()}`);
    await t.services.scoringWorker.drain();
    await finishTasks(contactId);
    const before = (await t.http.get(`/api/contacts/${contactId}`).set(agentA()).expect(200)).body.stage as number;
    expect(before).toBe(3);

    const summary = await dailyJobAt(TEST_NOW + 31 * DAY_MS);
    expect(summary.stageStepBacks).toBeGreaterThanOrEqual(1);
    expect(summary.followUpMemory.silence.stage_step_back).toBe(1);
    const [task] = await tasksOf(contactId);
    expect(task?.action).toBe('客户沉默30天，阶段退回“约访名单”：分享一篇用得上的内容，重新联系');
    expect(task?.stage).toBe(2);
  });

  it('behind the agent\'s reminder, a silence task waits, and takes the place when the reminder is done', async () => {
    const contactId = await leaveLead(`quiet-behind-${randomUUID()}`);
    await finishTasks(contactId);
    const dueAt = new Date(TEST_NOW + 3 * DAY_MS + 2 * 3_600_000).toISOString();
    const reminder = (await t.http.post('/api/reminders').set(agentA()).send({ contactId, dueAt, note: '问问她先生的意见' }).expect(201)).body as TaskView;

    const summary = await dailyJobAt(TEST_NOW + 3 * DAY_MS);
    expect(summary.followUpMemory).toMatchObject({ remindersDue: 1, silence: { lead_quiet: 1 } });
    expect((await tasksOf(contactId)).map((x) => x.taskId)).toEqual([reminder.taskId]);

    await t.http.post(`/api/tasks/${reminder.taskId}/done`).set(agentA()).expect(200);
    const [next] = await tasksOf(contactId);
    expect(next?.action).toBe('留资后3天没有动静：打个电话问问还有什么顾虑');
  });

  it('quiet leads planned in one batch (one behind a reminder, one still on its more urgent lead task, one with a free place) each get what they would get alone', async () => {
    const behind = await leaveLead(`batch-behind-${randomUUID()}`, '13812340001');
    const busy = await leaveLead(`batch-busy-${randomUUID()}`, '13812340002');
    const free = await leaveLead(`batch-free-${randomUUID()}`, '13812340003');
    await finishTasks(behind);
    await finishTasks(free);
    const dueAt = new Date(TEST_NOW + 3 * DAY_MS + 2 * 3_600_000).toISOString();
    const reminder = (await t.http.post('/api/reminders').set(agentA()).send({ contactId: behind, dueAt, note: '问问她先生的意见' }).expect(201)).body as TaskView;
    const [leadTask] = await tasksOf(busy);

    const summary = await dailyJobAt(TEST_NOW + 3 * DAY_MS);
    // The busy contact's lead task (priority 1) is more urgent than a quiet lead's call (2): nothing is added there.
    expect(summary.followUpMemory).toMatchObject({ remindersDue: 1, silence: { lead_quiet: 2 } });
    expect((await tasksOf(behind)).map((x) => x.taskId)).toEqual([reminder.taskId]);
    const waiting: { action: string }[] = await t.db.dataSource.query("SELECT action FROM follow_up_task WHERE contact_id = ? AND status = 'waiting'", [behind]);
    expect(waiting.map((w) => w.action)).toEqual(['留资后3天没有动静：打个电话问问还有什么顾虑']);
    expect((await tasksOf(busy)).map((x) => [x.taskId, x.action])).toEqual([[leadTask?.taskId, leadTask?.action]]);
    expect((await tasksOf(free)).map((x) => [x.origin, x.action])).toEqual([['rule', '留资后3天没有动静：打个电话问问还有什么顾虑']]);
    const active: { contact_id: string; n: number | string }[] = await t.db.dataSource.query(
      'SELECT contact_id, COUNT(*) AS n FROM follow_up_task WHERE active_contact_id IN (?, ?, ?) GROUP BY contact_id', [behind, busy, free],
    );
    expect(active.map((r) => Number(r.n))).toEqual([1, 1, 1]);
  });
});
