import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import type { ContactSummaryView, GridCellCode, ReferralClass, Stage } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { cellName, formatRelativeTime, REFERRAL_NAMES_ZH, stageName, tagName } from '../../format'
import { api } from '../../services'
import './index.css'

function ContactRow({ c, now }: { c: ContactSummaryView; now: number }) {
  return (
    <View className='list-item' onClick={() => Taro.navigateTo({ url: `/agent/contact/index?id=${encodeURIComponent(c.contactId)}` })}>
      <View className='row row--between'>
        <Text className='contact-row__name'>{c.displayName}</Text>
        <Text className='muted'>{c.lastTouchAt ? formatRelativeTime(c.lastTouchAt, now) : '暂无互动'}</Text>
      </View>
      <View className='chips contact-row__chips'>
        <Text className='chip'>{stageName(c.stage)}</Text>
        <Text className='chip'>{cellName(c.cell)}</Text>
        <Text className='chip'>{REFERRAL_NAMES_ZH[c.referralClass]}</Text>
        {c.optedOut ? <Text className='chip chip--hot'>已退订</Text> : null}
      </View>
      <View className='muted'>
        信任 {c.trust} · 意向 {c.intent}
      </View>
    </View>
  )
}

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
