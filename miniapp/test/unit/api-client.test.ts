import type { SessionView } from '@kejing/shared'
import { ApiError, createApiClient, SESSION_KEY, type ApiClientOptions } from '../../src/api/client'
import { createEndpoints } from '../../src/api/endpoints'
import { createMemoryStorage, NetworkError, type HttpRequest, type HttpResponse } from '../../src/platform/ports'
import { seededRandom } from '../helpers/fake-clock'

const NOW = Date.UTC(2026, 10, 25, 2, 0, 0)
const session = (token: string): SessionView => ({
  token,
  expiresAt: new Date(NOW + 3600_000).toISOString(),
  user: { userId: 'u1', roles: ['viewer'] },
})

type Handler = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>

function setup(handlers: Handler[], overrides: Partial<ApiClientOptions> = {}) {
  const requests: HttpRequest[] = []
  const sleeps: number[] = []
  let logins = 0
  const queue = [...handlers]
  const storage = createMemoryStorage()
  const client = createApiClient({
    baseUrl: 'https://api.test',
    storage,
    getLoginCode: async () => `code-${++logins}`,
    sleep: async (ms) => void sleeps.push(ms),
    random: seededRandom(),
    now: () => NOW,
    transport: async (req) => {
      requests.push(req)
      if (req.url.endsWith('/api/auth/login')) {
        const code = (req.body as { code: string }).code
        return { status: 200, headers: {}, data: session(`tok-${code}`) }
      }
      const next = queue.shift()
      if (!next) throw new Error(`unexpected request ${req.method} ${req.url}`)
      return next(req)
    },
    ...overrides,
  })
  return { client, requests, sleeps, storage, logins: () => logins }
}

const ok = (data: unknown): Handler => () => ({ status: 200, headers: {}, data })
const fail = (status: number, headers: Record<string, string> = {}, data: unknown = null): Handler => () => ({ status, headers, data })
const offline: Handler = () => {
  throw new NetworkError('offline')
}

describe('api client', () => {
  it('logs in silently before the first call and sends the token', async () => {
    const { client, requests, storage } = setup([ok({ userId: 'u1', roles: ['viewer'] })])
    await client.request('GET', '/api/me')
    expect(requests.map((r) => r.url)).toEqual(['https://api.test/api/auth/login', 'https://api.test/api/me'])
    expect(requests[0].body).toEqual({ code: 'code-1' })
    expect(requests[1].headers.Authorization).toBe('Bearer tok-code-1')
    expect(JSON.parse(storage.getItem(SESSION_KEY)!).token).toBe('tok-code-1')
  })

  it('on 401 logs in again once and repeats the call', async () => {
    const { client, requests, logins } = setup([fail(401), ok([])])
    client.setSession(session('stale'))
    await expect(client.request('GET', '/api/tasks/today')).resolves.toEqual([])
    expect(logins()).toBe(1)
    expect(requests.at(-1)!.headers.Authorization).toBe('Bearer tok-code-1')
  })

  it('gives up after a second 401', async () => {
    const { client } = setup([fail(401), fail(401, {}, { error: { code: 'unauthorized', message: '未登录' } })])
    client.setSession(session('stale'))
    await expect(client.request('GET', '/api/me')).rejects.toMatchObject({ status: 401, code: 'unauthorized' })
  })

  it('logs in only once for concurrent calls', async () => {
    const { client, logins } = setup([ok(1), ok(2), ok(3)])
    await Promise.all([client.request('GET', '/a'), client.request('GET', '/b'), client.request('GET', '/c')])
    expect(logins()).toBe(1)
  })

  it('logs in again when the stored token has expired', async () => {
    const { client, logins } = setup([ok(1)])
    client.setSession({ ...session('old'), expiresAt: new Date(NOW - 1000).toISOString() })
    await client.request('GET', '/api/me')
    expect(logins()).toBe(1)
  })

  it('retries a GET on network errors and 5xx with backoff', async () => {
    const { client, sleeps } = setup([offline, fail(502), ok('fine')])
    client.setSession(session('t'))
    await expect(client.request('GET', '/api/radar')).resolves.toBe('fine')
    expect(sleeps).toHaveLength(2)
    expect(sleeps[0]).toBeGreaterThanOrEqual(500)
    expect(sleeps[0]).toBeLessThanOrEqual(1000)
    expect(sleeps[1]).toBeGreaterThanOrEqual(1000)
    expect(sleeps[1]).toBeLessThanOrEqual(2000)
  })

  it('honours Retry-After on 429', async () => {
    const { client, sleeps } = setup([fail(429, { 'Retry-After': '7' }), ok('fine')])
    client.setSession(session('t'))
    await client.request('GET', '/api/radar')
    expect(sleeps).toEqual([7000])
  })

  it('does not retry a POST that is not idempotent', async () => {
    const { client, requests } = setup([fail(503)])
    client.setSession(session('t'))
    await expect(client.request('POST', '/api/shares', { body: {} })).rejects.toMatchObject({ status: 503 })
    expect(requests).toHaveLength(1)
  })

  it('gives a Chinese message when the network is down', async () => {
    const { client } = setup([offline, offline, offline])
    client.setSession(session('t'))
    const err = (await client.request('GET', '/api/me').catch((e) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 0, code: 'network', message: '网络不可用，请检查网络后重试' })
  })

  it('passes field errors of a 400 through', async () => {
    const body = { error: { code: 'validation', message: '请求有误', details: [{ field: 'consent.given', reason: 'must be true' }] } }
    const { client } = setup([fail(400, {}, body)])
    client.setSession(session('t'))
    await expect(client.request('POST', '/api/leads', { body: {} })).rejects.toMatchObject({
      status: 400,
      code: 'validation',
      details: [{ field: 'consent.given', reason: 'must be true' }],
    })
  })

  it('builds query strings without empty values', async () => {
    const { client, requests } = setup([ok({ items: [], total: 0, page: 1, pageSize: 20 })])
    client.setSession(session('t'))
    await createEndpoints(client).listContent({ q: '重疾 险', tag: 'need:medical', kind: undefined, page: 2 })
    expect(requests[0].url).toBe('https://api.test/api/content?q=%E9%87%8D%E7%96%BE%20%E9%99%A9&tag=need%3Amedical&page=2')
  })

  it('bind stores the new session', async () => {
    const bound: SessionView = { ...session('agent-token'), user: { userId: 'u1', roles: ['agent'] } }
    const { client } = setup([ok(bound)])
    client.setSession(session('t'))
    await createEndpoints(client).bind('INV-1')
    expect(client.currentSession()!.token).toBe('agent-token')
  })
})
