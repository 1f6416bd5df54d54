import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import type { RadarItemView } from '@kejing/shared'
import { api } from '../services'
import { mergeRadar } from '../radar/merge-radar'

export const RADAR_POLL_MS = 10_000

/** The radar list, refreshed in full on show and polled with ?since= while the page is visible. */
export function useRadarFeed(enabled: boolean) {
  const [items, setItems] = useState<RadarItemView[]>([])
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const lastPollAt = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)

  const poll = useCallback(async (full: boolean) => {
    const startedAt = new Date().toISOString()
    try {
      const since = full ? undefined : lastPollAt.current ?? undefined
      const incoming = await api().radar(since)
      setItems((cur) => (full ? mergeRadar([], incoming) : mergeRadar(cur, incoming)))
      // A minute of overlap covers clock skew between phone and server.
      lastPollAt.current = new Date(Date.parse(startedAt) - 60_000).toISOString()
      setError(null)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setLoading(false)
    }
  }, [])

  const start = useCallback(() => {
    if (!enabled) return
    void poll(true)
    if (timer.current) clearInterval(timer.current)
    timer.current = setInterval(() => void poll(false), RADAR_POLL_MS)
  }, [enabled, poll])

  const stop = useCallback(() => {
    if (timer.current) clearInterval(timer.current)
    timer.current = null
  }, [])

  useEffect(() => {
    start()
    return stop
  }, [start, stop])
  useDidShow(() => {
    if (!timer.current) start()
  })
  useDidHide(stop)

  return { items, error, loading, refresh: () => poll(true) }
}
