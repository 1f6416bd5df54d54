import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { formatDateTime, stageName } from '../../format'
import { api } from '../../services'
import './index.css'

/** 公海: the team's contacts without an agent; the agent claims one (a daily limit, said by the server). */
function Pool() {
  const pool = useAsync(() => api().pool(), [])
  const [claiming, setClaiming] = useState<string | null>(null)

  const claim = async (contactId: string) => {
    setClaiming(contactId)
    try {
      const moved = await api().claimFromPool(contactId)
      void Taro.showToast({ title: `已认领，今天还可认领${moved.claimsLeftToday}位`, icon: 'none' })
      void Taro.navigateTo({ url: `/agent/contact/index?id=${encodeURIComponent(contactId)}` })
      pool.reload()
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message || '认领失败', icon: 'none' })
    } finally {
      setClaiming(null)
    }
  }

  if (!pool.data) return <StateView loading={pool.loading} error={pool.error} onRetry={pool.reload} />
  return (
    <View className='page'>
      <View className='pool__hint muted'>离职移交、超期未跟进收回的客户在这里，认领后由你跟进；每天可认领的人数有上限。</View>
      {pool.data.length === 0 ? <StateView empty emptyText='公海里暂时没有客户' /> : null}
      {pool.data.map((c) => (
        <View key={c.contactId} className='section pool__item row row--between' id={`pool-${c.contactId}`}>
          <View className='pool__who'>
            <Text className='pool__name'>{c.displayName}</Text>
            <View className='pool__meta muted'>
              {stageName(c.stage)}
              {c.handedOverFromName ? ` · 移交自${c.handedOverFromName}` : ''}
              {c.lastTouchAt ? ` · 最近互动${formatDateTime(c.lastTouchAt)}` : ''}
            </View>
          </View>
          <Button className='btn-primary pool__claim' size='mini' loading={claiming === c.contactId} disabled={claiming !== null} onClick={() => void claim(c.contactId)}>
            认领
          </Button>
        </View>
      ))}
    </View>
  )
}

export default function PoolPage() {
  return (
    <AgentGate>
      <Pool />
    </AgentGate>
  )
}
