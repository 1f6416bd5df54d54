import { useEffect, useRef } from 'react'
import { useDidHide, usePageScroll, useUnload } from '@tarojs/taro'
import { StudyDepth } from '../metrics/study'
import { api } from '../services'
import { measureHeight, windowHeight } from '../platform/measure'

/**
 * The agent reading an article in the preview counts as study (KYB134 Knowledge, and the MCIP's
 * content to study): the deepest point reached is sent when the page is hidden or left.
 */
export function useStudyRecording(contentVersionId: string, active: boolean, rootSelector: string) {
  const depth = useRef(new StudyDepth())
  const size = useRef({ viewport: 0, content: 0, scrollTop: 0 })

  const send = () => {
    const pct = depth.current.take()
    if (pct === null || !contentVersionId) return
    api()
      .recordStudy({ contentVersionId, depthPct: pct })
      .catch(() => depth.current.unsend(pct))
  }

  useEffect(() => {
    if (!active) return undefined
    size.current.viewport = windowHeight()
    const first = setTimeout(() => {
      void measureHeight(rootSelector).then((h) => {
        size.current.content = h
        depth.current.onScroll(size.current.scrollTop, size.current.viewport, h)
      })
    }, 300)
    return () => clearTimeout(first)
  }, [active, rootSelector])

  usePageScroll(({ scrollTop }) => {
    if (!active) return
    const s = size.current
    s.scrollTop = scrollTop
    depth.current.onScroll(scrollTop, s.viewport, s.content)
    void measureHeight(rootSelector).then((h) => {
      if (h > 0) s.content = h
    })
  })

  useDidHide(send)
  useUnload(send)
}
