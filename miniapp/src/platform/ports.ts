/**
 * The few things logic modules need from the platform, passed in so jest can drive them with
 * fakes: storage, HTTP, clock and randomness. Taro-backed versions live in platform/taro.ts.
 */

/** Synchronous key-value storage (wx.setStorageSync persists before it returns). */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Uniform in [0, 1), like Math.random. */
export type Random = () => number

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface HttpRequest {
  method: HttpMethod
  url: string
  headers: Record<string, string>
  body?: unknown
}

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  data: unknown
}

/** Resolves with any HTTP status; rejects with NetworkError when no response arrived. */
export type HttpTransport = (req: HttpRequest) => Promise<HttpResponse>

export class NetworkError extends Error {
  constructor(message = 'network error') {
    super(message)
    this.name = 'NetworkError'
  }
}

/** Storage backed by a Map: tests, and a fallback when the platform has none. */
export function createMemoryStorage(): KeyValueStorage & { dump(): Record<string, string> } {
  const map = new Map<string, string>()
  return {
    getItem: (key) => (map.has(key) ? (map.get(key) as string) : null),
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    dump: () => Object.fromEntries(map),
  }
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}
