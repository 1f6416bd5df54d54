import { useEffect, useState } from 'react'
import type { ContactSummaryView } from '@kejing/shared'
import type { ContactQuery } from '../api/endpoints'
import { api } from '../services'

/**
 * Contacts matching a query, a page at a time: a new query starts again from page 1, `more()`
 * appends the next page. An answer to a query no longer shown is dropped.
 */
export function useContactPages(query: Omit<ContactQuery, 'page'>) {
  const key = JSON.stringify(query)
  const [items, setItems] = useState<ContactSummaryView[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(1)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => setPage(1), [key])
  useEffect(() => {
    let stale = false
    setLoading(true)
    api()
      .contacts({ ...(JSON.parse(key) as ContactQuery), page })
      .then((res) => {
        if (stale) return
        setItems((cur) => (page === 1 ? res.items : [...cur, ...res.items]))
        setTotal(res.total)
        setError(null)
      })
      .catch((e: Error) => !stale && setError(e.message))
      .finally(() => !stale && setLoading(false))
    return () => {
      stale = true
    }
  }, [key, page])
  const more = () => {
    if (!loading && items.length < total) setPage((p) => p + 1)
  }
  return { items, total, loading, error, more }
}
