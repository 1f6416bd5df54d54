import { useCallback, useEffect, useRef, useState } from 'react'

export interface AsyncState<T> {
  data: T | null
  error: string | null
  /** The failure's stable code (ApiError's, e.g. share_retired), for a page that answers one code its own way. */
  errorCode: string | null
  loading: boolean
  reload: () => Promise<void>
  setData: (next: T | null) => void
}

/** Loads data for a page; keeps the last data while reloading so lists don't flash. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[], options: { immediate?: boolean } = {}): AsyncState<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [errorCode, setErrorCode] = useState<string | null>(null)
  const [loading, setLoading] = useState(options.immediate !== false)
  const seq = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    try {
      const result = await loadRef.current()
      if (mine === seq.current) {
        setData(result)
        setError(null)
        setErrorCode(null)
      }
    } catch (e) {
      if (mine === seq.current) {
        setError((e as Error).message || '加载失败')
        const code = (e as { code?: unknown }).code
        setErrorCode(typeof code === 'string' ? code : null)
      }
    } finally {
      if (mine === seq.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    if (options.immediate !== false) void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  return { data, error, errorCode, loading, reload, setData }
}
