import { FAKE_WXA_CODE_PNG } from '../../server/src/wechat/fake-wechat-server';
import { bearer, buildWorld, login, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

/** Posters carry a mini program code (小程序码): scanned in WeChat it opens the reader with a scene that leads back to the share. */
describe('poster codes', () => {
  let t: TestApp;
  let world: World;
  const as = (who: string) => bearer((world.people[who] as { token: string }).token);
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());
  afterEach(() => {
    t.wechat.mode = 'normal';
  });

  const rowIdOf = (shareId: string) => (t.services.shares.verify(shareId) as { shareId: string }).shareId;

  it("gives an agent the code for their own poster share: WeChat's image, for the reader page, with the share's 32-character scene", async () => {
    const shareId = await shareArticle(t, world, 'a', 'poster');
    const res = await t.http.get(`/api/shares/${encodeURIComponent(shareId)}/poster-code`).set(as('a')).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(res.body as Buffer, FAKE_WXA_CODE_PNG)).toBe(0);
    const call = t.wechat.calls.filter((c) => c.path === '/wxa/getwxacodeunlimit').at(-1);
    expect(call?.body).toMatchObject({ scene: rowIdOf(shareId).replace(/-/g, ''), page: 'customer/read/index', check_path: false, env_version: 'release' });
    expect(String(call?.body?.scene)).toHaveLength(32);
  });

  it('turns a scanned scene back into a share id that opens the same share for the customer', async () => {
    const shareId = await shareArticle(t, world, 'a', 'poster');
    const customer = await login(t, 'poster-scanner');
    const scene = rowIdOf(shareId).replace(/-/g, '');
    const found = await t.http.get(`/api/shares/scenes/${scene}`).set(bearer(customer.token)).expect(200);
    expect(rowIdOf(found.body.shareId)).toBe(rowIdOf(shareId));
    expect(found.body.path).toBe(`/customer/read/index?s=${encodeURIComponent(found.body.shareId)}`);
    const opened = await t.http.post(`/api/shares/${encodeURIComponent(found.body.shareId)}/open`).set(bearer(customer.token)).expect(200);
    const direct = await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(customer.token)).expect(200);
    expect(opened.body.content).toEqual(direct.body.content);
    expect(opened.body.agent).toEqual(direct.body.agent);
    // One customer, one contact, however they arrived.
    expect(opened.body.contactId).toBe(direct.body.contactId);
  });

  it('answers 404 for a scene that names no share or is not a scene at all', async () => {
    const customer = await login(t, 'poster-guesser');
    await t.http.get(`/api/shares/scenes/${'0'.repeat(32)}`).set(bearer(customer.token)).expect(404);
    await t.http.get('/api/shares/scenes/not-a-scene').set(bearer(customer.token)).expect(404);
    await t.http.get(`/api/shares/scenes/${'A'.repeat(32)}`).set(bearer(customer.token)).expect(404);
  });

  it("refuses another agent's share (404, as if unknown) and a customer (403), without calling WeChat", async () => {
    const shareId = await shareArticle(t, world, 'a', 'poster');
    const codeCalls = () => t.wechat.calls.filter((c) => c.path === '/wxa/getwxacodeunlimit').length;
    const before = codeCalls();
    await t.http.get(`/api/shares/${encodeURIComponent(shareId)}/poster-code`).set(as('b')).expect(404);
    const customer = await login(t, 'poster-snoop');
    await t.http.get(`/api/shares/${encodeURIComponent(shareId)}/poster-code`).set(bearer(customer.token)).expect(403);
    await t.http.get(`/api/shares/${encodeURIComponent(`${shareId}x`)}/poster-code`).set(as('a')).expect(404);
    expect(codeCalls()).toBe(before);
  });

  it('answers 503 with Retry-After when WeChat is down', async () => {
    const shareId = await shareArticle(t, world, 'a', 'poster');
    t.wechat.mode = 'down';
    const res = await t.http.get(`/api/shares/${encodeURIComponent(shareId)}/poster-code`).set(as('a')).expect(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body.error.code).toBe('wechat_unavailable');
  });
});
