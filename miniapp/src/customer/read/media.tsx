import { useEffect, useRef, useState } from 'react'
import { Button, Text, Video, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import type { ContentVersionView } from '@kejing/shared'
import { formatCountdown, formatLiveTime } from '../../format'
import { LivePresence, VideoProgressTracker } from '../../tracking/media-progress'
import { absoluteImageUrl } from '../../uploads/image-url'
import { track } from '../reader-services'

/**
 * The way into a live on 视频号 (WeChat Channels), where agents really go live: the mini program
 * opens the account's live room with wx.openChannelsLive. A browser (the H5 build) cannot, and says so.
 */
function ChannelsLiveEntry({ finderUserName }: { finderUserName: string }) {
  if (process.env.TARO_ENV !== 'weapp') return <View className='reader__live-note'>请在微信里打开这个页面，进入视频号直播间观看</View>
  const open = () =>
    Taro.openChannelsLive({ finderUserName }).catch(() =>
      Taro.showToast({ title: '暂时打不开直播间，请稍后再试或联系顾问', icon: 'none' }),
    )
  return (
    <Button className='reader__live-enter' id='channels-live-enter' type='primary' onClick={() => void open()}>
      进入视频号直播间
    </Button>
  )
}

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
      src={absoluteImageUrl(src)}
      onTimeUpdate={(e) => tracker.current?.onTimeUpdate(e.detail.currentTime, e.detail.duration)}
      onEnded={() => tracker.current?.end()}
    />
  )
}

/** A live: countdown before the start, the 视频号 room (or a stream) while live (join/leave), the replay after. */
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
        <View>直播时间 {formatLiveTime(content.liveStartsAt, content.liveEndsAt)}</View>
        <View className='reader__countdown'>{formatCountdown(startsAt - now)}</View>
        {content.channelsFinderId ? <View className='reader__live-hint'>开播后在这里进入视频号直播间</View> : null}
      </View>
    )
  }
  if (isLive && content.channelsFinderId) {
    return (
      <View className='reader__live'>
        <Text className='chip chip--active'>直播中</Text>
        <ChannelsLiveEntry finderUserName={content.channelsFinderId} />
      </View>
    )
  }
  if (isLive && content.videoUrl) {
    return (
      <View className='reader__live'>
        <Text className='chip chip--active'>直播中</Text>
        <Video id='live-player' className='reader__video' src={absoluteImageUrl(content.videoUrl)} autoplay isLive />
      </View>
    )
  }
  if (isLive) return <View className='reader__live muted'>直播进行中，请联系分享给你的顾问获取直播入口</View>
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
