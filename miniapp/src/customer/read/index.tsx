import { useEffect, useRef, useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import AgentCard from '../../components/agent-card'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { api, openShare, track } from '../reader-services'
import { entryScene, isSinglePage } from '../entry-scene'
import { useReadTracking } from './use-read-tracking'
import SinglePageReader from './single-page'
import { READER_PAGE, sharePath } from '@kejing/shared'
import { readerEntry, shareUrl } from '../../share-path'
import ConsultPanel from './consult-panel'
import { LiveBlock, TrackedVideo } from './media'
import PrivacyNotice from './privacy-notice'
import { leadPageUrl, MY_DATA_PAGE, SCENE_NOT_FOUND_TEXT } from '../reader-core'
import NpsQuestion from './nps'
import { absoluteImageUrl } from '../../uploads/image-url'
import '../../app.css'
import { InvalidShare, RetiredShare } from './share-unavailable'
import ArticleText from './article-text'
import './index.css'

const isH5 = process.env.TARO_ENV === 'h5'

/** Moments opens this page in single-page mode (no login): the reader for it is its own component. */
export default function ReaderPage() {
  const params = useRouter().params
  const [enteredWith] = useState(entryScene)
  if (isSinglePage(enteredWith) && params.s) return <SinglePageReader shareId={params.s} scene={enteredWith as number} />
  return <FullReader enteredWith={enteredWith} />
}

function FullReader({ enteredWith }: { enteredWith: number | null }) {
  const entry = readerEntry(useRouter().params)
  const scene = entry && 'scene' in entry ? entry.scene : null
  // A scanned poster code brings a scene; the share id behind it comes from the server.
  const scanned = useAsync(() => api().shareByScene(scene as string), [scene], { immediate: scene !== null })
  const s = entry && 'shareId' in entry ? entry.shareId : scanned.data?.shareId ?? ''
  const opened = useAsync(() => openShare(s, enteredWith), [s], { immediate: !!s })
  const [cardOpen, setCardOpen] = useState(false)
  const [consultOpen, setConsultOpen] = useState(false)
  const [forwardLink, setForwardLink] = useState<string | null>(null)
  const content = opened.data?.content
  const readable = !!content && (content.kind === 'article' || content.kind === 'poster')
  const reading = useReadTracking(opened.data ? s : null, readable)
  const openTracked = useRef(false)

  // The open call creates the contact; the 'open' touchpoint itself goes through the queue
  // like every other one, so an open made offline-after-load is not lost either.
  useEffect(() => {
    if (opened.data && !openTracked.current) {
      openTracked.current = true
      track({ type: 'open', shareId: s })
    }
  }, [opened.data, s])

  useShareAppMessage(() => {
    const title = content?.title ?? '推荐给你'
    // A child share, so the agent sees who brought the new reader (转介绍).
    const promise = api()
      .forwardShare(s, 'friend')
      .then((child) => {
        track({ type: 'forward', shareId: s })
        return { title, path: sharePath(child.shareId) }
      })
      .catch(() => ({ title, path: sharePath(s) }))
    return { title, path: s ? sharePath(s) : READER_PAGE, promise } as unknown as Taro.ShareAppMessageReturn
  })

  if (!entry) return <InvalidShare incomplete />
  if (scanned.errorCode === 'share_invalid' && !scanned.loading) return <InvalidShare />
  if (!s) {
    const failed = !!scanned.error && !scanned.loading
    return <StateView loading={scanned.loading} error={failed ? SCENE_NOT_FOUND_TEXT : null} onRetry={scanned.reload} />
  }
  // A retired item or a broken link is no failure to retry: each has its own page and a way on.
  if (!opened.data && !opened.loading && opened.errorCode === 'share_retired') return <RetiredShare shareId={s} />
  if (!opened.data && !opened.loading && opened.errorCode === 'share_invalid') return <InvalidShare />
  if (!opened.data || !content) {
    return <StateView loading={opened.loading} error={opened.error} onRetry={opened.reload} />
  }
  const { agent } = opened.data

  const viewCard = () => {
    reading.activity()
    if (!cardOpen) track({ type: 'card_view', shareId: s })
    setCardOpen(!cardOpen)
  }
  // Call, add WeChat, leave a message, or the lead form: the panel offers what the agent set up.
  const consult = () => {
    if (!consultOpen) track({ type: 'consult_tap', shareId: s })
    setConsultOpen(!consultOpen)
  }
  const leadFromConsult = () => void Taro.navigateTo({ url: leadPageUrl(s, true) })
  const leaveLead = () => void Taro.navigateTo({ url: leadPageUrl(s, false) })
  const forwardOnH5 = async () => {
    try {
      const child = await api().forwardShare(s, 'friend')
      track({ type: 'forward', shareId: s })
      const url = shareUrl(window.location.origin + window.location.pathname.replace(/\/$/, ''), child.shareId)
      setForwardLink(url)
      await Taro.setClipboardData({ data: url }).catch(() => undefined)
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' })
    }
  }

  return (
    <View className='reader' id='reader-root' onClick={reading.activity}>
      <ArticleText content={content} agent={agent} />
      {content.kind === 'video' && content.videoUrl ? <TrackedVideo id='video-player' src={content.videoUrl} shareId={s} /> : null}
      {content.kind === 'live' ? <LiveBlock content={content} shareId={s} /> : null}
      {content.kind === 'poster' && content.coverUrl ? (
        <Image className='reader__poster' src={absoluteImageUrl(content.coverUrl)} mode='widthFix' showMenuByLongpress />
      ) : null}
      {content.kind !== 'article' && content.summary ? <View className='reader__summary'>{content.summary}</View> : null}

      <View className='reader__end' id='reader-end'>
        — 全文完 —
      </View>
      <AgentCard agent={agent} expanded={cardOpen} onTap={viewCard} />
      {opened.data.askNps ? <NpsQuestion shareId={s} agentName={agent.name} /> : null}
      <View className='reader__actions'>
        <Button className='btn-plain reader__btn' id='consult' onClick={consult}>
          咨询顾问
        </Button>
        <Button className='btn-primary reader__btn' id='leave-lead' onClick={leaveLead}>
          免费获取方案
        </Button>
      </View>
      {consultOpen ? <ConsultPanel shareId={s} onLead={leadFromConsult} onClose={() => setConsultOpen(false)} /> : null}
      <View className='reader__forward'>
        {isH5 ? (
          <Button className='reader__forward-btn' id='forward' size='mini' onClick={forwardOnH5}>
            转发给朋友
          </Button>
        ) : (
          <Button className='reader__forward-btn' openType='share' size='mini'>
            转发给朋友
          </Button>
        )}
        {forwardLink ? (
          <View className='muted reader__forward-link'>
            链接已复制：<Text selectable userSelect>{forwardLink}</Text>
          </View>
        ) : null}
      </View>
      <View className='reader__mine' id='my-data-link' onClick={() => void Taro.navigateTo({ url: MY_DATA_PAGE })}>
        我的信息 · 查看、导出或删除您的记录
      </View>
      <PrivacyNotice agentName={agent.name} />
    </View>
  )
}
