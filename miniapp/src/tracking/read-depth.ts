/**
 * How far and how long a customer reads, reported as a handful of events however long the read:
 * - depth is the furthest point of the page ever on screen, 0..100;
 * - dwell counts only time in the foreground, and a silent gap (no scroll, tap or show)
 *   counts at most idleCapMs, so a phone left open on a table does not read for an hour;
 * - read_progress goes out when a new milestone (25/50/75 %) is passed, at most once per
 *   minIntervalMs, and once more on hide or leave if anything changed;
 * - read_complete goes out once, when depth reaches completePct.
 */
export interface ReadEvent {
  type: 'read_progress' | 'read_complete'
  depthPct: number
  dwellMs: number
}

export interface ReadDepthOptions {
  now: () => number
  emit: (event: ReadEvent) => void
  minIntervalMs?: number
  milestonesPct?: number[]
  completePct?: number
  idleCapMs?: number
  /** On hide/leave, dwell growth smaller than this is not worth an event. */
  minDwellDeltaMs?: number
}

/** Furthest point on screen as a percentage of the page height, 0..100. */
export function computeDepthPct(scrollTop: number, viewportHeight: number, contentHeight: number): number {
  if (!(contentHeight > 0) || !(viewportHeight > 0)) return 0
  if (contentHeight <= viewportHeight) return 100
  const pct = ((Math.max(0, scrollTop) + viewportHeight) / contentHeight) * 100
  // Rounded, not floored: sub-pixel heights leave a page scrolled to its end at 99.6 %.
  return Math.max(0, Math.min(100, Math.round(pct)))
}

export class ReadDepthTracker {
  private readonly now: () => number
  private readonly emit: (event: ReadEvent) => void
  private readonly minIntervalMs: number
  private readonly milestones: number[]
  private readonly completePct: number
  private readonly idleCapMs: number
  private readonly minDwellDeltaMs: number

  private maxDepth = 0
  private dwellMs = 0
  private visible = true
  private lastActiveAt: number
  private nextMilestone = 0
  private pendingMilestone = false
  private completed = false
  private ended = false
  private lastEmitAt = Number.NEGATIVE_INFINITY
  private lastEmittedDepth = 0
  private lastEmittedDwell = 0

  constructor(options: ReadDepthOptions) {
    this.now = options.now
    this.emit = options.emit
    this.minIntervalMs = options.minIntervalMs ?? 15_000
    this.milestones = [...(options.milestonesPct ?? [25, 50, 75])].sort((a, b) => a - b)
    this.completePct = options.completePct ?? 90
    this.idleCapMs = options.idleCapMs ?? 120_000
    this.minDwellDeltaMs = options.minDwellDeltaMs ?? 5_000
    this.lastActiveAt = this.now()
  }

  /** A scroll (or first layout): pixels from the page. */
  onScroll(scrollTop: number, viewportHeight: number, contentHeight: number): void {
    this.onDepth(computeDepthPct(scrollTop, viewportHeight, contentHeight))
  }

  /** A depth already computed (0..100). */
  onDepth(depthPct: number): void {
    if (this.ended) return
    this.accrue()
    if (depthPct > this.maxDepth) this.maxDepth = Math.min(100, depthPct)
    while (this.nextMilestone < this.milestones.length && this.maxDepth >= this.milestones[this.nextMilestone]) {
      this.nextMilestone++
      this.pendingMilestone = true
    }
    if (!this.completed && this.maxDepth >= this.completePct) {
      this.completed = true
      this.send('read_complete')
      return
    }
    if (this.pendingMilestone && this.now() - this.lastEmitAt >= this.minIntervalMs) {
      this.send('read_progress')
    }
  }

  /** A tap or any other sign the reader is still there. */
  onActivity(): void {
    if (!this.ended) this.accrue()
  }

  /** The page went to the background: stop the dwell clock and report what is new. */
  onHide(): void {
    if (this.ended || !this.visible) return
    this.accrue()
    this.visible = false
    this.sendIfChanged()
  }

  onShow(): void {
    if (this.ended || this.visible) return
    this.visible = true
    this.lastActiveAt = this.now()
  }

  /** The reader left the page: a last report, then nothing more. */
  end(): void {
    if (this.ended) return
    if (this.visible) this.accrue()
    this.sendIfChanged()
    this.ended = true
  }

  snapshot(): { depthPct: number; dwellMs: number; completed: boolean } {
    return { depthPct: this.maxDepth, dwellMs: this.dwellMs, completed: this.completed }
  }

  private accrue(): void {
    const t = this.now()
    if (this.visible) this.dwellMs += Math.min(Math.max(0, t - this.lastActiveAt), this.idleCapMs)
    this.lastActiveAt = t
  }

  private sendIfChanged(): void {
    if (this.pendingMilestone || this.maxDepth > this.lastEmittedDepth || this.dwellMs - this.lastEmittedDwell >= this.minDwellDeltaMs) {
      this.send('read_progress')
    }
  }

  private send(type: ReadEvent['type']): void {
    this.pendingMilestone = false
    this.lastEmitAt = this.now()
    this.lastEmittedDepth = this.maxDepth
    this.lastEmittedDwell = this.dwellMs
    this.emit({ type, depthPct: this.maxDepth, dwellMs: this.dwellMs })
  }
}
