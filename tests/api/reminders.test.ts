import { randomUUID } from 'node:crypto';
import type { NoticeListView, PersonalDataExport, TaskView } from '@kejing/shared';
import { runDailyJob } from '../../server/src/jobs/daily-job';
import { DAY_MS } from '../../server/src/lib/china-day';
import { bearer, buildWorld, openAndRead, startTestApp, TestApp, TEST_NOW, World } from '../../server/src/testing/test-app';

const HOUR_MS = 3_600_000;
/** An instant given as China wall-clock time. */
const cn = (iso: string) => Date.parse(`${iso}+08:00`);

describe('an agent\'s reminders and the one active follow-up', () => {
  let t: TestApp;
  let world: World;
  const agentA = () => bearer((world.people.a as { token: string }).token);
  const agentB = () => bearer((world.people.b as { token: string }).token);
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(TEST_NOW));

  const today = async () => (await t.http.get('/api/tasks/today?limit=100').set(agentA()).expect(200)).body.tasks as TaskView[];
  const ofContact = async (contactId: string) => (await t.http.get('/api/tasks/today?limit=100').set(agentA()).expect(200)).body.tasks.filter((x: TaskView) => x.contactId === contactId) as TaskView[];
  const remind = (body: Record<string, unknown>) => t.http.post('/api/reminders').set(agentA()).send(body);
  const reminders = async (contactId: string) => (await t.http.get(`/api/contacts/${contactId}/reminders`).set(agentA()).expect(200)).body as TaskView[];
  /** A reader who has an open rule task from reading (the scorer planned it). */
  const reader = async (code: string) => {
    const r = await openAndRead(t, world, code);
    await t.services.scoringWorker.drain();
    return r;
  };
  const activeCount = async (contactId: string) =>
    Number((await t.db.dataSource.query('SELECT COUNT(*) AS n FROM follow_up_task WHERE active_contact_id = ?', [contactId]))[0].n);

  it('a reminder for tomorrow waits off the list; with the clock moved a day, the daily job puts it on the morning list and tells the agent once', async () => {
    const { contactId } = await reader(`remind-tomorrow-${randomUUID()}`);
    // The reading's own task is done first, so the contact has nothing else on the list.
    const ruleTask = (await ofContact(contactId))[0] as TaskView;
    await t.http.post(`/api/tasks/${ruleTask.taskId}/done`).set(agentA()).expect(200);
    const dueAt = new Date(cn('2026-11-03T10:30:00')).toISOString();
    const set = (await remind({ contactId, dueAt, note: '问问体检报告出来没有', channel: 'call' }).expect(201)).body as TaskView;
    expect(set).toMatchObject({ status: 'scheduled', origin: 'reminder', note: '问问体检报告出来没有', action: '问问体检报告出来没有', channel: 'call', repeat: null, dueAt });
    expect(await ofContact(contactId)).toEqual([]);
    expect((await reminders(contactId)).map((r) => r.taskId)).toEqual([set.taskId]);

    t.clock.set(cn('2026-11-03T05:00:00'));
    const summary = await runDailyJob(t.services, t.services.scoringWorker);
    expect(summary.followUpMemory.remindersDue).toBeGreaterThanOrEqual(1);
    const morning = await ofContact(contactId);
    expect(morning).toHaveLength(1);
    expect(morning[0]).toMatchObject({ taskId: set.taskId, status: 'open', origin: 'reminder', dueAt });
    // The agent is told in 消息 (and by a WeChat push within their grants), once.
    const notices = (await t.http.get('/api/notifications').set(agentA()).expect(200)).body as NoticeListView;
    const told = notices.items.filter((n) => n.kind === 'reminder' && n.contactId === contactId);
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toBe('问问体检报告出来没有');
    await runDailyJob(t.services, t.services.scoringWorker);
    await t.services.reminders.comeDue(t.clock.nowMs());
    const again = (await t.http.get('/api/notifications').set(agentA()).expect(200)).body as NoticeListView;
    expect(again.items.filter((n) => n.kind === 'reminder' && n.contactId === contactId)).toHaveLength(1);
  });

  it('a reminder due today is on the list at once and takes the place; the rule task waits and comes back when the reminder is done', async () => {
    const { contactId } = await reader(`remind-today-${randomUUID()}`);
    const ruleTask = (await ofContact(contactId))[0] as TaskView;
    expect(ruleTask.origin).toBe('rule');
    const set = (await remind({ contactId, dueAt: new Date(TEST_NOW + 3 * HOUR_MS).toISOString(), note: '下午给她回电话' }).expect(201)).body as TaskView;
    expect(set.status).toBe('open');
    const list = await ofContact(contactId);
    expect(list.map((x) => x.taskId)).toEqual([set.taskId]);
    // What the customer did stays visible on the reminder's card.
    expect(list[0]?.because.map((b) => b.type)).toContain('read_progress');
    expect(await activeCount(contactId)).toBe(1);

    await t.http.post(`/api/tasks/${set.taskId}/done`).set(agentA()).expect(200);
    expect((await ofContact(contactId)).map((x) => x.taskId)).toEqual([ruleTask.taskId]);
    expect(await activeCount(contactId)).toBe(1);
  });

  it('while a reminder holds the place, a new touchpoint shows on its card and the rule\'s task waits behind it', async () => {
    const { contactId, token, shareId } = await reader(`remind-hold-${randomUUID()}`);
    const set = (await remind({ contactId, dueAt: new Date(TEST_NOW + HOUR_MS).toISOString(), note: '约周末见面' }).expect(201)).body as TaskView;
    t.clock.advance(10 * 60_000);
    await t.http.post('/api/events').set(bearer(token)).send({
      sentAtDeviceMs: t.clock.nowMs(),
      events: [{ clientEventId: randomUUID(), type: 'consult_tap', shareId, createdAtDeviceMs: t.clock.nowMs() }],
    }).expect(200);
    await t.services.scoringWorker.drain();
    const list = await ofContact(contactId);
    expect(list.map((x) => x.taskId)).toEqual([set.taskId]);
    expect(list[0]?.because.map((b) => b.type)).toContain('consult_tap');
    expect(list[0]?.action).toBe('约周末见面');
    const waiting = await t.db.dataSource.query("SELECT COUNT(*) AS n FROM follow_up_task WHERE contact_id = ? AND status = 'waiting'", [contactId]);
    expect(Number(waiting[0].n)).toBe(1);
    expect(await activeCount(contactId)).toBe(1);
  });

  it('snoozes to 明天 and 下周 at 09:00 China time; a snoozed reminder gives the place to what waited', async () => {
    const { contactId } = await reader(`remind-snooze-${randomUUID()}`);
    const ruleTask = (await ofContact(contactId))[0] as TaskView;
    const set = (await remind({ contactId, dueAt: new Date(TEST_NOW + HOUR_MS).toISOString(), note: '发一下理赔流程' }).expect(201)).body as TaskView;
    const snoozed = (await t.http.post(`/api/tasks/${set.taskId}/snooze`).set(agentA()).send({ preset: 'tomorrow' }).expect(200)).body as TaskView;
    expect(snoozed).toMatchObject({ status: 'scheduled', dueAt: new Date(cn('2026-11-03T09:00:00')).toISOString() });
    expect((await ofContact(contactId)).map((x) => x.taskId)).toEqual([ruleTask.taskId]);

    // TEST_NOW is a Monday: 下周 is the Monday after.
    const rule = (await t.http.post(`/api/tasks/${ruleTask.taskId}/snooze`).set(agentA()).send({ preset: 'next_week' }).expect(200)).body as TaskView;
    expect(rule.status).toBe('snoozed');
    const row = await t.db.dataSource.query('SELECT snoozed_until_ms FROM follow_up_task WHERE id = ?', [ruleTask.taskId]);
    expect(Number(row[0].snoozed_until_ms)).toBe(cn('2026-11-09T09:00:00'));
  });

  it('refuses a snooze with both a time and a preset, or neither, naming the field; nothing changes', async () => {
    const { contactId } = await reader(`remind-snooze-bad-${randomUUID()}`);
    const task = (await ofContact(contactId))[0] as TaskView;
    const both = await t.http.post(`/api/tasks/${task.taskId}/snooze`).set(agentA()).send({ preset: 'tomorrow', until: new Date(TEST_NOW + DAY_MS).toISOString() }).expect(400);
    expect(both.body.error.details[0].field).toBe('until');
    await t.http.post(`/api/tasks/${task.taskId}/snooze`).set(agentA()).send({}).expect(400);
    await t.http.post(`/api/tasks/${task.taskId}/snooze`).set(agentA()).send({ preset: 'someday' }).expect(400);
    expect((await ofContact(contactId))[0]).toMatchObject({ taskId: task.taskId, status: 'open' });
  });

  it('a weekly reminder, once done, comes again a week on', async () => {
    const { contactId } = await reader(`remind-weekly-${randomUUID()}`);
    const first = cn('2026-11-02T15:00:00');
    const set = (await remind({ contactId, dueAt: new Date(first).toISOString(), note: '每周一问候', repeat: 'weekly', channel: 'message' }).expect(201)).body as TaskView;
    expect(set).toMatchObject({ repeat: 'weekly', status: 'open' });
    await t.http.post(`/api/tasks/${set.taskId}/done`).set(agentA()).expect(200);
    const next = await reminders(contactId);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ status: 'scheduled', repeat: 'weekly', note: '每周一问候', dueAt: new Date(first + 7 * DAY_MS).toISOString() });
    // Cancelling ends the series: nothing comes again.
    await t.http.delete(`/api/reminders/${next[0]?.taskId}`).set(agentA()).expect(204);
    expect(await reminders(contactId)).toEqual([]);
    await t.http.delete(`/api/reminders/${next[0]?.taskId}`).set(agentA()).expect(409);
  });

  it('refuses bad reminders with the field and a reason in Chinese, and stores nothing', async () => {
    const { contactId } = await reader(`remind-bad-${randomUUID()}`);
    const future = new Date(TEST_NOW + DAY_MS).toISOString();
    const past = await remind({ contactId, dueAt: new Date(TEST_NOW - DAY_MS).toISOString(), note: '太晚了' }).expect(400);
    expect(past.body.error.details[0]).toMatchObject({ field: 'dueAt', reason: '提醒时间已经过去，请选一个将来的时间' });
    const far = await remind({ contactId, dueAt: new Date(TEST_NOW + 400 * DAY_MS).toISOString(), note: '明年' }).expect(400);
    expect(far.body.error.details[0].field).toBe('dueAt');
    expect((await remind({ contactId, dueAt: future, note: '   ' }).expect(400)).body.error.details[0].field).toBe('note');
    expect((await remind({ contactId, dueAt: future, note: 'x', repeat: 'hourly' }).expect(400)).body.error.details[0].field).toBe('repeat');
    expect((await remind({ contactId, dueAt: 'tomorrow', note: 'x' }).expect(400)).body.error.details[0].field).toBe('dueAt');
    // Another agent's contact is not found, and unknown fields are refused.
    await t.http.post('/api/reminders').set(agentB()).send({ contactId, dueAt: future, note: '抢单' }).expect(404);
    await t.http.get(`/api/contacts/${contactId}/reminders`).set(agentB()).expect(404);
    await remind({ contactId, dueAt: future, note: 'x', priority: 1 }).expect(400);
    expect(await reminders(contactId)).toEqual([]);
  });

  it('a reminder\'s words are in the person\'s export; an opted-out contact cannot be given a reminder, and opting out closes the reminders already set', async () => {
    const { contactId, token } = await reader(`remind-optout-${randomUUID()}`);
    await remind({ contactId, dueAt: new Date(TEST_NOW + 2 * DAY_MS).toISOString(), note: '之后再联系\n她说下个月体检' }).expect(201);
    // What the agent wrote about the person is theirs to see.
    const mine = (await t.http.get('/api/privacy/me/export').set(bearer(token)).expect(200)).body as PersonalDataExport;
    expect(mine.contacts[0]?.tasks.map((x) => x.note)).toContain('之后再联系\n她说下个月体检');
    await t.http.post('/api/privacy/me/opt-out').set(bearer(token)).expect(200);
    expect(await reminders(contactId)).toEqual([]);
    const refused = await remind({ contactId, dueAt: new Date(TEST_NOW + DAY_MS).toISOString(), note: '再试试' }).expect(409);
    expect(refused.body.error.details[0].reason).toBe('客户已选择不接收个性化跟进，不能设提醒');
  });

  it('contacts scored in one batch (one behind the agent\'s reminder, one with a rule task, one whose task was done) each get exactly the follow-up they would get alone', async () => {
    /** A contact in one of three situations, with a consult tap waiting to be scored. */
    const situation = async (kind: 'reminder' | 'rule' | 'done') => {
      const { contactId, token, shareId } = await reader(`remind-batch-${kind}-${randomUUID()}`);
      const ruleTask = (await ofContact(contactId))[0] as TaskView;
      if (kind === 'reminder') await remind({ contactId, dueAt: new Date(TEST_NOW + HOUR_MS).toISOString(), note: '约周末见面' }).expect(201);
      if (kind === 'done') await t.http.post(`/api/tasks/${ruleTask.taskId}/done`).set(agentA()).expect(200);
      await t.http.post('/api/events').set(bearer(token)).send({
        sentAtDeviceMs: t.clock.nowMs(),
        events: [{ clientEventId: randomUUID(), type: 'consult_tap', shareId, createdAtDeviceMs: t.clock.nowMs() }],
      }).expect(200);
      return contactId;
    };
    /** The contact's pending tasks as the agent would see them, without ids. */
    const pending = async (contactId: string) => {
      type PendingRow = { origin: string; status: string; rule_id: string | null; action: string; channel: string; priority: number | string; due_at_ms: number | string; because: string; note: string | null; active_contact_id: string | null };
      const rows: PendingRow[] = await t.db.dataSource.query(
        `SELECT origin, status, rule_id, action, channel, priority, due_at_ms, because, note, active_contact_id FROM follow_up_task
          WHERE contact_id = ? AND status IN ('open', 'snoozed', 'scheduled', 'waiting') ORDER BY origin, status`, [contactId],
      );
      return rows.map((r) => ({ ...r, due_at_ms: Number(r.due_at_ms), priority: Number(r.priority), active: r.active_contact_id === contactId, active_contact_id: undefined }));
    };
    const kinds = ['reminder', 'rule', 'done'] as const;
    const together: string[] = [];
    const alone: string[] = [];
    for (const kind of kinds) {
      together.push(await situation(kind));
      alone.push(await situation(kind));
    }
    await t.services.scorer.scoreContacts(together);
    for (const contactId of alone) await t.services.scorer.scoreContacts([contactId]);

    for (const [i, kind] of kinds.entries()) {
      const [batched, single] = [await pending(together[i] as string), await pending(alone[i] as string)];
      expect({ kind, tasks: batched }).toEqual({ kind, tasks: single });
      expect(batched.filter((x) => x.active)).toHaveLength(1);
    }
    // The reminder kept the place and carries the tap; the rule's task waits behind it.
    const held = await pending(together[0] as string);
    expect(held.map((x) => [x.origin, x.status])).toEqual([['reminder', 'open'], ['rule', 'waiting']]);
    expect(String(held[0]?.because)).toContain('consult_tap');
    // The contact whose task was done has a new one for the tap.
    expect((await pending(together[2] as string)).map((x) => [x.origin, x.status])).toEqual([['rule', 'open']]);
  });

  it('lists the whole morning with reminders and rule tasks together, one card per contact', async () => {
    const list = await today();
    const contacts = list.map((x) => x.contactId);
    expect(new Set(contacts).size).toBe(contacts.length);
  });
});
