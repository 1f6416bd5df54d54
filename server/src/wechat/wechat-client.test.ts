import { AppError } from '../lib/app-error';
import { FakeWeChat, startFakeWeChat } from './fake-wechat-server';
import { WeChatClient } from './wechat-client';

describe('the WeChat client against a fake of WeChat', () => {
  let fake: FakeWeChat;
  let client: WeChatClient;
  beforeAll(async () => {
    fake = await startFakeWeChat({ appId: 'wx-test', appSecret: 'test-secret' });
    client = new WeChatClient({ appId: 'wx-test', appSecret: 'test-secret', apiBaseUrl: fake.baseUrl, timeoutMs: 500 });
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
});
