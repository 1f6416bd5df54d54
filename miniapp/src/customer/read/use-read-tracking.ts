import { useEffect, useRef } from 'react'
import { useDidHide, useDidShow, usePageScroll } from '@tarojs/taro'
import { ReadDepthTracker } from '../../tracking/read-depth'
import { track, tracker } from '../reader-services'
import { measureHeight, windowHeight } from '../../platform/measure'

const REMEASURE_MS = 1000

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

  // The reader has no App of its own (an independent sub-package): leaving the page, or WeChat,
  // is when its queue goes out.
  useDidHide(() => {
    trackerRef.current?.onHide()
    void tracker().flush()
  })
  useDidShow(() => trackerRef.current?.onShow())

  return {
    activity: () => trackerRef.current?.onActivity(),
  }
}
