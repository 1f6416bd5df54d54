import {
  EVENT_BATCH_MAX_BYTES,
  EVENT_BATCH_MAX_EVENTS,
  EVENT_MAX_BYTES,
  type FieldError,
  type IngestEventsRequest,
  type IngestEventsResponse,
  type TouchpointEventInput,
} from '@kejing/shared'
import type { Clock, HttpResponse, KeyValueStorage, Random } from '../platform/ports'
import { backoffDelayMs, DEFAULT_BACKOFF, headerValue, isRetryableStatus, parseRetryAfterMs, type BackoffPolicy } from './backoff'
import { uuidV4 } from './uuid'

/** What a page reports; the queue adds the id and the device time. */
export type NewTouchpoint = Omit<TouchpointEventInput, 'clientEventId' | 'createdAtDeviceMs'>

export interface EventQueueOptions {
  storage: KeyValueStorage
  clock: Clock
  random: Random
  /** Sends one batch; resolves with the HTTP response, rejects when the network failed. */
  send: (batch: IngestEventsRequest) => Promise<HttpResponse>
  storageKey?: string
  /** Most events kept; past it the oldest are dropped and counted. */
  maxQueued?: number
  maxBatchEvents?: number
  maxBatchBytes?: number
  backoff?: BackoffPolicy
  /** Wait after an enqueue before sending, so a burst of events goes in one batch. */
  flushDelayMs?: number
}

export interface QueueStats {
  pending: number
  /** Dropped on the device: the queue was full, or an event was too large to send. */
  dropped: number
  /** Refused by the server as invalid (400 / per-item invalid); retrying would not help. */
  rejected: number
  /** Consecutive failed attempts; 0 after a success. */
  failures: number
}

interface PersistedQueue {
  v: 1
  events: TouchpointEventInput[]
  dropped: number
  rejected: number
}

export const DEFAULT_QUEUE_KEY = 'kejing.events.v1'

/** UTF-8 byte length of a string, without TextEncoder (absent on some mini-program runtimes). */
export function utf8Bytes(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/**
 * The touchpoint queue. Nothing is lost between the page and the server:
 * - every event gets its UUID when it is created, and a retry reuses it (the server dedupes);
 * - the event is written to storage before anything is sent, and leaves storage only when
 *   the server has answered for it;
 * - batches respect the shared limits (count and bytes);
 * - network errors, 5xx and 429 are retried with exponential backoff and jitter, never
 *   sooner than Retry-After;
 * - the queue is bounded: past maxQueued the oldest events are dropped and counted.
 */
export class EventQueue {
  private readonly opts: Required<Omit<EventQueueOptions, 'send' | 'storage' | 'clock' | 'random'>> &
    Pick<EventQueueOptions, 'send' | 'storage' | 'clock' | 'random'>
  private events: TouchpointEventInput[] = []
  private dropped = 0
  private rejected = 0
  private failures = 0
  private batchLimit: number
  private timer: unknown = null
  private timerDueMs = 0
  private notBeforeMs = 0
  private inflight: Promise<void> | null = null
  private again = false
  private disposed = false

  constructor(options: EventQueueOptions) {
    this.opts = {
      storageKey: DEFAULT_QUEUE_KEY,
      maxQueued: 1000,
      maxBatchEvents: EVENT_BATCH_MAX_EVENTS,
      maxBatchBytes: EVENT_BATCH_MAX_BYTES,
      backoff: DEFAULT_BACKOFF,
      flushDelayMs: 1000,
      ...options,
    }
    this.batchLimit = Math.min(this.opts.maxBatchEvents, EVENT_BATCH_MAX_EVENTS)
    this.load()
  }

  /** Records an event: id and time now, saved to storage before this returns. */
  enqueue(input: NewTouchpoint): TouchpointEventInput {
    const event: TouchpointEventInput = {
      ...input,
      clientEventId: uuidV4(this.opts.random),
      createdAtDeviceMs: this.opts.clock.now(),
    }
    if (utf8Bytes(JSON.stringify(event)) > EVENT_MAX_BYTES) {
      this.dropped++
      this.persist()
      return event
    }
    this.events.push(event)
    const overflow = this.events.length - this.opts.maxQueued
    if (overflow > 0) {
      this.events.splice(0, overflow)
      this.dropped += overflow
    }
    this.persist()
    // While failing, the backoff timer decides when to try again; a new event must not hurry it.
    if (this.failures === 0) this.schedule(this.opts.flushDelayMs)
    return event
  }

  /**
   * Sends everything now (app show/hide, back online). Resolves when the queue is empty or a
   * retry has been scheduled. Never sends before a server's Retry-After has passed.
   */
  flush(): Promise<void> {
    if (this.disposed) return Promise.resolve()
    if (this.inflight) {
      this.again = true
      return this.inflight
    }
    const wait = this.notBeforeMs - this.opts.clock.now()
    if (wait > 0) {
      this.schedule(wait)
      return Promise.resolve()
    }
    this.cancelTimer()
    this.inflight = this.drain().finally(() => {
      this.inflight = null
      if (this.again && !this.disposed) {
        this.again = false
        if (this.events.length > 0 && this.timer === null) this.schedule(0)
      }
    })
    return this.inflight
  }

  stats(): QueueStats {
    return { pending: this.events.length, dropped: this.dropped, rejected: this.rejected, failures: this.failures }
  }

  /** Stops timers; the stored events stay for the next start. */
  dispose(): void {
    this.disposed = true
    this.cancelTimer()
  }

  private async drain(): Promise<void> {
    while (this.events.length > 0 && !this.disposed) {
      const batch = this.takeBatch()
      let res: HttpResponse
      try {
        res = await this.opts.send({ sentAtDeviceMs: this.opts.clock.now(), events: batch })
      } catch {
        this.retryLater(null)
        return
      }
      const { status } = res
      if (status >= 200 && status < 300) {
        const body = (res.data ?? {}) as Partial<IngestEventsResponse>
        this.rejected += Array.isArray(body.invalid) ? countIndexed(body.invalid, batch.length) : 0
        this.remove(batch)
        this.failures = 0
      } else if (status === 413) {
        if (batch.length === 1) {
          this.rejected++
          this.remove(batch)
        } else {
          this.batchLimit = Math.max(1, Math.floor(batch.length / 2))
        }
      } else if (status === 400) {
        this.removeInvalid(batch, res.data)
      } else if (isRetryableStatus(status) || status === 401) {
        this.retryLater(parseRetryAfterMs(headerValue(res.headers, 'retry-after'), this.opts.clock.now()))
        return
      } else {
        // Any other 4xx: the batch will never be accepted as it is.
        this.rejected += batch.length
        this.remove(batch)
      }
    }
  }

  private takeBatch(): TouchpointEventInput[] {
    const batch: TouchpointEventInput[] = []
    // Room for the envelope: {"sentAtDeviceMs":…,"events":[…]}
    let bytes = 64
    for (const event of this.events) {
      if (batch.length >= this.batchLimit) break
      const size = utf8Bytes(JSON.stringify(event)) + 1
      if (batch.length > 0 && bytes + size > this.opts.maxBatchBytes) break
      batch.push(event)
      bytes += size
    }
    return batch
  }

  /** A 400 names the bad items by index: drop those, keep the rest for the next round. */
  private removeInvalid(batch: TouchpointEventInput[], data: unknown): void {
    const details = (data as { error?: { details?: FieldError[] } } | null)?.error?.details ?? []
    const bad = new Set<number>()
    for (const d of details) {
      if (typeof d.index === 'number' && d.index >= 0 && d.index < batch.length) bad.add(d.index)
    }
    // Without indices nothing tells the good from the bad; keeping the batch would loop forever.
    const toRemove = bad.size > 0 ? batch.filter((_, i) => bad.has(i)) : batch
    this.rejected += toRemove.length
    this.remove(toRemove)
  }

  private remove(batch: TouchpointEventInput[]): void {
    const ids = new Set(batch.map((e) => e.clientEventId))
    this.events = this.events.filter((e) => !ids.has(e.clientEventId))
    this.persist()
  }

  private retryLater(retryAfterMs: number | null): void {
    const backoff = backoffDelayMs(this.failures, this.opts.random, this.opts.backoff)
    this.failures++
    const delay = Math.max(backoff, retryAfterMs ?? 0)
    if (retryAfterMs !== null) this.notBeforeMs = this.opts.clock.now() + retryAfterMs
    this.schedule(delay, true)
  }

  private schedule(delayMs: number, replace = false): void {
    if (this.disposed) return
    const due = this.opts.clock.now() + delayMs
    if (this.timer !== null) {
      // Keep the earlier timer unless a retry must push it back.
      if (!replace && this.timerDueMs <= due) return
      this.cancelTimer()
    }
    this.timerDueMs = due
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = null
      void this.flush()
    }, delayMs)
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.opts.clock.clearTimeout(this.timer)
      this.timer = null
    }
  }

  private load(): void {
    const raw = this.opts.storage.getItem(this.opts.storageKey)
    if (!raw) return
    try {
      const saved = JSON.parse(raw) as PersistedQueue
      if (saved && saved.v === 1 && Array.isArray(saved.events)) {
        this.events = saved.events.filter((e) => e && typeof e.clientEventId === 'string')
        this.dropped = Number(saved.dropped) || 0
        this.rejected = Number(saved.rejected) || 0
      }
    } catch {
      // A corrupt entry would block every later write; start again.
      this.opts.storage.removeItem(this.opts.storageKey)
    }
  }

  private persist(): void {
    const state: PersistedQueue = { v: 1, events: this.events, dropped: this.dropped, rejected: this.rejected }
    try {
      this.opts.storage.setItem(this.opts.storageKey, JSON.stringify(state))
    } catch {
      // Storage full: keep going in memory; the events still go out while the app runs.
    }
  }
}

function countIndexed(invalid: FieldError[], batchSize: number): number {
  const idx = new Set<number>()
  for (const d of invalid) if (typeof d.index === 'number' && d.index < batchSize) idx.add(d.index)
  return idx.size
}
