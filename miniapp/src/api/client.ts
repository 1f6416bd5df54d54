import { errorTextZh, fieldLabelZh, statusMessageZh, type ApiErrorBody, type FieldError, type SessionView } from '@kejing/shared'
import { NetworkError, type HttpMethod, type HttpResponse, type HttpTransport, type KeyValueStorage, type Random } from '../platform/ports'
import { backoffDelayMs, DEFAULT_BACKOFF, headerValue, isRetryableStatus, parseRetryAfterMs, type BackoffPolicy } from '../tracking/backoff'

/** An API failure in one shape: HTTP status (0 when no response), stable code, Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export interface RequestOptions {
  body?: unknown
  query?: Record<string, string | number | undefined | null>
  /** Retry network errors, 5xx and 429. Default: GET only (others only when idempotent by id). */
  retry?: boolean
  /** Send without a token (login itself). */
  anonymous?: boolean
}

export interface ApiClientOptions {
  baseUrl: string
  transport: HttpTransport
  storage: KeyValueStorage
  /** The code to log in with: wx.login's code on weapp, a dev code on H5. */
  getLoginCode: () => Promise<string>
  sleep: (ms: number) => Promise<void>
  random: Random
  now: () => number
  maxRetries?: number
  backoff?: BackoffPolicy
  sessionKey?: string
}

export const SESSION_KEY = 'kejing.session.v1'

export interface ApiClient {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>
  /** One authenticated call that resolves with any status (the event queue reads it itself). */
  raw(method: HttpMethod, path: string, body?: unknown): Promise<HttpResponse>
  ensureSession(): Promise<SessionView>
  setSession(session: SessionView): void
  currentSession(): SessionView | null
  clearSession(): void
}

export function buildQuery(query: RequestOptions['query']): string {
  if (!query) return ''
  const parts: string[] = []
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

/**
 * An error answer in Chinese, whoever sent it: the server's own Chinese message, else shared's
 * message for its code (error-messages.zh.ts), else the status's; each field named in Chinese.
 */
export function toApiError(res: HttpResponse): ApiError {
  const body = res.data as Partial<ApiErrorBody> | null
  const err = body && typeof body === 'object' ? body.error : undefined
  if (err && typeof err.code === 'string') {
    const details = (Array.isArray(err.details) ? err.details : []).map((d) => ({ ...d, label: d.label ?? fieldLabelZh(d.field) }))
    return new ApiError(res.status, err.code, errorTextZh({ status: res.status, code: err.code, message: err.message }), details)
  }
  return new ApiError(res.status, `http_${res.status}`, defaultMessage(res.status))
}

const defaultMessage = statusMessageZh

/** What a failed action tells the person: the error's own words (ApiError's are Chinese already), else the action's. */
export function failureText(error: unknown, fallback: string): string {
  const message = (error as { message?: unknown } | null)?.message
  return typeof message === 'string' && message.trim() !== '' ? message : fallback
}

/**
 * The server's complaints by form field, for showing each beside its input: "phones.1.phone" and
 * "phone" both land on `phone`, the first reason of a field wins.
 */
export function fieldReasons(e: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(e instanceof ApiError)) return out
  for (const d of e.details) {
    const key = d.field.split(/[.[\]]+/).filter((p) => p !== '' && !/^\d+$/.test(p)).pop() ?? d.field
    if (!(key in out)) out[key] = d.reason
  }
  return out
}

/**
 * The one caller of HTTP: adds the token (logging in silently first), logs in again once on
 * a 401, retries GETs (and calls idempotent by client id) on network errors, 5xx and 429 with
 * backoff and jitter, honouring Retry-After, and turns error bodies into ApiError.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const maxRetries = options.maxRetries ?? 2
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const sessionKey = options.sessionKey ?? SESSION_KEY
  let session: SessionView | null = readSession()
  let loggingIn: Promise<SessionView> | null = null

  function readSession(): SessionView | null {
    const raw = options.storage.getItem(sessionKey)
    if (!raw) return null
    try {
      const parsed = JSON.parse(raw) as SessionView
      return parsed && typeof parsed.token === 'string' ? parsed : null
    } catch {
      return null
    }
  }

  function setSession(next: SessionView): void {
    session = next
    options.storage.setItem(sessionKey, JSON.stringify(next))
  }

  function clearSession(): void {
    session = null
    options.storage.removeItem(sessionKey)
  }

  function isFresh(s: SessionView | null): s is SessionView {
    if (!s) return false
    const exp = Date.parse(s.expiresAt)
    // A minute of margin so a token does not expire between check and use.
    return Number.isNaN(exp) || exp - 60_000 > options.now()
  }

  async function send(method: HttpMethod, path: string, body: unknown, token: string | null): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (token) headers.Authorization = `Bearer ${token}`
    return options.transport({ method, url: options.baseUrl + path, headers, body })
  }

  async function login(): Promise<SessionView> {
    if (!loggingIn) {
      loggingIn = (async () => {
        const code = await options.getLoginCode()
        let res: HttpResponse
        try {
          res = await send('POST', '/api/auth/login', { code }, null)
        } catch {
          throw new ApiError(0, 'network', defaultMessage(0))
        }
        if (res.status < 200 || res.status >= 300) throw toApiError(res)
        const s = res.data as SessionView
        setSession(s)
        return s
      })().finally(() => {
        loggingIn = null
      })
    }
    return loggingIn
  }

  async function ensureSession(): Promise<SessionView> {
    return isFresh(session) ? session : login()
  }

  /** Sends with the token; on 401 logs in again and sends once more. Rejects on network error. */
  async function authed(method: HttpMethod, path: string, body: unknown): Promise<HttpResponse> {
    const first = await ensureSession()
    const res = await send(method, path, body, first.token)
    if (res.status !== 401) return res
    clearSession()
    const again = await login()
    return send(method, path, body, again.token)
  }

  async function request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
    const url = path + buildQuery(opts.query)
    const retry = opts.retry ?? method === 'GET'
    for (let attempt = 0; ; attempt++) {
      let res: HttpResponse
      try {
        res = opts.anonymous ? await send(method, url, opts.body, null) : await authed(method, url, opts.body)
      } catch (e) {
        if (e instanceof ApiError && e.status !== 0) throw e
        if (!(e instanceof NetworkError) && !(e instanceof ApiError)) throw e
        if (retry && attempt < maxRetries) {
          await options.sleep(backoffDelayMs(attempt, options.random, backoff))
          continue
        }
        throw new ApiError(0, 'network', defaultMessage(0))
      }
      if (res.status >= 200 && res.status < 300) return res.data as T
      if (retry && attempt < maxRetries && isRetryableStatus(res.status)) {
        const after = parseRetryAfterMs(headerValue(res.headers, 'retry-after'), options.now()) ?? 0
        await options.sleep(Math.max(after, backoffDelayMs(attempt, options.random, backoff)))
        continue
      }
      throw toApiError(res)
    }
  }

  return {
    request,
    raw: authed,
    ensureSession,
    setSession,
    currentSession: () => session,
    clearSession,
  }
}
