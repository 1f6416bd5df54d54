import { computeDepthPct } from '../tracking/read-depth'

/**
 * The agent's own reading of a content item (KYB134 Knowledge: POST /api/study). Keeps the
 * deepest point reached and says when there is something new worth sending: first at
 * `minPct`, then whenever the depth has grown since the last report.
 */
export class StudyDepth {
  private max = 0
  private sent = 0

  constructor(private readonly minPct = 10) {}

  onScroll(scrollTop: number, viewportHeight: number, contentHeight: number): void {
    this.max = Math.max(this.max, computeDepthPct(scrollTop, viewportHeight, contentHeight))
  }

  get depthPct(): number {
    return this.max
  }

  /** The depth to send now, or null when nothing new; marks it sent. */
  take(): number | null {
    if (this.max < this.minPct || this.max <= this.sent) return null
    this.sent = this.max
    return this.max
  }

  /** A send failed: offer the same depth again next time. */
  unsend(depthPct: number): void {
    if (this.sent === depthPct) this.sent = 0
  }
}
