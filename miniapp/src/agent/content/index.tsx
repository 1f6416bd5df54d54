import { useState } from 'react'
import { Button, Canvas, Image, RichText, Text, Video, View } from '@tarojs/components'
import Taro, { useLoad, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import type { AgentCardView, ContentVersionView } from '@kejing/shared'
import AgentCard from '../../components/agent-card'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { useStudyRecording } from '../../hooks/use-study-recording'
import { formatDateTime, KIND_NAMES_ZH, tagName } from '../../format'
import { api } from '../../services'
import { READER_PAGE, sharePath } from '@kejing/shared'
import { shareUrl } from '../../share-path'
import { renderPoster, savePoster } from './poster'
import { entryScene, isSinglePage } from '../../customer/entry-scene'
import SinglePageReader from '../../customer/read/single-page'
import './index.css'

const isH5 = process.env.TARO_ENV === 'h5'
const h5Base = () => (isH5 ? window.location.origin + window.location.pathname.replace(/\/$/, '') : KEJING_H5_BASE)

function Preview({ content, card }: { content: ContentVersionView; card: AgentCardView | null }) {
  return (
    <View className='section preview' id='preview-root'>
      <View className='preview__title'>{content.title}</View>
      <View className='chips'>
        <Text className='chip chip--hot'>{KIND_NAMES_ZH[content.kind]}</Text>
        {content.tags.map((t) => (
          <Text key={t} className='chip'>
            {tagName(t)}
          </Text>
        ))}
      </View>
      {content.summary ? <View className='preview__summary'>{content.summary}</View> : null}
      {content.kind === 'article' && content.bodyHtml ? <RichText className='preview__body' nodes={content.bodyHtml} /> : null}
      {content.kind === 'video' && content.videoUrl ? <Video className='preview__video' src={content.videoUrl} /> : null}
      {content.kind === 'live' ? <View className='muted'>直播开始：{formatDateTime(content.liveStartsAt)}</View> : null}
      {content.kind === 'poster' && content.coverUrl ? <Image className='preview__poster' src={content.coverUrl} mode='widthFix' /> : null}
      {card ? <AgentCard agent={card} /> : null}
    </View>
  )
}

export default function AgentContentPage() {
  const { v = '', s } = useRouter().params
  const [momentsShareId, setMomentsShareId] = useState<string | null>(null)
  const [link, setLink] = useState<string | null>(null)
  const [poster, setPoster] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const content = useAsync(() => api().contentVersion(v), [v], { immediate: !s && !!v })
  const card = useAsync(() => api().card(), [], { immediate: !s })
  // Reading an article here is the agent's own study (KYB134 Knowledge).
  useStudyRecording(v, !s && content.data?.kind === 'article', '#preview-root')

  useLoad(() => {
    // Moments opens the page that was shared, with its query: that reader belongs in the reader.
    // Single-page mode (Moments, scene 1154) allows no navigation: the reader is shown right here.
    if (s && !isSinglePage(entryScene())) void Taro.redirectTo({ url: sharePath(s) })
    else if (!isH5) void Taro.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage'] } as Taro.showShareMenu.Option)
  })

  // The share is created only when the agent really shares (WeChat waits up to 3 s for it).
  useShareAppMessage(() => {
    const title = content.data?.title ?? '为您推荐'
    const promise = api()
      .createShare(v, 'friend')
      .then((created) => ({ title, path: sharePath(created.shareId) }))
    return { title, path: READER_PAGE, promise } as unknown as Taro.ShareAppMessageReturn
  })
  useShareTimeline(() => ({
    title: content.data?.title ?? '为您推荐',
    query: momentsShareId ? `s=${encodeURIComponent(momentsShareId)}` : `v=${encodeURIComponent(v)}`,
  }))

  const withBusy = async (what: string, fn: () => Promise<void>) => {
    setBusy(what)
    try {
      await fn()
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message || '操作失败', icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  const shareLink = () =>
    withBusy('link', async () => {
      const created = await api().createShare(v, 'friend')
      const url = shareUrl(h5Base(), created.shareId)
      setLink(url)
      await Taro.setClipboardData({ data: url }).catch(() => undefined)
    })

  const prepareMoments = () =>
    withBusy('moments', async () => {
      const created = await api().createShare(v, 'moments')
      setMomentsShareId(created.shareId)
      await Taro.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage', 'shareTimeline'] } as Taro.showShareMenu.Option)
      void Taro.showModal({ title: '分享到朋友圈', content: '请点击右上角「···」，选择「分享到朋友圈」', showCancel: false })
    })

  const makePoster = () =>
    withBusy('poster', async () => {
      if (!content.data || !card.data) throw new Error('内容或名片尚未加载')
      const created = await api().createShare(v, 'poster')
      const src = await renderPoster(
        { title: content.data.title, summary: content.data.summary, agent: card.data },
        created.shareId,
        shareUrl(h5Base(), created.shareId),
        '#poster-canvas',
      )
      setPoster(src)
    })

  if (s) {
    const scene = entryScene()
    return isSinglePage(scene) ? <SinglePageReader shareId={s} scene={scene as number} /> : <StateView loading />
  }

  return (
    <AgentGate>
      <View className='page'>
        {content.data ? (
          <Preview content={content.data} card={card.data} />
        ) : (
          <StateView loading={content.loading} error={content.error} onRetry={content.reload} />
        )}
        {content.data ? (
          <View className='section share-bar'>
            <View className='section__title'>
              <Text>分享给客户</Text>
            </View>
            {isH5 ? (
              <Button className='btn-primary share-bar__btn' id='share-link' loading={busy === 'link'} onClick={shareLink}>
                生成分享链接
              </Button>
            ) : (
              <Button className='btn-primary share-bar__btn' openType='share'>
                分享给好友 / 群
              </Button>
            )}
            {!isH5 ? (
              <Button className='btn-plain share-bar__btn' loading={busy === 'moments'} onClick={prepareMoments}>
                分享到朋友圈
              </Button>
            ) : null}
            <Button className='btn-plain share-bar__btn' id='make-poster' loading={busy === 'poster'} onClick={makePoster}>
              生成海报
            </Button>
            {link ? (
              <View className='share-bar__link'>
                <View className='muted'>链接已复制，发给客户即可：</View>
                <Text id='share-url' selectable userSelect>
                  {link}
                </Text>
              </View>
            ) : null}
          </View>
        ) : null}
        {poster ? (
          <View className='section poster'>
            <Image className='poster__image' id='poster-image' src={poster} mode='widthFix' showMenuByLongpress />
            <Button className='btn-primary' onClick={() => withBusy('save', () => savePoster(poster))}>
              保存到相册
            </Button>
          </View>
        ) : null}
        {!isH5 ? <Canvas type='2d' id='poster-canvas' className='poster__canvas' /> : null}
      </View>
    </AgentGate>
  )
}
