import type { Clock } from '../../src/platform/ports'

/** A manual clock: timers run only when the test advances time. */
export class FakeClock implements Clock {
  private t: number
  private seq = 0
  private timers = new Map<number, { at: number; fn: () => void }>()

  constructor(startMs = Date.UTC(2026, 10, 25, 1, 0, 0)) {
    this.t = startMs
  }

  now(): number {
    return this.t
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number)
  }

  pendingTimers(): number {
    return this.timers.size
  }

  /** Moves time forward, running due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms
    for (;;) {
      await settle()
      let nextId: number | null = null
      let nextAt = Infinity
      for (const [id, timer] of this.timers) {
        if (timer.at <= end && timer.at < nextAt) {
          nextAt = timer.at
          nextId = id
        }
      }
      if (nextId === null) break
      const timer = this.timers.get(nextId)!
      this.timers.delete(nextId)
      this.t = Math.max(this.t, timer.at)
      timer.fn()
    }
    this.t = end
    await settle()
  }
}

/** Lets every queued promise continuation run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

/** Deterministic random numbers (mulberry32). */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
