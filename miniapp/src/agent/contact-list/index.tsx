import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import type { ContactSummaryView, GridCellCode, ReferralClass, Stage } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import ContactRow from '../../components/contact-row'
import StateView from '../../components/state-view'
import { tagName } from '../../format'
import { api } from '../../services'
import './index.css'

export default function ContactListPage() {
  const params = useRouter().params
  const [tag, setTag] = useState(params.tag ?? '')
  const [items, setItems] = useState<ContactSummaryView[]>([])
  const [page, setPage] = useState(1)
  const [total, setTotal] = useState(0)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (params.title) void Taro.setNavigationBarTitle({ title: decodeURIComponent(params.title) })
  }, [params.title])

  useEffect(() => {
    let stale = false
    setLoading(true)
    api()
      .contacts({
        cell: (params.cell as GridCellCode) || undefined,
        stage: params.stage ? (Number(params.stage) as Stage) : undefined,
        referral: (params.referral as ReferralClass) || undefined,
        tag: tag || undefined,
        page,
      })
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
  }, [params.cell, params.stage, params.referral, tag, page])

  useReachBottom(() => {
    if (!loading && items.length < total) setPage((p) => p + 1)
  })

  const tags = useMemo(() => {
    const set = new Set<string>()
    items.forEach((c) => c.tags.forEach((t) => set.add(t.tag)))
    if (tag) set.add(tag)
    return [...set].sort()
  }, [items, tag])
  const now = Date.now()

  return (
    <AgentGate>
      <View className='page'>
        <View className='contact-list__total muted'>共 {total} 位客户</View>
        {tags.length > 0 ? (
          <View className='chips contact-list__tags'>
            {tags.map((t) => (
              <Text
                key={t}
                className={`chip ${tag === t ? 'chip--active' : ''}`}
                onClick={() => {
                  setPage(1)
                  setTag(tag === t ? '' : t)
                }}
              >
                {tagName(t)}
              </Text>
            ))}
          </View>
        ) : null}
        <View className='section'>
          <StateView loading={loading && items.length === 0} error={error} empty={!loading && items.length === 0} emptyText='这里还没有客户' />
          {items.map((c) => (
            <ContactRow key={c.contactId} c={c} now={now} />
          ))}
        </View>
      </View>
    </AgentGate>
  )
}
