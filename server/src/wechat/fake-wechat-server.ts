import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for WeChat's HTTP API, for tests and the embedded default (WeChat's servers
 * are unreachable there). The production client talks to it exactly as it talks to WeChat.
 *
 * jscode2session: a code matching /^[\w-]{1,64}$/ becomes openid "openid-<code>"; the codes
 * "invalid-code", "rate-limited", "system-busy", "garbled" and "http-500" act out WeChat's failures.
 */
export interface FakeWeChat {
  baseUrl: string;
  /** Every call seen, for assertions (the query, without the secret). */
  calls: { path: string; query: Record<string, string> }[];
  /** Make the next replies fail in a chosen way. */
  mode: 'normal' | 'down' | 'slow';
  close(): Promise<void>;
}

export async function startFakeWeChat(options: { appId: string; appSecret: string; port?: number }): Promise<FakeWeChat> {
  const state: Omit<FakeWeChat, 'baseUrl' | 'close'> = { calls: [], mode: 'normal' };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams.entries());
    const { secret: _secret, ...visible } = query;
    state.calls.push({ path: url.pathname, query: visible });
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
    return reply(404, { errcode: 404, errmsg: 'unknown path' });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
