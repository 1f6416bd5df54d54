import { randomUUID } from 'node:crypto';
import type { AgentReachView, DeletionView, NoticeListView, PersonalDataExport, ReaderReachView, UploadedImageView } from '@kejing/shared';
import { bearer, buildWorld, openAndRead, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');
const MINUTE_MS = 60_000;

describe('the agent card: being reached (电话、微信二维码、留言)', () => {
  let t: TestApp;
  let world: World;
  const as = (key: string) => bearer((world.people[key] as { token: string }).token);
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params) as { n: unknown }[])[0].n);
  const uploadQr = async (key = 'a') => (await t.http.post('/api/uploads').set(as(key)).attach('file', PNG, 'qr.png').expect(201)).body as UploadedImageView;
  const putReach = (body: object, key = 'a') => t.http.put('/api/card/reach').set(as(key)).send(body);
  const readerReach = async (token: string, shareId: string) =>
    (await t.http.get('/api/card/reader-reach').query({ shareId }).set(bearer(token)).expect(200)).body as ReaderReachView;
  const say = (token: string, shareId: string, text: string, clientMessageId: string = randomUUID()) =>
    t.http.post('/api/card/messages').set(bearer(token)).send({ shareId, clientMessageId, text });

  it('starts with nothing to reach the agent by', async () => {
    expect((await t.http.get('/api/card/reach').set(as('b')).expect(200)).body).toEqual({ phone: null, phonePublic: false, wechatQrUrl: null, wechatQrKind: null });
  });

  it('keeps the phone private until the agent chooses to show it; the QR code shows once uploaded; audited', async () => {
    const reader = await openAndRead(t, world, 'card-reach-reader');
    const qr = await uploadQr();
    const saved = (await putReach({ phone: '13912345678', wechatQrUploadId: qr.uploadId, wechatQrKind: 'wecom' }).expect(200)).body as AgentReachView;
    expect(saved).toEqual({ phone: '13912345678', phonePublic: false, wechatQrUrl: qr.url, wechatQrKind: 'wecom' });
    expect(await readerReach(reader.token, reader.shareId)).toEqual({ agentName: '员工a', photoUrl: null, phone: null, wechatQrUrl: qr.url, wechatQrKind: 'wecom' });

    await putReach({ phonePublic: true }).expect(200);
    expect((await readerReach(reader.token, reader.shareId)).phone).toBe('13912345678');
    expect(await count(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'card.reach_updated' AND subject_id = ?`, [world.people.a?.staffId])).toBe(2);
  });

  it('uses an uploaded photo as the avatar instead of a typed URL', async () => {
    const photo = await uploadQr();
    const photoUrl = `http://127.0.0.1:3000${photo.url}`;
    expect((await t.http.put('/api/card').set(as('a')).send({ photoUrl }).expect(200)).body.photoUrl).toBe(photoUrl);
  });

  it.each<[string, object, string]>([
    ['a phone that is not one', { phone: '12ab' }, 'phone'],
    ['showing a phone never entered', { phonePublic: true }, 'phonePublic'],
    ['a QR code never uploaded', { wechatQrUploadId: 'f'.repeat(64) }, 'wechatQrUploadId'],
    ['a QR kind we do not know', { wechatQrKind: 'qq' }, 'wechatQrKind'],
  ])('refuses %s with 400 naming the field, and changes nothing', async (_name, body, field) => {
    const before = (await t.http.get('/api/card/reach').set(as('c')).expect(200)).body;
    const res = await putReach(body, 'c').expect(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field })]);
    expect((await t.http.get('/api/card/reach').set(as('c')).expect(200)).body).toEqual(before);
  });

  it('removes the QR code with null', async () => {
    const qr = await uploadQr('d');
    await putReach({ wechatQrUploadId: qr.uploadId }, 'd').expect(200);
    expect((await putReach({ wechatQrUploadId: null }, 'd').expect(200)).body).toEqual(expect.objectContaining({ wechatQrUrl: null, wechatQrKind: null }));
  });

  it('a customer\'s 留言 is stored once per client id and reaches the agent as an unread notice with the text', async () => {
    const reader = await openAndRead(t, world, 'card-message-reader', 'b');
    const clientMessageId = randomUUID();
    const first = await say(reader.token, reader.shareId, '  请问少儿重疾怎么配？  ', clientMessageId).expect(201);
    const again = await say(reader.token, reader.shareId, '请问少儿重疾怎么配？', clientMessageId).expect(200);
    expect(again.body.messageId).toBe(first.body.messageId);
    const notices = (await t.http.get('/api/notifications').set(as('b')).expect(200)).body as NoticeListView;
    expect(notices.items.filter((n) => n.kind === 'message')).toEqual([expect.objectContaining({ body: '请问少儿重疾怎么配？', contactId: reader.contactId, readAt: null, push: 'in_app' })]);
    expect(notices.unread).toBeGreaterThanOrEqual(1);
  });

  it('limits a customer to 3 messages in 10 minutes (429 with Retry-After and a Chinese reason), then lets them write again', async () => {
    const reader = await openAndRead(t, world, 'card-message-flood', 'c');
    for (let i = 0; i < 3; i += 1) await say(reader.token, reader.shareId, `第${i + 1}条`).expect(201);
    const refused = await say(reader.token, reader.shareId, '第4条').expect(429);
    expect(refused.headers['retry-after']).toBe('600');
    expect(refused.body.error.details[0]).toEqual({ field: 'text', label: '留言', reason: '留言太频繁，请 10 分钟后再试' });
    expect(await count('SELECT COUNT(*) AS n FROM customer_message WHERE body = ?', ['第4条'])).toBe(0);
    t.clock.advance(11 * MINUTE_MS);
    await say(reader.token, reader.shareId, '第4条').expect(201);
  });

  it.each<[string, string]>([['an empty message', '   '], ['more than 200 characters', '话'.repeat(201)]])('refuses %s with 400 on text', async (_name, text) => {
    const reader = await openAndRead(t, world, `card-message-bad-${text.length}`, 'd');
    const res = await say(reader.token, reader.shareId, text).expect(400);
    expect(res.body.error.details[0].field).toBe('text');
  });

  it('refuses a forged share with 404 and a caller without a WeChat session with 401', async () => {
    const reader = await openAndRead(t, world, 'card-message-forged');
    await say(reader.token, `${reader.shareId}x`, '你好').expect(404);
    await t.http.post('/api/card/messages').send({ shareId: reader.shareId, clientMessageId: randomUUID(), text: '你好' }).expect(401);
    await t.http.get('/api/card/reader-reach').query({ shareId: reader.shareId }).expect(401);
  });

  it('the person\'s own export carries their 留言, and erasing them erases the messages and the agent\'s notices about them', async () => {
    const reader = await openAndRead(t, world, 'card-message-privacy', 'b');
    await say(reader.token, reader.shareId, '请帮我看看我妈的医疗险').expect(201);
    const exported = (await t.http.get('/api/privacy/me/export').set(bearer(reader.token)).expect(200)).body as PersonalDataExport;
    expect(exported.contacts.find((c) => c.contactId === reader.contactId)?.messages).toEqual([{ body: '请帮我看看我妈的医疗险', createdAt: expect.any(String) }]);
    expect(await count('SELECT COUNT(*) AS n FROM agent_notice WHERE contact_id = ?', [reader.contactId])).toBe(1);

    const erased = (await t.http.delete('/api/privacy/me').set(bearer(reader.token)).expect(200)).body as DeletionView;
    expect(erased.deleted).toEqual(expect.objectContaining({ messages: 1, notices: 1 }));
    expect(await count('SELECT COUNT(*) AS n FROM customer_message WHERE contact_id = ?', [reader.contactId])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM agent_notice WHERE contact_id = ?', [reader.contactId])).toBe(0);
  });
});
