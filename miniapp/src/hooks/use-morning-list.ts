import { useCallback, useEffect, useRef, useState } from 'react'
import { morningListSection, type MorningListPage, type MorningListSection, type TaskView } from '@kejing/shared'
import { ApiError } from '../api/client'
import { api } from '../services'

export interface MorningListState {
  /** The tasks loaded so far, in the list's order. */
  tasks: TaskView[]
  /** Tasks on the whole list, and per section, as the server last counted them (less the ones worked here since). */
  total: number
  sections: Record<MorningListSection, number>
  /** The instant the list was drawn up: sections are counted against it. Null before the first page. */
  asOfMs: number | null
  hasMore: boolean
  loading: boolean
  loadingMore: boolean
  error: string | null
  /** Draws the list up again from its first page (on show, on pull-down). */
  reload: () => Promise<void>
  /** Appends the next page; does nothing while one is loading or when there is none. */
  more: () => Promise<void>
  /** A task the agent worked (done, dismissed, snoozed) leaves the list and its counts. */
  remove: (taskId: string) => void
}

const NO_SECTIONS: Record<MorningListSection, number> = { overdue: 0, today: 0, later: 0 }

/**
 * The morning list a page at a time: the first screenful of the ranking comes at once, the rest as
 * the agent scrolls. A page answering a list that has since been drawn up again is dropped. The
 * first page loads on mount.
 */
export function useMorningList(pageSize: number): MorningListState {
  const [tasks, setTasks] = useState<TaskView[]>([])
  const [total, setTotal] = useState(0)
  const [sections, setSections] = useState(NO_SECTIONS)
  const [asOfMs, setAsOfMs] = useState<number | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // Which drawing-up of the list an answer belongs to; `more` reads the cursor without waiting for a render.
  const listSeq = useRef(0)
  const nextRef = useRef<string | null>(null)
  const moreInFlight = useRef(false)

  const take = (page: MorningListPage, append: boolean) => {
    setTasks((shown) => {
      if (!append) return page.tasks
      const have = new Set(shown.map((task) => task.taskId))
      return [...shown, ...page.tasks.filter((task) => !have.has(task.taskId))]
    })
    setTotal(page.total)
    setSections(page.sections)
    setAsOfMs(Date.parse(page.asOf))
    setNext(page.next)
    nextRef.current = page.next
  }

  const reload = useCallback(async () => {
    const mine = ++listSeq.current
    setLoading(true)
    try {
      const page = await api().tasksToday({ limit: pageSize })
      if (mine !== listSeq.current) return
      take(page, false)
      setError(null)
    } catch (e) {
      if (mine === listSeq.current) setError((e as Error).message || '加载失败')
    } finally {
      if (mine === listSeq.current) setLoading(false)
    }
  }, [pageSize])

  // On mount, as useAsync does: the page's first show may have passed before the agent's session let this list render.
  useEffect(() => {
    void reload()
  }, [reload])

  const more = useCallback(async () => {
    const after = nextRef.current
    if (!after || moreInFlight.current) return
    const mine = listSeq.current
    moreInFlight.current = true
    setLoadingMore(true)
    try {
      const page = await api().tasksToday({ limit: pageSize, after })
      if (mine === listSeq.current) take(page, true)
    } catch (e) {
      // A list drawn up on another day cannot be continued: draw it up again.
      if (e instanceof ApiError && e.details.some((d) => d.field === 'after')) void reload()
      else throw e
    } finally {
      moreInFlight.current = false
      setLoadingMore(false)
    }
  }, [pageSize, reload])

  const remove = useCallback(
    (taskId: string) => {
      const gone = tasks.find((task) => task.taskId === taskId)
      if (!gone || asOfMs === null) return
      const key = morningListSection(Date.parse(gone.dueAt), asOfMs)
      setTasks((shown) => shown.filter((task) => task.taskId !== taskId))
      setSections((counts) => ({ ...counts, [key]: Math.max(0, counts[key] - 1) }))
      setTotal((n) => Math.max(0, n - 1))
    },
    [tasks, asOfMs],
  )

  return { tasks, total, sections, asOfMs, hasMore: next !== null, loading, loadingMore, error, reload, more, remove }
}
