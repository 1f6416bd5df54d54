import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MeView } from '@kejing/shared'
import { dashboardEntries } from '../../metrics/entries'
import './index.css'

/** 我的成长 / 团队看板 / 机构看板, as the person's roles allow (GET /api/me). */
export default function DashboardEntries({ me, compact }: { me: MeView | null | undefined; compact?: boolean }) {
  const entries = dashboardEntries(me)
  if (entries.length === 0) return null
  return (
    <View className={`dash-entries ${compact ? 'dash-entries--compact' : ''}`}>
      {entries.map((e) => (
        <View key={e.key} id={`entry-${e.key}`} className='dash-entry' onClick={() => void Taro.navigateTo({ url: e.url })}>
          <View className='dash-entry__title'>
            <Text>{e.title}</Text>
            <Text className='dash-entry__arrow'>›</Text>
          </View>
          {compact ? null : <View className='dash-entry__desc'>{e.desc}</View>}
        </View>
      ))}
    </View>
  )
}
