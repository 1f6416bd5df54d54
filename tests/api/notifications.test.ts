import { randomUUID } from 'node:crypto';
import type { ContactScore, NoticeListView, NotificationSettingsView, UnreadCountView } from '@kejing/shared';
import { bearer, buildWorld, login, openAndRead, startTestApp, TEST_NOW, TestApp, World } from '../../server/src/testing/test-app';
import { Contact } from '../../server/src/modules/contacts/contact.entity';
import { explainStoredScore } from '../../server/src/modules/scoring/score-explanation';

const HOUR_MS = 3600_000;
const consent = { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' };
const TEMPLATES = { activity: 'tmpl-activity', message: 'tmpl-message', reminder: 'tmpl-reminder' };

describe('the agent\'s notices (消息) and their WeChat subscription messages', () => {
  let t: TestApp;
  let world: World;
  const as = (key: string) => bearer((world.people[key] as { token: string }).token);
  const staffId = (key: string) => (world.people[key] as { staffId: string }).staffId;
  beforeAll(async () => {
    t = await startTestApp({ notifications: { templates: TEMPLATES, quietStart: '22:00', quietEnd: '08:00', dailyCap: 10, deliverEveryMs: 60_000 } });
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());
  beforeEach(() => {
    t.clock.set(TEST_NOW);
    t.wechat.mode = 'normal';
    t.wechat.refusingOpenids.clear();
  });

  const rows = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params) as Promise<Record<string, unknown>[]>;
  const openidOf = async (key: string) => String((await rows('SELECT u.openid FROM staff_member s JOIN app_user u ON u.id = s.user_id WHERE s.id = ?', [staffId(key)]))[0].openid);
  const list = async (key: string) => (await t.http.get('/api/notifications').set(as(key)).expect(200)).body as NoticeListView;
  const settings = async (key: string) => (await t.http.get('/api/notifications/settings').set(as(key)).expect(200)).body as NotificationSettingsView;
  const grant = async (key: string, results: Record<string, string>) =>
    (await t.http.post('/api/notifications/grants').set(as(key)).send({ results }).expect(200)).body as NotificationSettingsView;
  const sentTo = async (key: string) => {
    const openid = await openidOf(key);
    return t.wechat.subscribeMessages.filter((m) => m.touser === openid);
  };
  const remind = (key: string, sourceKey: string, detail = '给王姐回电话') =>
    t.services.notifications.notify(staffId(key), 'reminder', { sourceKey, subject: '王姐', detail });
  const noticeBySource = async (sourceKey: string) => {
    const [row] = await rows('SELECT * FROM agent_notice WHERE source_key = ?', [sourceKey]);
    // bigint comes back from MariaDB as a string.
    return { ...row, push_state: row.push_state, push_after_ms: row.push_after_ms === null ? null : Number(row.push_after_ms) };
  };

  it('a lead makes one notice in the app and, with a grant, one subscription message with the documented data', async () => {
    await grant('a', { 'tmpl-activity': 'accept' });
    const { token, shareId, contactId } = await openAndRead(t, world, 'notice-lead');
    const clientEventId = randomUUID();
    await t.http.post('/api/leads').set(bearer(token)).send({ clientEventId, shareId, name: '周女士', phone: '13600003333', consent }).expect(201);
    await t.services.scoringWorker.drain();

    const notices = (await list('a')).items.filter((n) => n.kind === 'lead');
    expect(notices).toEqual([expect.objectContaining({ title: '周女士', contactId, push: 'sent', readAt: null, page: `agent/contact/index?id=${contactId}` })]);
    expect(await sentTo('a')).toEqual([{
      touser: await openidOf('a'), templateId: 'tmpl-activity', page: `agent/contact/index?id=${contactId}`,
      data: { thing1: '周女士', thing2: '留下了联系方式，请尽快电话回访', time3: '2026年11月2日 09:00' }, miniprogramState: 'formal', lang: 'zh_CN',
    }]);
    // The one grant is spent.
    expect((await settings('a')).templates.find((x) => x.template === 'activity')?.remaining).toBe(0);

    // The same lead replayed and its contact scored again: still one notice, one message.
    await t.http.post('/api/leads').set(bearer(token)).send({ clientEventId, shareId, name: '周女士', phone: '13600003333', consent }).expect(200);
    await t.services.scorer.scoreContacts([contactId]);
    expect((await list('a')).items.filter((n) => n.kind === 'lead')).toHaveLength(1);
    expect(await sentTo('a')).toHaveLength(1);
  });

  it('a notice names the person as the agent calls them now, after a rename', async () => {
    const { token, shareId, contactId } = await openAndRead(t, world, 'notice-rename');
    await t.http.post('/api/leads').set(bearer(token)).send({ clientEventId: randomUUID(), shareId, name: '钱女士', phone: '13600004444', consent }).expect(201);
    await t.services.scoringWorker.drain();
    const before = (await list('a')).items.find((n) => n.contactId === contactId && n.kind === 'lead');
    expect(before?.title).toBe('钱女士');
    await t.http.put(`/api/contacts/${contactId}`).set(as('a')).send({ remarkName: '钱姐（瑜伽）' }).expect(200);
    const after = (await list('a')).items.find((n) => n.contactId === contactId && n.kind === 'lead');
    expect(after?.title).toBe('钱姐（瑜伽）');
  });

  it('without a grant the notice is still in the app (push no_grant) and nothing is sent', async () => {
    const before = (await sentTo('b')).length;
    await remind('b', 'no-grant-1');
    expect(await noticeBySource('reminder:no-grant-1')).toEqual(expect.objectContaining({ push_state: 'no_grant' }));
    expect((await sentTo('b')).length).toBe(before);
    expect((await t.http.get('/api/notifications/unread-count').set(as('b')).expect(200)).body as UnreadCountView).toEqual({ unread: 1 });
  });

  it('notify() with the same kind and source twice stores one notice and pushes once', async () => {
    await grant('c', { 'tmpl-reminder': 'accept' });
    await grant('c', { 'tmpl-reminder': 'accept' });
    const first = await remind('c', 'task-1@1000');
    const second = await remind('c', 'task-1@1000');
    expect(first.created).toBe(true);
    expect(second).toEqual({ noticeId: first.noticeId, created: false });
    expect(await sentTo('c')).toEqual([expect.objectContaining({ templateId: 'tmpl-reminder', data: { thing1: '给王姐回电话', time2: '2026年11月2日 09:00', thing3: '王姐' } })]);
    expect((await settings('c')).templates.find((x) => x.template === 'reminder')?.remaining).toBe(1);
  });

  it('in quiet hours the push waits until they end (08:00 China time), then goes out once', async () => {
    await grant('d', { 'tmpl-reminder': 'accept' });
    t.clock.set(TEST_NOW + 14 * HOUR_MS); // 23:00 China time
    await remind('d', 'quiet-1');
    const queued = await noticeBySource('reminder:quiet-1');
    expect(queued).toEqual(expect.objectContaining({ push_state: 'queued', push_after_ms: TEST_NOW + 23 * HOUR_MS }));
    expect(await sentTo('d')).toHaveLength(0);

    t.clock.set(TEST_NOW + 22 * HOUR_MS); // 07:00: still quiet
    await t.services.notifications.deliverQueued();
    expect(await sentTo('d')).toHaveLength(0);

    t.clock.set(TEST_NOW + 23 * HOUR_MS); // 08:00
    await Promise.all([t.services.notifications.deliverQueued(), t.services.notifications.deliverQueued()]);
    expect(await sentTo('d')).toHaveLength(1);
    expect((await noticeBySource('reminder:quiet-1')).push_state).toBe('sent');
  });

  it('in quiet hours without a grant the notice says no_grant at once instead of waiting', async () => {
    t.clock.set(TEST_NOW + 14 * HOUR_MS);
    await remind('b', 'quiet-no-grant');
    expect((await noticeBySource('reminder:quiet-no-grant')).push_state).toBe('no_grant');
  });

  it('a queued push whose notice was read meanwhile stays in the app', async () => {
    await grant('d', { 'tmpl-reminder': 'accept' });
    t.clock.set(TEST_NOW + 14 * HOUR_MS);
    const { noticeId } = await remind('d', 'quiet-read');
    await t.http.post(`/api/notifications/${noticeId}/read`).set(as('d')).expect(200);
    t.clock.set(TEST_NOW + 23 * HOUR_MS);
    const before = (await sentTo('d')).length;
    await t.services.notifications.deliverQueued();
    expect((await noticeBySource('reminder:quiet-read')).push_state).toBe('in_app');
    expect((await sentTo('d')).length).toBe(before);
  });

  it('the agent\'s own quiet hours and daily cap apply: past the cap, notices stay in the app', async () => {
    await t.http.put('/api/notifications/settings').set(as('lx')).send({ quietStart: '12:00', quietEnd: '12:00', dailyCap: 1 }).expect(200);
    await grant('lx', { 'tmpl-reminder': 'accept' });
    await grant('lx', { 'tmpl-reminder': 'accept' });
    t.clock.set(TEST_NOW + 14 * HOUR_MS); // 23:00, not quiet for this agent (start = end: never)
    await remind('lx', 'cap-1');
    await remind('lx', 'cap-2');
    expect((await noticeBySource('reminder:cap-1')).push_state).toBe('sent');
    expect((await noticeBySource('reminder:cap-2')).push_state).toBe('capped');
    const view = await settings('lx');
    expect(view).toEqual(expect.objectContaining({ quietStart: '12:00', quietEnd: '12:00', dailyCap: 1, sentToday: 1 }));
    expect(view.templates.find((x) => x.template === 'reminder')?.remaining).toBe(1);
  });

  it('WeChat answering 43101 marks the push refused and the template as having no sends left', async () => {
    await grant('ly', { 'tmpl-reminder': 'accept' });
    await grant('ly', { 'tmpl-reminder': 'accept' });
    t.wechat.refusingOpenids.add(await openidOf('ly'));
    await remind('ly', 'refused-1');
    expect(await noticeBySource('reminder:refused-1')).toEqual(expect.objectContaining({ push_state: 'refused', push_error: '43101' }));
    expect((await settings('ly')).templates.find((x) => x.template === 'reminder')?.remaining).toBe(0);
  });

  it('WeChat being down keeps the grant and retries a minute later', async () => {
    await grant('a', { 'tmpl-reminder': 'accept' });
    t.wechat.mode = 'down';
    await remind('a', 'down-1');
    expect(await noticeBySource('reminder:down-1')).toEqual(expect.objectContaining({ push_state: 'queued', push_after_ms: TEST_NOW + 60_000 }));
    t.wechat.mode = 'normal';
    t.clock.set(TEST_NOW + 60_000);
    await t.services.notifications.deliverQueued();
    expect((await noticeBySource('reminder:down-1')).push_state).toBe('sent');
    expect((await settings('a')).templates.find((x) => x.template === 'reminder')?.remaining).toBe(0);
  });

  it('a reject or ban leaves no sends; a template id that is not ours is refused with the field named', async () => {
    await grant('b', { 'tmpl-message': 'accept' });
    expect((await grant('b', { 'tmpl-message': 'reject' })).templates.find((x) => x.template === 'message')?.remaining).toBe(0);
    const res = await t.http.post('/api/notifications/grants').set(as('b')).send({ results: { 'someone-elses': 'accept' } }).expect(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'results.someone-elses' })]);
    const bad = await t.http.post('/api/notifications/grants').set(as('b')).send({ results: { 'tmpl-message': 'maybe' } }).expect(400);
    expect(bad.body.error.details[0].field).toBe('results.tmpl-message');
  });

  it('refuses quiet hours that are not HH:MM and a cap outside 0–50, naming the field in Chinese, and changes nothing', async () => {
    for (const [body, field] of [[{ quietStart: '25:00' }, 'quietStart'], [{ quietEnd: '8:00' }, 'quietEnd'], [{ dailyCap: 51 }, 'dailyCap']] as const) {
      const res = await t.http.put('/api/notifications/settings').set(as('b')).send(body).expect(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field, reason: expect.stringMatching(/[\u4e00-\u9fa5]/) })]);
    }
    expect(await settings('b')).toEqual(expect.objectContaining({ quietStart: '22:00', quietEnd: '08:00', dailyCap: 10 }));
  });

  it('is for agents and leaders: a manager is refused', async () => {
    await t.http.get('/api/notifications').set(as('m1')).expect(403);
  });

  it('marks one notice read, then all; another agent cannot touch them', async () => {
    const one = await remind('b', 'read-1');
    await remind('b', 'read-2');
    const before = (await list('b')).unread;
    await t.http.post(`/api/notifications/${one.noticeId}/read`).set(as('a')).expect(404);
    const marked = (await t.http.post(`/api/notifications/${one.noticeId}/read`).set(as('b')).expect(200)).body;
    expect(marked).toEqual({ marked: 1, unread: before - 1 });
    expect((await t.http.post(`/api/notifications/${one.noticeId}/read`).set(as('b')).expect(200)).body).toEqual({ marked: 0, unread: before - 1 });
    expect((await t.http.get('/api/notifications?unread=true').set(as('b')).expect(200)).body.items.map((n: { noticeId: string }) => n.noticeId)).not.toContain(one.noticeId);
    expect((await t.http.post('/api/notifications/read-all').set(as('b')).expect(200)).body).toEqual({ marked: before - 1, unread: 0 });
  });

  it('a read that lifts intent into the high band is a notice once, naming the content', async () => {
    const { contactId } = await openAndRead(t, world, 'notice-intent');
    await t.services.scoringWorker.drain();
    const contact = await t.db.dataSource.getRepository(Contact).findOneByOrFail({ id: contactId });
    const after: ContactScore = { ...(await explainStoredScore(t.db.dataSource, contact)) as ContactScore, intentBand: 'high' };
    const before: ContactScore = { ...after, intentBand: 'mid' };
    const read = { id: randomUUID(), type: 'read_complete' as const, occurredAtMs: TEST_NOW, contentTags: [], rowId: randomUUID(), scored: false, contentVersionId: world.versionId, contentTitle: '重疾险的三个误区' };
    const outcome = { contactId, before, after, plans: [], fresh: [read], becameEngaged: true };
    await t.services.scorer.onScored([outcome]);
    await t.services.scorer.onScored([outcome]);
    const notices = (await list('a')).items.filter((n) => n.kind === 'high_intent' && n.contactId === contactId);
    expect(notices).toEqual([expect.objectContaining({ body: '深度阅读《重疾险的三个误区》，意向度升至高' })]);
  });

  it('a new contact brought by a customer\'s forward is a referral notice naming the forwarder', async () => {
    const referrer = await openAndRead(t, world, 'notice-referrer');
    await t.services.scoringWorker.drain();
    await t.http.put(`/api/contacts/${referrer.contactId}`).set(as('a')).send({ remarkName: '老李' }).expect(200);
    const child = (await t.http.post(`/api/shares/${encodeURIComponent(referrer.shareId)}/forward`).set(bearer(referrer.token)).send({ channel: 'friend' }).expect(201)).body.shareId as string;
    const friend = (await login(t, 'notice-referee')).token;
    const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(child)}/open`).set(bearer(friend)).expect(200)).body.contactId as string;
    await t.http.post('/api/events').set(bearer(friend)).send({
      sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), type: 'open', shareId: child, createdAtDeviceMs: t.clock.nowMs() }],
    }).expect(200);
    await t.services.scoringWorker.drain();
    const notices = (await list('a')).items.filter((n) => n.kind === 'referral');
    expect(notices).toEqual([expect.objectContaining({ contactId, title: '新客户', body: '经老李转发而来的新客户' })]);
  });
});
