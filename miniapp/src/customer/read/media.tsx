import { useEffect, useRef, useState } from 'react'
import { Text, Video, View } from '@tarojs/components'
import { useDidHide, useDidShow } from '@tarojs/taro'
import type { ContentVersionView } from '@kejing/shared'
import { formatCountdown, formatDateTime } from '../../format'
import { LivePresence, VideoProgressTracker } from '../../tracking/media-progress'
import { track } from '../reader-services'

/** A video with progress milestones reported to the queue. */
export function TrackedVideo({ src, shareId, id }: { src: string; shareId: string; id: string }) {
  const tracker = useRef<VideoProgressTracker | null>(null)
  if (!tracker.current) {
    tracker.current = new VideoProgressTracker({ now: () => Date.now(), emit: (e) => track({ ...e, shareId }) })
  }
  useEffect(() => () => tracker.current?.end(), [])
  useDidHide(() => tracker.current?.end())
  return (
    <Video
      id={id}
      className='reader__video'
      src={src}
      onTimeUpdate={(e) => tracker.current?.onTimeUpdate(e.detail.currentTime, e.detail.duration)}
      onEnded={() => tracker.current?.end()}
    />
  )
}

/** Live stream: countdown before the start, the player while live (join/leave), replay after. */
export function LiveBlock({ content, shareId }: { content: ContentVersionView; shareId: string }) {
  const startsAt = content.liveStartsAt ? Date.parse(content.liveStartsAt) : NaN
  const [now, setNow] = useState(Date.now())
  const presence = useRef<LivePresence | null>(null)
  if (!presence.current) presence.current = new LivePresence(() => Date.now(), (e) => track({ ...e, shareId }))

  const status = content.liveStatus ?? (Number.isFinite(startsAt) && now < startsAt ? 'scheduled' : 'live')
  const waiting = status === 'scheduled' && Number.isFinite(startsAt) && now < startsAt
  const isLive = status === 'live' || (status === 'scheduled' && !waiting)

  useEffect(() => {
    if (!waiting) return undefined
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [waiting])
  useEffect(() => {
    presence.current?.enter(isLive)
  }, [isLive])
  useEffect(() => () => presence.current?.leave(), [])
  useDidShow(() => presence.current?.enter(isLive))
  useDidHide(() => presence.current?.leave())

  if (waiting) {
    return (
      <View className='reader__live reader__live--waiting'>
        <View>直播将于 {formatDateTime(content.liveStartsAt)} 开始</View>
        <View className='reader__countdown'>{formatCountdown(startsAt - now)}</View>
      </View>
    )
  }
  if (isLive && content.videoUrl) {
    return (
      <View className='reader__live'>
        <Text className='chip chip--active'>直播中</Text>
        <Video id='live-player' className='reader__video' src={content.videoUrl} autoplay isLive />
      </View>
    )
  }
  if (status === 'ended' && content.replayUrl) {
    return (
      <View className='reader__live'>
        <Text className='chip'>直播回放</Text>
        <TrackedVideo id='replay-player' src={content.replayUrl} shareId={shareId} />
      </View>
    )
  }
  return <View className='reader__live muted'>直播已结束</View>
}
