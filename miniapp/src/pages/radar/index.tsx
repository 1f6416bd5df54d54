import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { SHARE_CHANNEL_NAMES, type RadarItemView } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { useRadarFeed } from '../../hooks/use-radar-feed'
import { formatDwell, formatRelativeTime, touchpointName } from '../../format'
import './index.css'

function RadarRow({ item, now }: { item: RadarItemView; now: number }) {
  const next = item.nextActions.filter((a) => a !== 'open' && a !== 'read_progress')
  return (
    <View
      className='radar-row'
      onClick={() => Taro.navigateTo({ url: `/agent/contact/index?id=${encodeURIComponent(item.contactId)}` })}
    >
      <View className='row row--between'>
        <Text className='radar-row__name'>{item.contactName}</Text>
        <Text className='muted'>{formatRelativeTime(item.openedAt, now)}</Text>
      </View>
      <View className='radar-row__title'>看了《{item.contentTitle}》</View>
      <View className='radar-row__bar'>
        <View className='radar-row__fill' style={{ width: `${Math.min(100, item.maxDepthPct)}%` }} />
      </View>
      <View className='muted radar-row__meta'>
        {/* Where this share went, so the agent knows whom to thank or which group is warm. */}
        <Text className={`radar-row__channel radar-row__channel--${item.channel}`}>{SHARE_CHANNEL_NAMES[item.channel]}</Text>
        {item.forwarded ? '经客户转发 · ' : ''}阅读 {item.maxDepthPct}% · 停留 {formatDwell(item.dwellMs)}
      </View>
      {next.length > 0 ? (
        <View className='chips radar-row__next'>
          {next.map((a) => (
            <Text key={a} className='chip chip--hot'>
              {touchpointName(a)}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function RadarFeed() {
  const feed = useRadarFeed(true)
  usePullDownRefresh(() => {
    void feed.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  const now = Date.now()
  return (
    <View className='page'>
      <View className='radar__hint muted'>客户打开您分享的内容后会出现在这里，实时更新</View>
      <View className='section' id='radar-list'>
        <StateView
          loading={feed.loading && feed.items.length === 0}
          error={feed.items.length === 0 ? feed.error : null}
          empty={!feed.loading && feed.items.length === 0}
          emptyText='还没有人打开您的分享'
          onRetry={feed.refresh}
        />
        {feed.items.map((item) => (
          <RadarRow key={`${item.shareId}|${item.contactId}`} item={item} now={now} />
        ))}
      </View>
    </View>
  )
}

export default function RadarPage() {
  return (
    <AgentGate>
      <RadarFeed />
    </AgentGate>
  )
}
