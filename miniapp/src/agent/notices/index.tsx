import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { NoticeView } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { formatRelativeTime } from '../../format'
import { NOTICE_KIND_LABELS, noticeTarget, PUSH_LABELS } from '../../notices/notice-view'
import { api } from '../../services'
import './index.css'

function NoticeList() {
  const notices = useAsync(() => api().notices(), [])
  useDidShow(() => void notices.reload())
  usePullDownRefresh(() => {
    void notices.reload().finally(() => Taro.stopPullDownRefresh())
  })
  const now = Date.now()
  const items = notices.data?.items ?? []
  const unread = notices.data?.unread ?? 0

  const markedRead = (noticeId: string, left: number) => {
    if (!notices.data) return
    const readAt = new Date().toISOString()
    notices.setData({ unread: left, items: notices.data.items.map((n) => (n.noticeId === noticeId ? { ...n, readAt } : n)) })
  }

  const open = async (notice: NoticeView) => {
    if (!notice.readAt) {
      try {
        markedRead(notice.noticeId, (await api().markNoticeRead(notice.noticeId)).unread)
      } catch {
        // Read or not, the agent still goes where the notice points.
      }
    }
    const target = noticeTarget(notice)
    if (target) void Taro.navigateTo({ url: target })
  }

  const readAll = async () => {
    try {
      await api().markAllNoticesRead()
      const readAt = new Date().toISOString()
      notices.setData({ unread: 0, items: items.map((n) => (n.readAt ? n : { ...n, readAt })) })
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' })
    }
  }

  return (
    <View className='page notices'>
      <View className='notices__bar'>
        <Text className='notices__count'>{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
        <View className='notices__bar-actions'>
          {unread > 0 ? (
            <View className='notices__bar-btn' id='read-all' onClick={readAll}>
              全部已读
            </View>
          ) : null}
          <View className='notices__bar-btn' id='notice-settings' onClick={() => void Taro.navigateTo({ url: '/agent/notice-settings/index' })}>
            微信提醒设置
          </View>
        </View>
      </View>
      <StateView
        loading={notices.loading && !notices.data}
        error={notices.error}
        empty={!!notices.data && items.length === 0}
        emptyText='新线索、高意向阅读、转介绍、客户留言和待办提醒会出现在这里'
        onRetry={notices.reload}
      />
      {items.map((n) => (
        <View key={n.noticeId} id={`notice-${n.noticeId}`} className={n.readAt ? 'notice' : 'notice notice--unread'} onClick={() => void open(n)}>
          <View className='notice__head'>
            <Text className={`notice__kind notice__kind--${n.kind}`}>{NOTICE_KIND_LABELS[n.kind]}</Text>
            <Text className='notice__title'>{n.title}</Text>
            {n.readAt ? null : <Text className='notice__dot' />}
            <Text className='notice__when'>{formatRelativeTime(n.createdAt, now)}</Text>
          </View>
          <View className='notice__body'>{n.body}</View>
          <View className='notice__push'>{PUSH_LABELS[n.push]}</View>
        </View>
      ))}
    </View>
  )
}

export default function NoticesPage() {
  return (
    <AgentGate>
      <NoticeList />
    </AgentGate>
  )
}
