import { computeDepthPct, ReadDepthTracker, type ReadEvent } from '../../src/tracking/read-depth'
import { LivePresence, VideoProgressTracker, type VideoProgressEvent } from '../../src/tracking/media-progress'

function setup(options: Partial<ConstructorParameters<typeof ReadDepthTracker>[0]> = {}) {
  let t = 0
  const events: ReadEvent[] = []
  const tracker = new ReadDepthTracker({ now: () => t, emit: (e) => events.push(e), ...options })
  return {
    tracker,
    events,
    tick: (ms: number) => {
      t += ms
    },
  }
}

describe('computeDepthPct', () => {
  it.each([
    [0, 800, 4000, 20],
    [1600, 800, 4000, 60],
    [3200, 800, 4000, 100],
    [5000, 800, 4000, 100], // overscroll
    [0, 800, 600, 100], // fits on one screen
    [-50, 800, 4000, 20], // iOS bounce
    [0, 800, 0, 0], // not laid out yet
    [3183.6, 800, 3987.2, 100], // at the end, sub-pixel heights
  ])('top %i, viewport %i, content %i → %i %%', (top, vh, ch, pct) => {
    expect(computeDepthPct(top, vh, ch)).toBe(pct)
  })
})

describe('ReadDepthTracker', () => {
  it('keeps the maximum depth, not the current one', () => {
    const { tracker, tick } = setup()
    tracker.onDepth(60)
    tick(1000)
    tracker.onDepth(30)
    expect(tracker.snapshot().depthPct).toBe(60)
  })

  it('sends a handful of events for a long read, not hundreds', () => {
    const { tracker, events, tick } = setup()
    // Ten minutes, a scroll event every 100 ms, creeping from the top to the bottom.
    for (let i = 0; i <= 6000; i++) {
      tracker.onScroll((i / 6000) * 3200, 800, 4000)
      tick(100)
    }
    tracker.end()
    expect(events.length).toBeLessThanOrEqual(6)
    expect(events.filter((e) => e.type === 'read_complete')).toHaveLength(1)
    expect(events[events.length - 1]).toMatchObject({ depthPct: 100 })
  })

  it('reports milestones 25/50/75, then read_complete at 90 %', () => {
    const { tracker, events, tick } = setup({ minIntervalMs: 0 })
    for (const d of [10, 26, 40, 55, 80, 91, 100]) {
      tick(20_000)
      tracker.onDepth(d)
    }
    expect(events.map((e) => [e.type, e.depthPct])).toEqual([
      ['read_progress', 26],
      ['read_progress', 55],
      ['read_progress', 80],
      ['read_complete', 91],
    ])
  })

  it('throttles milestones to one per interval and sends the held one later', () => {
    const { tracker, events, tick } = setup({ minIntervalMs: 15_000 })
    tracker.onDepth(30)
    tick(1000)
    tracker.onDepth(60) // held: only 1 s since the last event
    expect(events).toHaveLength(1)
    tick(15_000)
    tracker.onDepth(61)
    expect(events.map((e) => e.depthPct)).toEqual([30, 61])
  })

  it('does not count time in the background as dwell', () => {
    const { tracker, tick } = setup()
    tick(10_000)
    tracker.onActivity()
    tracker.onHide()
    tick(3_600_000) // an hour in the background
    tracker.onShow()
    tick(5_000)
    tracker.onActivity()
    expect(tracker.snapshot().dwellMs).toBe(15_000)
  })

  it('caps a silent gap at idleCapMs', () => {
    const { tracker, tick } = setup({ idleCapMs: 60_000 })
    tick(600_000) // phone left on the table for ten minutes
    tracker.onActivity()
    expect(tracker.snapshot().dwellMs).toBe(60_000)
  })

  it('reports on hide when something changed, and nothing when it did not', () => {
    const { tracker, events, tick } = setup()
    tracker.onDepth(10)
    tick(30_000)
    tracker.onHide()
    expect(events).toEqual([{ type: 'read_progress', depthPct: 10, dwellMs: 30_000 }])
    tracker.onShow()
    tracker.onHide()
    expect(events).toHaveLength(1)
  })

  it('sends nothing after end', () => {
    const { tracker, events, tick } = setup()
    tracker.onDepth(40)
    tick(10_000)
    tracker.end()
    const n = events.length
    tracker.onDepth(100)
    tracker.onHide()
    expect(events).toHaveLength(n)
  })
})

describe('VideoProgressTracker', () => {
  it('reports quarter milestones and the end, throttled', () => {
    let t = 0
    const events: VideoProgressEvent[] = []
    const v = new VideoProgressTracker({ now: () => t, emit: (e) => events.push(e), minIntervalMs: 10_000 })
    for (let s = 0; s <= 120; s += 0.25) {
      v.onTimeUpdate(s, 120)
      t += 250
    }
    v.end()
    expect(events.map((e) => e.videoPct)).toEqual([25, 50, 75, 100])
    expect(events[3]).toEqual({ type: 'video_progress', videoPositionSec: 120, videoPct: 100 })
  })
})

describe('LivePresence', () => {
  it('joins once while live and leaves with the time spent', () => {
    let t = 0
    const events: unknown[] = []
    const live = new LivePresence(() => t, (e) => events.push(e))
    live.enter(false)
    live.enter(true)
    live.enter(true)
    t += 90_000
    live.leave()
    live.leave()
    expect(events).toEqual([{ type: 'live_join' }, { type: 'live_leave', dwellMs: 90_000 }])
  })
})
