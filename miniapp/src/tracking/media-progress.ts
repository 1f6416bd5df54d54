/**
 * Video and live tracking, in the same spirit as read depth: milestones, not a stream.
 */
export interface VideoProgressEvent {
  type: 'video_progress'
  videoPositionSec: number
  videoPct: number
}

export interface VideoProgressOptions {
  now: () => number
  emit: (event: VideoProgressEvent) => void
  milestonesPct?: number[]
  minIntervalMs?: number
}

/** Reports the furthest position watched when it passes 25/50/75/100 %, throttled. */
export class VideoProgressTracker {
  private maxSec = 0
  private durationSec = 0
  private next = 0
  private pending = false
  private lastEmitAt = Number.NEGATIVE_INFINITY
  private lastEmittedSec = -1
  private readonly milestones: number[]
  private readonly minIntervalMs: number

  constructor(private readonly options: VideoProgressOptions) {
    this.milestones = [...(options.milestonesPct ?? [25, 50, 75, 100])].sort((a, b) => a - b)
    this.minIntervalMs = options.minIntervalMs ?? 10_000
  }

  onTimeUpdate(currentSec: number, durationSec: number): void {
    if (durationSec > 0) this.durationSec = durationSec
    if (currentSec > this.maxSec) this.maxSec = currentSec
    const pct = this.pct()
    while (this.next < this.milestones.length && pct >= this.milestones[this.next]) {
      this.next++
      this.pending = true
    }
    const finished = pct >= 100
    if (this.pending && (finished || this.options.now() - this.lastEmitAt >= this.minIntervalMs)) this.send()
  }

  /** Video ended or the viewer left: report the furthest point if it is new. */
  end(): void {
    if (this.maxSec > 0 && Math.floor(this.maxSec) !== this.lastEmittedSec) this.send()
  }

  private pct(): number {
    if (!(this.durationSec > 0)) return 0
    return Math.min(100, Math.floor((this.maxSec / this.durationSec) * 100))
  }

  private send(): void {
    this.pending = false
    this.lastEmitAt = this.options.now()
    this.lastEmittedSec = Math.floor(this.maxSec)
    this.options.emit({ type: 'video_progress', videoPositionSec: Math.floor(this.maxSec), videoPct: this.pct() })
  }
}

export interface LiveEvent {
  type: 'live_join' | 'live_leave'
  dwellMs?: number
}

/** live_join when a viewer is on the page during the stream, live_leave with the time spent. */
export class LivePresence {
  private joinedAt: number | null = null

  constructor(private readonly now: () => number, private readonly emit: (event: LiveEvent) => void) {}

  enter(isLive: boolean): void {
    if (!isLive || this.joinedAt !== null) return
    this.joinedAt = this.now()
    this.emit({ type: 'live_join' })
  }

  leave(): void {
    if (this.joinedAt === null) return
    const dwellMs = Math.max(0, this.now() - this.joinedAt)
    this.joinedAt = null
    this.emit({ type: 'live_leave', dwellMs })
  }
}
