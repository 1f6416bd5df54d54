import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import type { GridCellCode, ReferralClass, Stage } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import ContactRow from '../../components/contact-row'
import StateView from '../../components/state-view'
import { useContactPages } from '../../hooks/use-contact-pages'
import { tagName } from '../../format'
import './index.css'

export default function ContactListPage() {
  const params = useRouter().params
  const [tag, setTag] = useState(params.tag ?? '')
  const { items, total, loading, error, more } = useContactPages({
    cell: (params.cell as GridCellCode) || undefined,
    stage: params.stage ? (Number(params.stage) as Stage) : undefined,
    referral: (params.referral as ReferralClass) || undefined,
    tag: tag || undefined,
  })

  useEffect(() => {
    if (params.title) void Taro.setNavigationBarTitle({ title: decodeURIComponent(params.title) })
  }, [params.title])

  useReachBottom(more)

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
                onClick={() => setTag(tag === t ? '' : t)}
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
