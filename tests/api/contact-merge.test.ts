import { randomUUID } from 'node:crypto';
import type { ContactDetailView, ContactMergeView, ContactSummaryView, LeadView, Page, SharedPersonView } from '@kejing/shared';
import { bearer, buildWorld, login, openAndRead, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const DAY_MS = 24 * 3600_000;
const consent = { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' };

describe('one person, one contact (合并客户)', () => {
  let t: TestApp;
  let world: World;
  const as = (key: string) => bearer(world.people[key].token);
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);
  const detail = async (contactId: string, who = 'a') => (await t.http.get(`/api/contacts/${contactId}`).set(as(who)).expect(200)).body as ContactDetailView;
  const add = async (body: object, who = 'a') => (await t.http.post('/api/contacts').set(as(who)).send(body).expect(201)).body as ContactDetailView;
  const merge = async (intoId: string, fromId: string, who = 'a') =>
    (await t.http.post(`/api/contacts/${intoId}/merge`).set(as(who)).send({ fromContactId: fromId }).expect(201)).body as ContactMergeView;
  const listed = async (who = 'a') => ((await t.http.get('/api/contacts').query({ pageSize: 100 }).set(as(who)).expect(200)).body as Page<ContactSummaryView>).items.map((c) => c.contactId);
  const note = (contactId: string, body: string) => t.http.post(`/api/contacts/${contactId}/notes`).set(as('a')).send({ body }).expect(201);
  const action = (contactId: string, type: string) =>
    t.http.post(`/api/contacts/${contactId}/actions`).set(as('a')).send({ clientEventId: randomUUID(), type }).expect(201);

  it('merges 微信访客 into 张三 by hand: one contact with both histories, notes, phones and rescored; the visitor leaves the lists; audited', async () => {
    const zhang = await add({ remarkName: '张三', phones: [{ phone: '13600000001', basis: 'in_person' }], wechatFriend: true });
    await note(zhang.contactId, '去年聚会认识');
    const visitor = await openAndRead(t, world, 'merge-visitor-1');
    await t.services.scoringWorker.drain();
    await note(visitor.contactId, '读了重疾文章');
    const visitorBefore = await detail(visitor.contactId);
    expect(visitorBefore.displayName).toMatch(/^微信访客/);

    const merged = await merge(zhang.contactId, visitor.contactId);
    expect(merged).toEqual(expect.objectContaining({ intoContactId: zhang.contactId, fromContactId: visitor.contactId, reason: 'manual', undoneAt: null }));
    expect(merged.moved).toEqual(expect.objectContaining({ touchpoints: visitorBefore.timeline.filter((i) => i.type !== 'note').length, notes: 1, tasks: 1 }));
    expect(merged.moved.touchpoints).toBeGreaterThan(0);
    expect(Date.parse(merged.undoableUntil as string) - Date.parse(merged.mergedAt)).toBe(7 * DAY_MS);

    const one = await detail(zhang.contactId);
    expect(one.displayName).toBe('张三');
    expect(one.timeline.filter((i) => i.type === 'note').map((i) => i.note).sort()).toEqual(['去年聚会认识', '读了重疾文章']);
    expect(one.timeline.some((i) => i.type === 'read_progress')).toBe(true);
    expect(one.profile.phones).toHaveLength(1);
    // Rescored from the whole history: the read moved intent, which 张三 alone never had.
    expect(one.intent).toBeGreaterThan(zhang.intent);
    expect(one.intent).toBe(visitorBefore.intent);
    await t.http.get(`/api/contacts/${visitor.contactId}`).set(as('a')).expect(404);
    expect(await listed()).not.toContain(visitor.contactId);
    expect(await count(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'contact.merge' AND subject_id = ?`, [zhang.contactId])).toBe(1);

    // The same reader opening again lands on 张三, not on a new visitor.
    const shareId = await shareArticle(t, world, 'a');
    const again = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(visitor.token)).expect(200)).body.contactId as string;
    expect(again).toBe(zhang.contactId);
  });

  it('undone within 7 days, restores both contacts as they were (rows, fields, viewer, scores), audited, and only once', async () => {
    const li = await add({ remarkName: '李四', agentTags: ['老客户'] });
    await note(li.contactId, '李四自己的记录');
    const visitor = await openAndRead(t, world, 'merge-visitor-2');
    await t.services.scoringWorker.drain();
    await t.http.post('/api/leads').set(bearer(visitor.token)).send({ clientEventId: randomUUID(), shareId: visitor.shareId, name: '李先生', phone: '13600000002', consent }).expect(201);
    await t.services.scoringWorker.drain();
    const visitorBefore = await detail(visitor.contactId);
    const liBefore = await detail(li.contactId);

    const merged = await merge(li.contactId, visitor.contactId);
    const during = await detail(li.contactId);
    expect(during.leads).toHaveLength(1);
    expect(during.stage).toBe(visitorBefore.stage);
    expect(during.profile.remarkName).toBe('李四');

    t.clock.advance(6 * DAY_MS);
    const undone = (await t.http.post(`/api/contact-merges/${merged.mergeId}/undo`).set(as('a')).expect(200)).body as ContactMergeView;
    expect(undone.undoneAt).not.toBeNull();
    expect(undone.undoableUntil).toBeNull();

    const visitorAfter = await detail(visitor.contactId);
    const liAfter = await detail(li.contactId);
    expect(visitorAfter.leads.map((l) => l.leadId)).toEqual(visitorBefore.leads.map((l) => l.leadId));
    expect(visitorAfter.timeline.map((i) => i.eventId).sort()).toEqual(visitorBefore.timeline.map((i) => i.eventId).sort());
    expect(visitorAfter.displayName).toBe(visitorBefore.displayName);
    expect([visitorAfter.stage, visitorAfter.intent]).toEqual([visitorBefore.stage, visitorBefore.intent]);
    expect(liAfter.leads).toEqual([]);
    expect(liAfter.timeline.map((i) => i.note)).toEqual(['李四自己的记录']);
    expect(liAfter.profile).toEqual(liBefore.profile);
    expect([liAfter.stage, liAfter.intent]).toEqual([liBefore.stage, liBefore.intent]);
    expect(await listed()).toEqual(expect.arrayContaining([visitor.contactId, li.contactId]));
    expect(await count(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'contact.merge_undo' AND subject_id = ?`, [li.contactId])).toBe(1);
    // The reader is the visitor again.
    const shareId = await shareArticle(t, world, 'a');
    expect((await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(visitor.token)).expect(200)).body.contactId).toBe(visitor.contactId);

    expect((await t.http.post(`/api/contact-merges/${merged.mergeId}/undo`).set(as('a')).expect(409)).body.error.code).toBe('already_undone');
  });

  it('merges two WeChat readers (each with its own viewer): the merged one\'s later opens land on the survivor, and on itself again after undo', async () => {
    const first = await openAndRead(t, world, 'two-readers-first');
    const second = await openAndRead(t, world, 'two-readers-second');
    await t.http.post('/api/card/messages').set(bearer(second.token)).send({ shareId: second.shareId, clientMessageId: randomUUID(), text: '想了解一下教育金' }).expect(201);
    const merged = await merge(first.contactId, second.contactId);
    // The 留言 and the notice about it belong to the person now (steps other modules own).
    expect(merged.moved).toEqual(expect.objectContaining({ customer_messages: 1, notices: 1 }));
    const reopen = async () => {
      const shareId = await shareArticle(t, world, 'a');
      return (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(second.token)).expect(200)).body.contactId as string;
    };
    expect(await reopen()).toBe(first.contactId);
    await t.http.post(`/api/contact-merges/${merged.mergeId}/undo`).set(as('a')).expect(200);
    expect(await reopen()).toBe(second.contactId);
  });

  it('cannot be undone after 7 days', async () => {
    const a1 = await add({ remarkName: '王五' });
    const a2 = await add({ remarkName: '王五（旧）' });
    const merged = await merge(a1.contactId, a2.contactId);
    t.clock.advance(7 * DAY_MS + 1000);
    expect((await t.http.post(`/api/contact-merges/${merged.mergeId}/undo`).set(as('a')).expect(409)).body.error.code).toBe('undo_expired');
    await t.http.get(`/api/contacts/${a2.contactId}`).set(as('a')).expect(404);
  });

  it('keeps one active follow-up: the merged contact\'s open task is dismissed, and open again after undo', async () => {
    const zhao = await add({ remarkName: '赵六' });
    await action(zhao.contactId, 'call');
    const other = await add({ remarkName: '赵六（微信）' });
    await action(other.contactId, 'visit');
    await t.services.scoringWorker.drain();
    const tasksOf = async (id: string) => (await detail(id)).openTasks.map((task) => task.taskId);
    const [zhaoTask] = await tasksOf(zhao.contactId);
    const [otherTask] = await tasksOf(other.contactId);
    expect(zhaoTask && otherTask).toBeTruthy();

    const merged = await merge(zhao.contactId, other.contactId);
    expect(await tasksOf(zhao.contactId)).toEqual([zhaoTask]);
    expect(await count(`SELECT COUNT(*) AS n FROM follow_up_task WHERE active_contact_id = ?`, [zhao.contactId])).toBe(1);
    await t.http.post(`/api/contact-merges/${merged.mergeId}/undo`).set(as('a')).expect(200);
    expect(await tasksOf(other.contactId)).toEqual([otherTask]);
    expect(await tasksOf(zhao.contactId)).toEqual([zhaoTask]);
  });

  it('a follow-up moved by a merge greets the person by the name the agent keeps, and by the old one again after undo', async () => {
    const reader = await add({ remarkName: '钱女士' });
    await action(reader.contactId, 'visit');
    await t.services.scoringWorker.drain();
    const [before] = (await detail(reader.contactId)).openTasks;
    expect(before?.suggestedMessage.startsWith('钱女士')).toBe(true);
    const kept = await add({ remarkName: '钱姐（邻居）' });

    const merged = await merge(kept.contactId, reader.contactId);
    const [moved] = (await detail(kept.contactId)).openTasks;
    expect(moved?.taskId).toBe(before?.taskId);
    expect(moved?.suggestedMessage).toBe(`钱姐（邻居）${before?.suggestedMessage.slice('钱女士'.length)}`);
    await t.http.post(`/api/contact-merges/${merged.mergeId}/undo`).set(as('a')).expect(200);
    expect((await detail(reader.contactId)).openTasks[0]?.suggestedMessage).toBe(before?.suggestedMessage);
  });

  it('a touchpoint written to a contact merged away (another process\'s cache had not heard of the merge) is taken in by the survivor', async () => {
    const kept = await add({ remarkName: '冯姐' });
    const away = await add({ remarkName: '冯女士（名片）' });
    await merge(kept.contactId, away.contactId);
    const clientEventId = randomUUID();
    await t.services.touchpoints.run((_manager, record) => record({
      clientEventId, contactId: away.contactId, agentId: world.people.a.staffId as string, shareId: null, contentVersionId: null, type: 'visit', occurredAtMs: t.clock.nowMs(),
    }, t.clock.nowMs()));
    await t.services.scoringWorker.drain();
    expect(await count('SELECT COUNT(*) AS n FROM touchpoint_event WHERE client_event_id = ? AND contact_id = ? AND scored = 1', [clientEventId, kept.contactId])).toBe(1);
    expect((await detail(kept.contactId)).timeline.some((item) => item.type === 'visit')).toBe(true);
  });

  it('lists the merges into a contact for 撤销合并', async () => {
    const sun = await add({ remarkName: '孙七' });
    const old = await add({ remarkName: '孙七（名片）' });
    const merged = await merge(sun.contactId, old.contactId);
    const merges = (await t.http.get(`/api/contacts/${sun.contactId}/merges`).set(as('a')).expect(200)).body as ContactMergeView[];
    expect(merges).toEqual([expect.objectContaining({ mergeId: merged.mergeId, fromName: '孙七（名片）' })]);
  });

  it.each<[string, (ids: { mine: string; mine2: string; others: string }) => [string, string, string], number]>([
    ['into itself', ({ mine }) => ['a', mine, mine], 400],
    ['another agent\'s contact into one\'s own', ({ mine, others }) => ['a', mine, others], 400],
    ['as a leader who can see both but owns neither', ({ mine, mine2 }) => ['lx', mine, mine2], 403],
  ])('refuses merging %s, changing nothing', async (_name, pick, status) => {
    const ids = { mine: (await add({ remarkName: '周八' })).contactId, mine2: (await add({ remarkName: '周八二' })).contactId, others: (await add({ remarkName: '周八' }, 'b')).contactId };
    const [who, into, from] = pick(ids);
    await t.http.post(`/api/contacts/${into}/merge`).set(as(who)).send({ fromContactId: from }).expect(status);
    expect(await count('SELECT COUNT(*) AS n FROM contact WHERE merged_into_contact_id IS NOT NULL AND id IN (?, ?, ?)', [ids.mine, ids.mine2, ids.others])).toBe(0);
  });

  it('refuses to merge a contact already merged away (it has left the book) or to merge into it', async () => {
    const x = await add({ remarkName: '吴九' });
    const y = await add({ remarkName: '吴九二' });
    const z = await add({ remarkName: '吴九三' });
    await merge(x.contactId, y.contactId);
    await t.http.post(`/api/contacts/${z.contactId}/merge`).set(as('a')).send({ fromContactId: y.contactId }).expect(400);
    await t.http.post(`/api/contacts/${y.contactId}/merge`).set(as('a')).send({ fromContactId: z.contactId }).expect(404);
  });

  it('merges by itself when a reader proves (WeChat phone) a number the agent entered on a hand-added contact', async () => {
    const chen = await add({ remarkName: '陈姐', phones: [{ phone: '13722224444', basis: 'business_card' }] });
    const shareId = await shareArticle(t, world, 'a');
    const token = (await login(t, 'merge-verified-reader')).token;
    const readerContact = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(token)).expect(200)).body.contactId as string;
    const lead = (await t.http.post('/api/leads').set(bearer(token)).send({ clientEventId: randomUUID(), shareId, name: '陈女士', phoneCode: 'phone-13722224444', consent }).expect(201)).body as LeadView;
    const one = await detail(chen.contactId);
    expect(one.displayName).toBe('陈姐');
    expect(one.leads.map((l) => l.leadId)).toEqual([lead.leadId]);
    expect(one.timeline.some((i) => i.type === 'lead_submit')).toBe(true);
    await t.http.get(`/api/contacts/${readerContact}`).set(as('a')).expect(404);
    const merges = (await t.http.get(`/api/contacts/${chen.contactId}/merges`).set(as('a')).expect(200)).body as ContactMergeView[];
    expect(merges[0]).toEqual(expect.objectContaining({ reason: 'verified_phone', fromContactId: readerContact }));
  });

  it('does not merge on a typed (unverified) phone', async () => {
    const he = await add({ remarkName: '何总', phones: [{ phone: '13722225555', basis: 'business_card' }] });
    const reader = await openAndRead(t, world, 'merge-typed-reader');
    await t.http.post('/api/leads').set(bearer(reader.token)).send({ clientEventId: randomUUID(), shareId: reader.shareId, name: '何', phone: '13722225555', consent }).expect(201);
    await detail(reader.contactId);
    expect((await detail(he.contactId)).leads).toEqual([]);
  });
});

describe('one person across the company (撞单)', () => {
  let t: TestApp;
  let world: World;
  const as = (key: string) => bearer(world.people[key].token);
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  it('shows a reader of two agents (one WeChat unionid) as one person to managers in scope, with holders elsewhere counted only', async () => {
    const atA = await openAndRead(t, world, 'two-agents-reader', 'a');
    const atD = await openAndRead(t, world, 'two-agents-reader', 'd');
    const find = async (who: string) => ((await t.http.get('/api/contacts/shared-persons').set(as(who)).expect(200)).body as SharedPersonView[])
      .find((p) => p.contacts.some((c) => c.contactId === atA.contactId || c.contactId === atD.contactId));
    const admin = bearer(world.admin.token);
    const all = ((await t.http.get('/api/contacts/shared-persons').set(admin).expect(200)).body as SharedPersonView[])[0];
    expect(all.matchedBy).toEqual(['unionid']);
    expect(all.contacts.map((c) => c.contactId).sort()).toEqual([atA.contactId, atD.contactId].sort());
    expect(all.contacts.map((c) => c.agentName).sort()).toEqual(['员工a', '员工d']);
    const m1 = await find('m1');
    expect(m1?.contacts.map((c) => c.contactId)).toEqual([atA.contactId]);
    expect(m1?.heldElsewhere).toBe(1);
    expect(m1?.personKey).toBe(all.personKey);
    expect((await find('ly'))).toBeUndefined();
    await t.http.get('/api/contacts/shared-persons').set(as('d')).expect(403);
  });

  it('joins a phone match and a unionid match of the same contacts into one person', async () => {
    const atA = await openAndRead(t, world, 'joined-reader', 'a');
    const atB = await openAndRead(t, world, 'joined-reader', 'b');
    await t.http.put(`/api/contacts/${atA.contactId}`).set(as('a')).send({ phones: [{ phone: '13800009999', basis: 'in_person' }] }).expect(200);
    await t.http.put(`/api/contacts/${atB.contactId}`).set(as('b')).send({ phones: [{ phone: '13800009999', basis: 'in_person' }] }).expect(200);
    const persons = (await t.http.get('/api/contacts/shared-persons').set(as('lx')).expect(200)).body as SharedPersonView[];
    const joined = persons.filter((p) => p.contacts.some((c) => c.contactId === atA.contactId));
    expect(joined).toHaveLength(1);
    expect(joined[0].matchedBy).toEqual(['phone', 'unionid']);
    expect(joined[0].contacts).toHaveLength(2);
  });
});
