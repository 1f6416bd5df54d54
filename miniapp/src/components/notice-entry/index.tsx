import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useAsync } from '../../hooks/use-async'
import { badgeText } from '../../notices/notice-view'
import { api } from '../../services'
import './index.css'

/** 消息 on 今日, with the unread count: leads, high-intent reads, referrals, 留言 and reminders. */
export default function NoticeEntry() {
  const unread = useAsync(() => api().unreadNotices(), [])
  useDidShow(() => void unread.reload())
  const badge = badgeText(unread.data?.unread ?? 0)
  return (
    <View className='notice-entry' id='notice-entry' onClick={() => void Taro.navigateTo({ url: '/agent/notices/index' })}>
      <Text className='notice-entry__label'>消息</Text>
      {badge ? <Text className='notice-entry__badge' id='notice-badge'>{badge}</Text> : null}
    </View>
  )
}
