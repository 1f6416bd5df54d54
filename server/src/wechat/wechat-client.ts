import { AppError } from '../lib/app-error';

/** What login needs from jscode2session. session_key stays inside this module: nothing returns it. */
export interface WeChatIdentity {
  openid: string;
  unionid: string | null;
}

export interface WeChatClientOptions {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com in production; a local fake in tests and the embedded default. */
  apiBaseUrl: string;
  timeoutMs: number;
}

interface Code2SessionReply {
  openid?: unknown;
  unionid?: unknown;
  session_key?: unknown;
  errcode?: unknown;
  errmsg?: unknown;
}

// WeChat's documented errcodes for jscode2session, mapped to what our client can act on.
const INVALID_CODE = new Set([40029, 40163, 40226]);
const RATE_LIMITED = new Set([45011]);
const BUSY = new Set([-1]);

const weChatDown = () =>
  new AppError(503, 'wechat_unavailable', 'WeChat is not answering; retry later', undefined, { 'Retry-After': '5' });
const weChatGarbled = () => new AppError(502, 'wechat_bad_reply', 'WeChat answered with something we cannot read');

/** The real production client: one HTTPS call per login, with a timeout. */
export class WeChatClient {
  constructor(private readonly options: WeChatClientOptions) {}

  async codeToSession(code: string): Promise<WeChatIdentity> {
    const url = new URL('/sns/jscode2session', this.options.apiBaseUrl);
    url.searchParams.set('appid', this.options.appId);
    url.searchParams.set('secret', this.options.appSecret);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch {
      throw weChatDown();
    }
    if (response.status >= 500) throw weChatDown();
    if (response.status !== 200) throw weChatGarbled();
    let reply: Code2SessionReply;
    try {
      reply = (await response.json()) as Code2SessionReply;
    } catch {
      throw weChatGarbled();
    }
    if (reply === null || typeof reply !== 'object') throw weChatGarbled();
    const errcode = typeof reply.errcode === 'number' ? reply.errcode : 0;
    if (INVALID_CODE.has(errcode)) throw new AppError(401, 'wechat_code_invalid', 'the login code is invalid or used; call wx.login again');
    if (RATE_LIMITED.has(errcode)) {
      throw new AppError(429, 'wechat_rate_limited', 'too many logins; retry later', undefined, { 'Retry-After': '60' });
    }
    if (BUSY.has(errcode)) throw weChatDown();
    if (errcode !== 0) throw weChatGarbled();
    if (typeof reply.openid !== 'string' || reply.openid.length === 0 || reply.openid.length > 128) throw weChatGarbled();
    const unionid = typeof reply.unionid === 'string' && reply.unionid.length <= 128 ? reply.unionid : null;
    return { openid: reply.openid, unionid };
  }
}
