import { AppError } from '../lib/app-error';
import { FAKE_CODE_RATE_LIMITED_SCENE, FAKE_REVIEW_MARKER, FAKE_WXA_CODE_PNG, FakeWeChat, startFakeWeChat } from './fake-wechat-server';
import { SubscribeMessage, WeChatClient } from './wechat-client';

describe('the WeChat client against a fake of WeChat', () => {
  let fake: FakeWeChat;
  let client: WeChatClient;
  beforeAll(async () => {
    fake = await startFakeWeChat({ appId: 'wx-test', appSecret: 'test-secret' });
    // Generous: on a loaded 2-core CI machine the fake itself can take longer than half a second to answer.
    client = new WeChatClient({ appId: 'wx-test', appSecret: 'test-secret', apiBaseUrl: fake.baseUrl, timeoutMs: 3000 });
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.mode = 'normal';
  });

  it('turns a login code into an openid and never hands out the session_key', async () => {
    const identity = await client.codeToSession('abc');
    expect(identity).toEqual({ openid: 'openid-abc', unionid: 'unionid-abc' });
    expect(JSON.stringify(identity)).not.toContain('session');
  });

  it.each([
    ['invalid-code', 401, 'wechat_code_invalid'],
    ['rate-limited', 429, 'wechat_rate_limited'],
    ['system-busy', 503, 'wechat_unavailable'],
    ['garbled', 502, 'wechat_bad_reply'],
    ['http-500', 503, 'wechat_unavailable'],
  ])('maps WeChat answering %s to %i', async (code, status, errorCode) => {
    await expect(client.codeToSession(code)).rejects.toMatchObject({ status, code: errorCode });
  });

  it('answers 503 when WeChat does not answer in time', async () => {
    fake.mode = 'slow';
    const error = await client.codeToSession('abc').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 503 });
  });

  it('answers 503 when WeChat cannot be reached at all', async () => {
    const offline = new WeChatClient({ appId: 'a', appSecret: 'b', apiBaseUrl: 'http://127.0.0.1:1', timeoutMs: 500 });
    await expect(offline.codeToSession('abc')).rejects.toMatchObject({ status: 503 });
  });

  describe('the text security check (msgSecCheck 2.0)', () => {
    const check = (content: string, openid = 'openid-operator') => client.msgSecCheck({ content, openid, scene: 3, title: '标题' });

    it('gets a token from stable_token once, then posts version 2 with the openid and scene', async () => {
      const before = fake.calls.length;
      await expect(check('重疾险的保额怎么定')).resolves.toMatchObject({ suggest: 'pass', label: 100 });
      await check('第二段文字');
      const calls = fake.calls.slice(before);
      expect(calls.map((c) => c.path)).toEqual(['/cgi-bin/stable_token', '/wxa/msg_sec_check', '/wxa/msg_sec_check']);
      expect(calls[0]?.body).toMatchObject({ grant_type: 'client_credential', appid: 'wx-test' });
      expect(JSON.stringify(calls)).not.toContain('test-secret');
      expect(calls[1]?.body).toEqual({ content: '重疾险的保额怎么定', version: 2, scene: 3, openid: 'openid-operator', title: '标题' });
      expect(calls[1]?.query.access_token).toMatch(/^fake-access-token-/);
    });

    it.each([
      ['risky', '这里有赌博广告', 'risky'],
      ['review', `请人工看看 ${FAKE_REVIEW_MARKER}`, 'review'],
    ])('reports WeChat saying %s, which is not a pass', async (_what, text, suggest) => {
      await expect(check(text)).resolves.toMatchObject({ suggest });
    });

    it('renews an expired token once and retries', async () => {
      await check('先拿一个令牌');
      fake.expireTokens();
      const before = fake.calls.length;
      await expect(check('令牌过期之后')).resolves.toMatchObject({ suggest: 'pass' });
      expect(fake.calls.slice(before).map((c) => c.path)).toEqual(['/wxa/msg_sec_check', '/cgi-bin/stable_token', '/wxa/msg_sec_check']);
    });

    it('answers 422 when WeChat will not check for this openid', async () => {
      await expect(check('正文', 'unknown-person')).rejects.toMatchObject({ status: 422, code: 'wechat_openid_rejected' });
    });

    it('answers 503 when WeChat is busy or down, never a pass', async () => {
      await expect(check('fake-busy')).rejects.toMatchObject({ status: 503 });
      fake.mode = 'down';
      await expect(check('正文')).rejects.toMatchObject({ status: 503 });
    });

    it('answers 502 when our app secret is wrong', async () => {
      const wrong = new WeChatClient({ appId: 'wx-test', appSecret: 'wrong', apiBaseUrl: fake.baseUrl, timeoutMs: 3000 });
      await expect(wrong.msgSecCheck({ content: '正文', openid: 'openid-x', scene: 3 })).rejects.toMatchObject({ status: 502, code: 'wechat_credentials_invalid' });
    });
  });

  describe('mini program codes (getwxacodeunlimit)', () => {
    const scene = '0123456789abcdef0123456789abcdef';

    it('answers the image for a scene and page, asking for the release version without checking the path', async () => {
      const image = await client.unlimitedWxaCode({ scene, page: 'customer/read/index' });
      expect(image).toEqual({ contentType: 'image/png', bytes: FAKE_WXA_CODE_PNG });
      expect(fake.calls.at(-1)).toMatchObject({
        path: '/wxa/getwxacodeunlimit', body: { scene, page: 'customer/read/index', check_path: false, env_version: 'release', width: 430 },
      });
    });

    it('renews a stale access token once and still answers the image', async () => {
      await client.unlimitedWxaCode({ scene, page: 'customer/read/index' });
      fake.expireTokens();
      const before = fake.calls.length;
      await expect(client.unlimitedWxaCode({ scene, page: 'customer/read/index' })).resolves.toMatchObject({ contentType: 'image/png' });
      expect(fake.calls.slice(before).map((c) => c.path)).toEqual(['/wxa/getwxacodeunlimit', '/cgi-bin/stable_token', '/wxa/getwxacodeunlimit']);
    });

    it('maps WeChat refusing: too many codes → 429, a page the mini program lacks → 502 naming it, WeChat down → 503', async () => {
      await expect(client.unlimitedWxaCode({ scene: FAKE_CODE_RATE_LIMITED_SCENE, page: 'customer/read/index' })).rejects.toMatchObject({ status: 429, code: 'wechat_rate_limited' });
      const unknownPage = await client.unlimitedWxaCode({ scene, page: 'pages/nowhere/index' }).catch((e: unknown) => e);
      expect(unknownPage).toMatchObject({ status: 502, code: 'wechat_page_unknown', message: expect.stringContaining('pages/nowhere/index') });
      fake.mode = 'down';
      await expect(client.unlimitedWxaCode({ scene, page: 'customer/read/index' })).rejects.toMatchObject({ status: 503 });
    });

    it('refuses a scene WeChat would refuse before calling it', async () => {
      const before = fake.calls.length;
      await expect(client.unlimitedWxaCode({ scene: 'x'.repeat(33), page: 'customer/read/index' })).rejects.toThrow(/scene/);
      await expect(client.unlimitedWxaCode({ scene: '中文', page: 'customer/read/index' })).rejects.toThrow(/scene/);
      expect(fake.calls.length).toBe(before);
    });
  });

  describe('the phone-number flow (getuserphonenumber)', () => {
    it('exchanges a getPhoneNumber code with the cached access token for the pure number and country code', async () => {
      await client.accessToken();
      const before = fake.calls.length;
      await expect(client.phoneNumber('phone-13812341234')).resolves.toEqual({ purePhoneNumber: '13812341234', countryCode: '86' });
      expect(fake.calls.slice(before)).toEqual([expect.objectContaining({ path: '/wxa/business/getuserphonenumber', body: { code: 'phone-13812341234' } })]);
      expect(fake.calls.at(-1)?.query.access_token).toMatch(/^fake-access-token-/);
    });

    it('sends the openid so that WeChat checks the code was issued to that user, and reads either form of countryCode', async () => {
      await expect(client.phoneNumber('phone-13811110000-for-alice', 'openid-bob')).rejects.toMatchObject({ status: 400, code: 'wechat_phone_code_invalid' });
      expect(fake.calls.at(-1)?.body).toEqual({ code: 'phone-13811110000-for-alice', openid: 'openid-bob' });
      await expect(client.phoneNumber('phone-13811112222-for-alice', 'openid-alice')).resolves.toEqual({ purePhoneNumber: '13811112222', countryCode: '86' });
      await expect(client.phoneNumber('phone-intl-91234567')).resolves.toEqual({ purePhoneNumber: '91234567', countryCode: '852' });
    });

    it('renews a stale access token once', async () => {
      await client.accessToken();
      fake.expireTokens();
      const before = fake.calls.length;
      await expect(client.phoneNumber('phone-13900001111')).resolves.toMatchObject({ purePhoneNumber: '13900001111' });
      expect(fake.calls.slice(before).map((c) => c.path)).toEqual(['/wxa/business/getuserphonenumber', '/cgi-bin/stable_token', '/wxa/business/getuserphonenumber']);
    });

    it.each([
      ['invalid-code', 400, 'wechat_phone_code_invalid'],
      ['rate-limited', 429, 'wechat_rate_limited'],
      ['system-busy', 503, 'wechat_unavailable'],
    ])('maps WeChat answering %s to %i', async (code, status, errorCode) => {
      await expect(client.phoneNumber(code)).rejects.toMatchObject({ status, code: errorCode });
    });

    it('refuses a code used once already, naming the field in Chinese', async () => {
      await client.phoneNumber('phone-13700002222');
      const error = await client.phoneNumber('phone-13700002222').catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 400, details: [{ field: 'phoneCode', reason: expect.stringContaining('微信手机号') }] });
    });

    it('does not trust a number released to another app (the watermark names ours)', async () => {
      const other = new WeChatClient({ appId: 'wx-other', appSecret: 'test-secret', apiBaseUrl: fake.baseUrl, timeoutMs: 3000 });
      // The fake hands tokens only to its own app id, so the other client borrows one to reach the phone API.
      (other as unknown as { token: { value: string; expiresAtMs: number } }).token = { value: await client.accessToken(), expiresAtMs: Date.now() + 60_000 };
      await expect(other.phoneNumber('phone-13600003333')).rejects.toMatchObject({ status: 502, code: 'wechat_bad_reply' });
    });
  });

  describe('subscription messages (subscribeMessage.send)', () => {
    const message: SubscribeMessage = { touser: 'openid-agent', templateId: 'tmpl-activity', page: 'agent/notices/index?noticeId=n1', data: { thing1: '周女士', thing2: '留下了联系方式', time3: '2026年11月2日 09:05' } };

    it('sends the documented body (touser, template_id, page, data as {value}, miniprogram_state, lang) and WeChat records it', async () => {
      const before = fake.subscribeMessages.length;
      await expect(client.sendSubscribeMessage(message)).resolves.toEqual({ sent: true, msgId: expect.any(String) });
      const call = fake.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send').at(-1);
      expect(call?.query.access_token).toMatch(/^fake-access-token-/);
      expect(call?.body).toEqual({
        touser: 'openid-agent', template_id: 'tmpl-activity', page: 'agent/notices/index?noticeId=n1',
        data: { thing1: { value: '周女士' }, thing2: { value: '留下了联系方式' }, time3: { value: '2026年11月2日 09:05' } }, miniprogram_state: 'formal', lang: 'zh_CN',
      });
      expect(fake.subscribeMessages.slice(before)).toEqual([expect.objectContaining({ touser: 'openid-agent', data: message.data })]);
    });

    it('reports 43101 (the user refused, or no grant left) as refused, and nothing is delivered', async () => {
      fake.refusingOpenids.add('openid-refuser');
      const before = fake.subscribeMessages.length;
      await expect(client.sendSubscribeMessage({ ...message, touser: 'openid-refuser' })).resolves.toMatchObject({ sent: false, reason: 'refused', errcode: 43101 });
      expect(fake.subscribeMessages.length).toBe(before);
    });

    it.each<[string, string, Partial<SubscribeMessage>]>([
      ['a thing longer than 20 characters', 'bad_data', { data: { thing1: '一二三四五六七八九十一二三四五六七八九十一' } }],
      ['an unknown page', 'bad_page', { page: 'pages/nowhere/index' }],
      ['an openid that is not one', 'bad_openid', { touser: 'nobody' }],
      ['no template', 'bad_template', { templateId: '' }],
    ])('reports %s as %s', async (_name, reason, change) => {
      await expect(client.sendSubscribeMessage({ ...message, ...change })).resolves.toMatchObject({ sent: false, reason });
    });

    it('renews a stale access token once and sends', async () => {
      await client.accessToken();
      fake.expireTokens();
      await expect(client.sendSubscribeMessage(message)).resolves.toMatchObject({ sent: true });
    });

    it('answers 503 when WeChat is down, so the caller can keep the message for later', async () => {
      fake.mode = 'down';
      await expect(client.sendSubscribeMessage(message)).rejects.toMatchObject({ status: 503 });
    });
  });
});
