import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for WeChat's HTTP API, for tests and the embedded default (WeChat's servers
 * are unreachable there). The production client talks to it exactly as it talks to WeChat.
 *
 * jscode2session: a code matching /^[\w-]{1,64}$/ becomes openid "openid-<code>"; the codes
 * "invalid-code", "rate-limited", "system-busy", "garbled" and "http-500" act out WeChat's failures.
 *
 * cgi-bin/token (GET) and cgi-bin/stable_token (POST) hand out access tokens for the right app id
 * and secret. wxa/msg_sec_check (POST, version 2) needs a live token and an openid; it answers
 * "risky" (label 20006) to text containing one of FAKE_RISKY_WORDS, "review" (label 21000) to
 * text containing FAKE_REVIEW_MARKER, errcode -1 to FAKE_BUSY_MARKER, and "pass" otherwise.
 *
 * wxa/getwxacodeunlimit (POST) needs a live token, a valid scene and a page of FAKE_MINI_PROGRAM_PAGES
 * (else 41030), and answers a small PNG; the scene FAKE_CODE_RATE_LIMITED_SCENE answers 45009.
 *
 * wxa/business/getuserphonenumber (POST) needs a live token and answers a getPhoneNumber code
 * "phone-<11 digits>" with that number (country code 86 as a number, as WeChat's own example has
 * it; watermark of this app id), once per code; "phone-intl-<digits>" gives a number with country
 * code "852" (a string, as WeChat's table has it). A code "…-for-<x>" belongs to openid "openid-<x>"
 * only: sent with another openid it is invalid (40029), as WeChat checks the openid it is given.
 * "invalid-code", "rate-limited" and "system-busy" act out WeChat's failures; any other code is invalid.
 *
 * cgi-bin/message/subscribe/send (POST) needs a live token, an openid "openid-…" (else 40003), a
 * template id (else 40037), data values of WeChat's kinds within their limits (thing ≤ 20
 * characters, phrase ≤ 5, name ≤ 10, character_string ≤ 32, time and date non-empty; else 47003)
 * and a page of FAKE_SUBSCRIBE_PAGES when given (else 41030). It answers 43101 (the user refused,
 * or has no send left) to an openid in `refusingOpenids`, and records each message it accepts.
 */
export const FAKE_MINI_PROGRAM_PAGES = ['customer/read/index', 'pages/today/index'] as const;
/** Pages a subscription message may open in the fake: the mini program's, without query. */
export const FAKE_SUBSCRIBE_PAGES = ['pages/today/index', 'agent/notices/index', 'agent/contact/index'] as const;
/** One subscription message the fake accepted. */
export interface FakeSubscribeMessage {
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, string>;
  miniprogramState: string | null;
  lang: string | null;
}
export const FAKE_CODE_RATE_LIMITED_SCENE = 'rate-limited';
/** A 1×1 grey PNG: what the fake hands out as a mini program code. */
export const FAKE_WXA_CODE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');
export const FAKE_RISKY_WORDS = ['赌博', '博彩', '代开发票', 'fake-risky'] as const;
export const FAKE_REVIEW_MARKER = 'fake-review';
export const FAKE_BUSY_MARKER = 'fake-busy';
export interface FakeWeChat {
  baseUrl: string;
  /** Every call seen, for assertions (the query and JSON body, without the secret). */
  calls: { path: string; query: Record<string, string>; body?: Record<string, unknown> }[];
  /** Make the next replies fail in a chosen way. */
  mode: 'normal' | 'down' | 'slow';
  close(): Promise<void>;
  /** Invalidate every access token handed out so far (as WeChat does when one expires). */
  expireTokens(): void;
  /** Subscription messages accepted, in order. */
  subscribeMessages: FakeSubscribeMessage[];
  /** Openids whose sends are answered 43101 (refused, or no send left). */
  refusingOpenids: Set<string>;
}

const SUBSCRIBE_VALUE_LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, letter: 32, symbol: 5, time: 30, date: 30, amount: 32 };

/** The data of a subscription message as WeChat checks it: { key: { value } }, each value within its kind's limit. */
function subscribeData(data: unknown): Record<string, string> | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const kind = /^([a-z_]+?)\d+$/.exec(key)?.[1];
    const value = (entry as { value?: unknown } | null)?.value;
    if (!kind || !(kind in SUBSCRIBE_VALUE_LIMITS) || typeof value !== 'string' || value.length === 0) return null;
    if ([...value].length > SUBSCRIBE_VALUE_LIMITS[kind]) return null;
    out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve(value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null);
      } catch {
        resolve(null);
      }
    });
  });
}

export async function startFakeWeChat(options: { appId: string; appSecret: string; port?: number }): Promise<FakeWeChat> {
  const state: Omit<FakeWeChat, 'baseUrl' | 'close' | 'expireTokens'> = { calls: [], mode: 'normal', subscribeMessages: [], refusingOpenids: new Set() };
  const tokens = new Set<string>();
  const usedPhoneCodes = new Set<string>();
  let tokenSerial = 0;
  const issueToken = () => {
    tokenSerial += 1;
    const token = `fake-access-token-${tokenSerial}`;
    tokens.add(token);
    return { access_token: token, expires_in: 7200 };
  };
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams.entries());
    const { secret: _secret, ...visible } = query;
    const body = req.method === 'POST' ? await readJson(req) : null;
    const { secret: _bodySecret, ...visibleBody } = body ?? {};
    state.calls.push({ path: url.pathname, query: visible, ...(body ? { body: visibleBody } : {}) });
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (state.mode === 'down') return reply(502, '<html>bad gateway</html>');
    if (state.mode === 'slow') return void setTimeout(() => reply(200, { errcode: -1, errmsg: 'system busy' }), 10_000).unref();
    if (url.pathname === '/sns/jscode2session') {
      if (query.appid !== options.appId || query.secret !== options.appSecret) return reply(200, { errcode: 40125, errmsg: 'invalid appsecret' });
      const code = query.js_code ?? '';
      if (code === 'invalid-code' || !/^[\w-]{1,64}$/.test(code)) return reply(200, { errcode: 40029, errmsg: 'invalid code' });
      if (code === 'rate-limited') return reply(200, { errcode: 45011, errmsg: 'api minute-quota reach limit' });
      if (code === 'system-busy') return reply(200, { errcode: -1, errmsg: 'system error' });
      if (code === 'garbled') return reply(200, 'not json at all');
      if (code === 'http-500') return reply(500, 'internal error');
      return reply(200, { openid: `openid-${code}`, session_key: `fake-session-key-${code}`, unionid: `unionid-${code}` });
    }
    if (url.pathname === '/cgi-bin/token') {
      if (query.grant_type !== 'client_credential') return reply(200, { errcode: 40002, errmsg: 'invalid grant_type' });
      if (query.appid !== options.appId || query.secret !== options.appSecret) return reply(200, { errcode: 40125, errmsg: 'invalid appsecret' });
      return reply(200, issueToken());
    }
    if (url.pathname === '/cgi-bin/stable_token') {
      if (req.method !== 'POST' || !body) return reply(200, { errcode: 43002, errmsg: 'require POST method' });
      if (body.grant_type !== 'client_credential') return reply(200, { errcode: 40002, errmsg: 'invalid grant_type' });
      if (body.appid !== options.appId || body.secret !== options.appSecret) return reply(200, { errcode: 40125, errmsg: 'invalid appsecret' });
      return reply(200, issueToken());
    }
    if (url.pathname === '/wxa/msg_sec_check') {
      if (!query.access_token || !tokens.has(query.access_token)) return reply(200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      if (req.method !== 'POST' || !body) return reply(200, { errcode: 43302, errmsg: 'require POST method' });
      if (body.version !== 2 || ![1, 2, 3, 4].includes(body.scene as number)) return reply(200, { errcode: 40129, errmsg: 'invalid scene' });
      if (typeof body.openid !== 'string' || !body.openid.startsWith('openid-')) return reply(200, { errcode: 40003, errmsg: 'invalid openid' });
      const content = typeof body.content === 'string' ? body.content : '';
      if (content.length === 0) return reply(200, { errcode: 44002, errmsg: 'empty content' });
      if ([...content].length > 2500) return reply(200, { errcode: 47001, errmsg: 'content too long' });
      const text = `${typeof body.title === 'string' ? body.title : ''}${content}`;
      if (text.includes(FAKE_BUSY_MARKER)) return reply(200, { errcode: -1, errmsg: 'system error' });
      const traceId = `fake-trace-${state.calls.length}`;
      const verdict = FAKE_RISKY_WORDS.some((w) => text.includes(w))
        ? { suggest: 'risky', label: 20006 }
        : text.includes(FAKE_REVIEW_MARKER) ? { suggest: 'review', label: 21000 } : { suggest: 'pass', label: 100 };
      return reply(200, { errcode: 0, errmsg: 'ok', trace_id: traceId, result: verdict, detail: [{ strategy: 'content_model', errcode: 0, ...verdict, prob: 90 }] });
    }
    if (url.pathname === '/wxa/getwxacodeunlimit') {
      if (!query.access_token || !tokens.has(query.access_token)) return reply(200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      if (req.method !== 'POST' || !body) return reply(200, { errcode: 43002, errmsg: 'require POST method' });
      const scene = typeof body.scene === 'string' ? body.scene : '';
      if (!/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/.test(scene)) return reply(200, { errcode: 40169, errmsg: 'invalid length for scene' });
      if (scene === FAKE_CODE_RATE_LIMITED_SCENE) return reply(200, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
      if (!FAKE_MINI_PROGRAM_PAGES.includes(body.page as (typeof FAKE_MINI_PROGRAM_PAGES)[number])) return reply(200, { errcode: 41030, errmsg: 'invalid page' });
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(FAKE_WXA_CODE_PNG.length) });
      return void res.end(FAKE_WXA_CODE_PNG);
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      if (!query.access_token || !tokens.has(query.access_token)) return reply(200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      if (req.method !== 'POST' || !body) return reply(200, { errcode: 43002, errmsg: 'require POST method' });
      const touser = typeof body.touser === 'string' ? body.touser : '';
      if (!touser.startsWith('openid-')) return reply(200, { errcode: 40003, errmsg: 'invalid openid' });
      if (typeof body.template_id !== 'string' || body.template_id.length === 0) return reply(200, { errcode: 40037, errmsg: 'invalid template_id' });
      const data = subscribeData(body.data);
      if (!data) return reply(200, { errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' });
      const page = typeof body.page === 'string' ? body.page : null;
      if (page !== null && !FAKE_SUBSCRIBE_PAGES.includes(page.split('?')[0] as (typeof FAKE_SUBSCRIBE_PAGES)[number])) return reply(200, { errcode: 41030, errmsg: 'invalid page' });
      if (state.refusingOpenids.has(touser)) return reply(200, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
      state.subscribeMessages.push({
        touser, templateId: body.template_id, page, data,
        miniprogramState: typeof body.miniprogram_state === 'string' ? body.miniprogram_state : null, lang: typeof body.lang === 'string' ? body.lang : null,
      });
      return reply(200, { errcode: 0, errmsg: 'ok', msgid: 1000 + state.subscribeMessages.length });
    }
    if (url.pathname === '/wxa/business/getuserphonenumber') {
      if (!query.access_token || !tokens.has(query.access_token)) return reply(200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      if (req.method !== 'POST' || !body) return reply(200, { errcode: 43002, errmsg: 'require POST method' });
      const code = typeof body.code === 'string' ? body.code : '';
      if (code === 'rate-limited') return reply(200, { errcode: 45011, errmsg: 'api minute-quota reach limit' });
      if (code === 'system-busy') return reply(200, { errcode: -1, errmsg: 'system error' });
      const owner = /-for-([\w-]+)$/.exec(code)?.[1];
      const bare = owner ? code.slice(0, -`-for-${owner}`.length) : code;
      const number = /^phone-(\d{11})$/.exec(bare)?.[1];
      const intl = /^phone-intl-(\d{4,15})$/.exec(bare)?.[1];
      const pure = number ?? intl;
      const wrongOwner = owner !== undefined && body.openid !== undefined && body.openid !== `openid-${owner}`;
      // WeChat's codes work once: a second exchange is refused as an invalid code.
      if (!pure || wrongOwner || usedPhoneCodes.has(code)) return reply(200, { errcode: 40029, errmsg: 'invalid code' });
      usedPhoneCodes.add(code);
      return reply(200, {
        errcode: 0, errmsg: 'ok',
        phone_info: {
          phoneNumber: number ? pure : `+852${pure}`, purePhoneNumber: pure, countryCode: number ? 86 : '852',
          watermark: { timestamp: Math.floor(Date.now() / 1000), appid: options.appId },
        },
      });
    }
    return reply(404, { errcode: 404, errmsg: 'unknown path' });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    expireTokens: () => tokens.clear(),
  });
}
