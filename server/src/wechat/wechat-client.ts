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
  /** Which version of the mini program a poster's code opens: release (default), trial or develop. */
  miniProgramEnv?: MiniProgramEnv;
}

export type MiniProgramEnv = 'release' | 'trial' | 'develop';
export const MINI_PROGRAM_ENVS: readonly MiniProgramEnv[] = ['release', 'trial', 'develop'];

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

/** The verdict of WeChat's text security check (msgSecCheck 2.0). Only 'pass' lets a text through. */
export interface SecCheckResult {
  suggest: 'pass' | 'review' | 'risky';
  /** WeChat's label: 100 normal, 10001 advertising, 20001 politics, 20002 porn, 20006 crime, 20008 fraud … */
  label: number;
  traceId: string | null;
}

export interface SecCheckRequest {
  content: string;
  /** The person the text is from; WeChat requires one who used the mini program in the last two hours. */
  openid: string;
  /** 1 profile, 2 comment, 3 forum, 4 social log. */
  scene: 1 | 2 | 3 | 4;
  title?: string;
}

/** A mini program code (小程序码) that opens `page` with `scene` in its launch options. */
export interface WxaCodeRequest {
  /** At most 32 visible characters: WeChat's limit. */
  scene: string;
  /** A page path without the leading slash, e.g. "customer/read/index". */
  page: string;
  /** Pixels, 280–1280. */
  width?: number;
}

export interface WxaCodeImage {
  contentType: string;
  bytes: Buffer;
}

/** The number WeChat's phone-number flow vouches for (phone_info of getuserphonenumber). */
export interface WeChatPhone {
  /** Without the country code, e.g. "13812341234". */
  purePhoneNumber: string;
  /** e.g. "86". */
  countryCode: string;
}

/** WeChat's own rule for a scene: 1–32 of these characters. */
export const WXA_SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

/** WeChat refuses more than this many characters in one msgSecCheck call. */
export const SEC_CHECK_MAX_CHARS = 2500;

/** A subscription message (订阅消息) to one user, as subscribeMessage.send takes it. */
export interface SubscribeMessage {
  /** The receiver's openid. */
  touser: string;
  templateId: string;
  /** A page of this mini program, with query, e.g. "agent/notices/index?noticeId=…"; none: the card opens nothing. */
  page?: string;
  /** Values by the template's keys (thing1, time2, phrase3 …), each within its kind's limit (thing ≤ 20 characters). */
  data: Record<string, string>;
}

/** What became of a send: WeChat's refusals that are about this message, not about WeChat being down. */
export type SubscribeSendResult =
  | { sent: true; msgId: string | null }
  /** refused: 43101, the user refused or has no grant left; the rest are our mistakes (openid, template, data, page). */
  | { sent: false; reason: 'refused' | 'bad_openid' | 'bad_template' | 'bad_data' | 'bad_page'; errcode: number; errmsg: string };

const SUBSCRIBE_REFUSALS: Record<number, Exclude<SubscribeSendResult, { sent: true }>['reason']> = {
  43101: 'refused', 40003: 'bad_openid', 40037: 'bad_template', 47003: 'bad_data', 41030: 'bad_page',
};
/** miniprogram_state names the versions as WeChat's send API does. */
const MINIPROGRAM_STATE: Record<MiniProgramEnv, string> = { release: 'formal', trial: 'trial', develop: 'developer' };

// Token errcodes after which one fresh token is worth a retry: invalid, expired, not latest.
const TOKEN_STALE = new Set([40001, 42001, 40014]);
const CREDENTIALS_WRONG = new Set([40013, 40125, 40164, 41002, 41004]);

const weChatDown = () =>
  new AppError(503, 'wechat_unavailable', undefined, undefined, { 'Retry-After': '5' });
const weChatGarbled = () => new AppError(502, 'wechat_bad_reply');

type Reply = Record<string, unknown>;

/** The real production client: one HTTPS call per login or check, with a timeout. */
export class WeChatClient {
  private token: { value: string; expiresAtMs: number } | null = null;
  private tokenInFlight: Promise<string> | null = null;

  constructor(private readonly options: WeChatClientOptions) {}

  /** GET or POST one WeChat endpoint; no answer or a 5xx is 503, any other status but 200 is 502. */
  private async send(path: string, query: Record<string, string>, body?: unknown): Promise<Response> {
    const url = new URL(path, this.options.apiBaseUrl);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch {
      throw weChatDown();
    }
    if (response.status >= 500) throw weChatDown();
    if (response.status !== 200) throw weChatGarbled();
    return response;
  }

  /** One WeChat endpoint that answers JSON; every failure to get a JSON object becomes 503 or 502. */
  private async call(path: string, query: Record<string, string>, body?: unknown): Promise<Reply> {
    return this.readReply(await this.send(path, query, body));
  }

  private async readReply(response: Response): Promise<Reply> {
    let reply: unknown;
    try {
      reply = await response.json();
    } catch {
      throw weChatGarbled();
    }
    if (reply === null || typeof reply !== 'object' || Array.isArray(reply)) throw weChatGarbled();
    const errcode = (reply as Reply).errcode;
    if (errcode === -1) throw weChatDown();
    if (typeof errcode === 'number' && RATE_LIMITED.has(errcode)) {
      throw new AppError(429, 'wechat_rate_limited', undefined, undefined, { 'Retry-After': '60' });
    }
    return reply as Reply;
  }

  /**
   * The server's access token from /cgi-bin/stable_token (WeChat's recommended endpoint: it does
   * not invalidate tokens other instances hold). Cached until five minutes before it expires;
   * concurrent callers share one request. Token lifetimes are WeChat's wall clock, hence Date.now.
   */
  async accessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.token && Date.now() < this.token.expiresAtMs) return this.token.value;
    if (this.tokenInFlight) return this.tokenInFlight;
    this.tokenInFlight = (async () => {
      const reply = await this.call('/cgi-bin/stable_token', {}, {
        grant_type: 'client_credential', appid: this.options.appId, secret: this.options.appSecret, force_refresh: forceRefresh,
      });
      const errcode = typeof reply.errcode === 'number' ? reply.errcode : 0;
      if (CREDENTIALS_WRONG.has(errcode)) throw new AppError(502, 'wechat_credentials_invalid');
      if (errcode !== 0 || typeof reply.access_token !== 'string' || reply.access_token.length === 0) throw weChatGarbled();
      const expiresInSec = typeof reply.expires_in === 'number' ? reply.expires_in : 7200;
      this.token = { value: reply.access_token, expiresAtMs: Date.now() + Math.max(60, expiresInSec - 300) * 1000 };
      return this.token.value;
    })();
    try {
      return await this.tokenInFlight;
    } finally {
      this.tokenInFlight = null;
    }
  }

  /** Calls msgSecCheck 2.0 on one text (at most SEC_CHECK_MAX_CHARS); a stale token is renewed once. */
  async msgSecCheck(request: SecCheckRequest): Promise<SecCheckResult> {
    if ([...request.content].length > SEC_CHECK_MAX_CHARS) throw new Error(`msgSecCheck takes at most ${SEC_CHECK_MAX_CHARS} characters`);
    const body = { content: request.content, version: 2, scene: request.scene, openid: request.openid, ...(request.title ? { title: request.title } : {}) };
    let reply = await this.call('/wxa/msg_sec_check', { access_token: await this.accessToken() }, body);
    if (typeof reply.errcode === 'number' && TOKEN_STALE.has(reply.errcode)) {
      reply = await this.call('/wxa/msg_sec_check', { access_token: await this.accessToken(true) }, body);
    }
    const errcode = typeof reply.errcode === 'number' ? reply.errcode : 0;
    const traceId = typeof reply.trace_id === 'string' ? reply.trace_id : null;
    // 87014 is the 1.0 API's "risky content" answer; treat it the same if WeChat ever sends it.
    if (errcode === 87014) return { suggest: 'risky', label: 0, traceId };
    if (errcode === 40003 || errcode === 43104) {
      throw new AppError(422, 'wechat_openid_rejected');
    }
    if (errcode !== 0) throw weChatGarbled();
    const result = reply.result as { suggest?: unknown; label?: unknown } | undefined;
    const suggest = result?.suggest;
    if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') throw weChatGarbled();
    return { suggest, label: typeof result?.label === 'number' ? result.label : 0, traceId };
  }

  /**
   * A mini program code from getwxacodeunlimit (no total quota, unlike getwxacode). WeChat answers
   * an image, or JSON with an errcode; a stale token is renewed once.
   */
  async unlimitedWxaCode(request: WxaCodeRequest): Promise<WxaCodeImage> {
    if (!WXA_SCENE_PATTERN.test(request.scene)) throw new Error('a scene is 1–32 of the characters WeChat allows');
    const body = {
      scene: request.scene, page: request.page, check_path: false, env_version: this.options.miniProgramEnv ?? 'release', width: request.width ?? 430,
    };
    const fetchCode = async (token: string): Promise<{ image: WxaCodeImage } | { reply: Reply }> => {
      const response = await this.send('/wxa/getwxacodeunlimit', { access_token: token }, body);
      const contentType = response.headers.get('content-type') ?? '';
      if (contentType.startsWith('image/')) return { image: { contentType, bytes: Buffer.from(await response.arrayBuffer()) } };
      return { reply: await this.readReply(response) };
    };
    let answer = await fetchCode(await this.accessToken());
    if ('reply' in answer && typeof answer.reply.errcode === 'number' && TOKEN_STALE.has(answer.reply.errcode)) answer = await fetchCode(await this.accessToken(true));
    if ('image' in answer) {
      if (answer.image.bytes.length === 0) throw weChatGarbled();
      return answer.image;
    }
    const { reply } = answer;
    if (reply.errcode === 45009) throw new AppError(429, 'wechat_rate_limited', '今天生成小程序码太多了，请稍后再试', undefined, { 'Retry-After': '60' });
    if (reply.errcode === 41030) {
      throw new AppError(502, 'wechat_page_unknown', `微信在小程序的 ${body.env_version} 版本里找不到页面 ${request.page}，请确认小程序已发布新版本`);
    }
    throw weChatGarbled();
  }

  /**
   * The phone number behind a getPhoneNumber code (getuserphonenumber; a code works once, for five
   * minutes). The errcodes map as login's do, except that a bad code is the caller's input (400).
   * WeChat documents countryCode as a string but its own example answers a number: both are read.
   */
  async phoneNumber(code: string, openid?: string): Promise<WeChatPhone> {
    // With the openid, WeChat also checks that the code was issued to this user: a code taken from someone else fails.
    const body = { code, ...(openid ? { openid } : {}) };
    let reply = await this.call('/wxa/business/getuserphonenumber', { access_token: await this.accessToken() }, body);
    if (typeof reply.errcode === 'number' && TOKEN_STALE.has(reply.errcode)) {
      reply = await this.call('/wxa/business/getuserphonenumber', { access_token: await this.accessToken(true) }, body);
    }
    const errcode = typeof reply.errcode === 'number' ? reply.errcode : 0;
    if (INVALID_CODE.has(errcode)) {
      throw new AppError(400, 'wechat_phone_code_invalid', undefined, [
        { field: 'phoneCode', reason: '微信手机号授权已失效，请重新点击“使用微信手机号”' },
      ]);
    }
    if (errcode !== 0) throw weChatGarbled();
    const info = reply.phone_info as { purePhoneNumber?: unknown; countryCode?: unknown; watermark?: { appid?: unknown } } | undefined;
    // The watermark names the app the number was released to: another app's answer is not ours to trust.
    if (info?.watermark?.appid !== this.options.appId) throw weChatGarbled();
    const { purePhoneNumber } = info;
    const countryCode = typeof info.countryCode === 'number' ? String(info.countryCode) : info.countryCode;
    if (typeof purePhoneNumber !== 'string' || !/^\d{4,20}$/.test(purePhoneNumber)) throw weChatGarbled();
    if (typeof countryCode !== 'string' || !/^\d{1,4}$/.test(countryCode)) throw weChatGarbled();
    return { purePhoneNumber, countryCode };
  }

  /**
   * Sends one subscription message (POST /cgi-bin/message/subscribe/send); a stale token is renewed
   * once. WeChat's refusals of this message come back as a result; WeChat down or garbled throws.
   */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<SubscribeSendResult> {
    const body = {
      touser: message.touser, template_id: message.templateId, ...(message.page ? { page: message.page } : {}),
      data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
      miniprogram_state: MINIPROGRAM_STATE[this.options.miniProgramEnv ?? 'release'], lang: 'zh_CN',
    };
    let reply = await this.call('/cgi-bin/message/subscribe/send', { access_token: await this.accessToken() }, body);
    if (typeof reply.errcode === 'number' && TOKEN_STALE.has(reply.errcode)) {
      reply = await this.call('/cgi-bin/message/subscribe/send', { access_token: await this.accessToken(true) }, body);
    }
    const errcode = typeof reply.errcode === 'number' ? reply.errcode : 0;
    if (errcode === 0) return { sent: true, msgId: reply.msgid === undefined || reply.msgid === null ? null : String(reply.msgid) };
    const reason = SUBSCRIBE_REFUSALS[errcode];
    if (reason) return { sent: false, reason, errcode, errmsg: typeof reply.errmsg === 'string' ? reply.errmsg.slice(0, 200) : '' };
    throw weChatGarbled();
  }

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
    if (INVALID_CODE.has(errcode)) throw new AppError(401, 'wechat_code_invalid');
    if (RATE_LIMITED.has(errcode)) {
      throw new AppError(429, 'wechat_rate_limited', '登录的人太多了，请一分钟后再试', undefined, { 'Retry-After': '60' });
    }
    if (BUSY.has(errcode)) throw weChatDown();
    if (errcode !== 0) throw weChatGarbled();
    if (typeof reply.openid !== 'string' || reply.openid.length === 0 || reply.openid.length > 128) throw weChatGarbled();
    const unionid = typeof reply.unionid === 'string' && reply.unionid.length <= 128 ? reply.unionid : null;
    return { openid: reply.openid, unionid };
  }
}
