import { useEffect, useRef } from 'react'
import Taro, { useDidHide, useDidShow, usePageScroll } from '@tarojs/taro'
import { ReadDepthTracker } from '../tracking/read-depth'
import { track, tracker } from '../services'

const REMEASURE_MS = 1000

function windowHeight(): number {
  for (const read of [() => Taro.getWindowInfo().windowHeight, () => Taro.getSystemInfoSync().windowHeight]) {
    try {
      const h = read()
      if (h > 0) return h
    } catch {
      // try the next API
    }
  }
  return 0
}

function measureHeight(selector: string): Promise<number> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(selector)
        .boundingClientRect((rect) => {
          const r = Array.isArray(rect) ? rect[0] : rect
          resolve(r && typeof r.height === 'number' ? r.height : 0)
        })
        .exec()
    } catch {
      // No layout engine (simulator) or the page is gone: depth stays as it was.
      resolve(0)
    }
  })
}

/**
 * Wires a ReadDepthTracker to the page: scroll depth from usePageScroll and the height of
 * `rootSelector`, dwell paused while the page is hidden, a last report when the page goes.
 */
export function useReadTracking(shareId: string | null, active: boolean, rootSelector = '#reader-root') {
  const trackerRef = useRef<ReadDepthTracker | null>(null)
  const size = useRef({ viewport: 0, content: 0, measuredAt: 0, scrollTop: 0 })

  useEffect(() => {
    if (!shareId || !active) return undefined
    const t = new ReadDepthTracker({ now: () => Date.now(), emit: (e) => track({ ...e, shareId }) })
    trackerRef.current = t
    size.current.viewport = windowHeight()
    // Wait for the article to lay out before the first-screen depth.
    const first = setTimeout(() => {
      void measureHeight(rootSelector).then((h) => {
        size.current.content = h
        size.current.measuredAt = Date.now()
        t.onScroll(size.current.scrollTop, size.current.viewport, h)
      })
    }, 300)
    return () => {
      clearTimeout(first)
      t.end()
      trackerRef.current = null
      void tracker().flush()
    }
  }, [shareId, active, rootSelector])

  usePageScroll(({ scrollTop }) => {
    const t = trackerRef.current
    size.current.scrollTop = scrollTop
    if (!t) return
    const s = size.current
    t.onScroll(scrollTop, s.viewport, s.content)
    // Images load and the page grows: measure again now and then.
    if (Date.now() - s.measuredAt > REMEASURE_MS) {
      s.measuredAt = Date.now()
      void measureHeight(rootSelector).then((h) => {
        if (h > 0) s.content = h
      })
    }
  })

  useDidHide(() => trackerRef.current?.onHide())
  useDidShow(() => trackerRef.current?.onShow())

  return {
    activity: () => trackerRef.current?.onActivity(),
  }
}
