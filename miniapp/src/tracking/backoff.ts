import type { Random } from '../platform/ports'

export interface BackoffPolicy {
  baseMs: number
  capMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 60_000 }

/**
 * Exponential backoff with "equal jitter": half the exponential step is fixed, half random,
 * so many phones coming back online at once spread out but none retries immediately.
 * attempt is 0 for the first retry.
 */
export function backoffDelayMs(attempt: number, random: Random, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30))
  return Math.round(exp / 2 + random() * (exp / 2))
}

/** A header value, whatever case the platform gave its name. */
export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined
  const wanted = name.toLowerCase()
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === wanted) return String(headers[key])
  }
  return undefined
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | null {
  if (value === undefined || value.trim() === '') return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return null
  return Math.max(0, at - nowMs)
}

/** Statuses worth retrying later: the request may succeed unchanged. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}
