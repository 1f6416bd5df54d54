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
import { absoluteImageUrl } from '../../uploads/upload-image'
import { entryScene, isSinglePage } from '../../customer/entry-scene'
import SinglePageReader from '../../customer/read/single-page'
import './index.css'

const isH5 = process.env.TARO_ENV === 'h5'
const h5Base = () => (isH5 ? window.location.origin + window.location.pathname.replace(/\/$/, '') : KEJING_H5_BASE)

function Preview({ content, card }: { content: ContentVersionView; card: AgentCardView | null }) {
  return (
    <View className='section preview' id='preview-root'>
      {content.kind !== 'poster' && content.coverUrl ? (
        <Image className='preview__cover' id='preview-cover' src={absoluteImageUrl(content.coverUrl)} mode='widthFix' />
      ) : null}
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
      {content.kind === 'video' && content.videoUrl ? <Video className='preview__video' src={absoluteImageUrl(content.videoUrl)} /> : null}
      {content.kind === 'live' ? <View className='muted'>直播开始：{formatDateTime(content.liveStartsAt)}</View> : null}
      {content.kind === 'poster' && content.coverUrl ? <Image className='preview__poster' src={absoluteImageUrl(content.coverUrl)} mode='widthFix' /> : null}
      {card ? <AgentCard agent={card} /> : null}
    </View>
  )
}

/** The 朋友圈文案 to post with the share, with its own copy button. */
function MomentsCopy({ text, onCopy }: { text: string; onCopy: () => void }) {
  return (
    <View className='section moments-copy' id='moments-copy'>
      <View className='moments-copy__head'>
        <Text className='section__title'>朋友圈文案</Text>
        <Text className='moments-copy__copy' id='copy-moments-inline' onClick={onCopy}>
          复制文案
        </Text>
      </View>
      <Text className='moments-copy__text' selectable userSelect>
        {text}
      </Text>
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
  // The poster shows the agent's phone only when they chose to show it to customers.
  const reach = useAsync(() => api().reach(), [], { immediate: !s })
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
      const phone = reach.data?.phonePublic ? reach.data.phone : null
      const src = await renderPoster(
        { title: content.data.title, summary: content.data.summary, agent: card.data, phone, coverUrl: content.data.coverUrl, photoUrl: card.data.photoUrl },
        created.shareId,
        shareUrl(h5Base(), created.shareId),
        '#poster-canvas',
      )
      setPoster(src)
      // The poster appears above the bar; bring it into view.
      setTimeout(() => void Taro.pageScrollTo({ selector: '#poster-image', duration: 200 }).catch(() => undefined), 50)
    })

  const copyMoments = () =>
    withBusy('copy', async () => {
      if (!content.data) return
      await Taro.setClipboardData({ data: content.data.momentsCopy })
      void Taro.showToast({ title: '文案已复制，发朋友圈时粘贴', icon: 'none' })
    })

  if (s) {
    const scene = entryScene()
    return isSinglePage(scene) ? <SinglePageReader shareId={s} scene={scene as number} /> : <StateView loading />
  }

  return (
    <AgentGate>
      <View className='page page--with-bar'>
        {content.data ? (
          <Preview content={content.data} card={card.data} />
        ) : (
          <StateView loading={content.loading} error={content.error} onRetry={content.reload} />
        )}
        {content.data ? <MomentsCopy text={content.data.momentsCopy} onCopy={copyMoments} /> : null}
        {link ? (
          <View className='section share-link' id='share-link-box'>
            <View className='muted'>链接已复制，发给客户即可：</View>
            <Text id='share-url' selectable userSelect>
              {link}
            </Text>
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
        {content.data ? (
          // Sticky at the foot: the agent can share from anywhere in a long article.
          <View className='share-bar' id='share-bar'>
            {isH5 ? (
              <Button className='share-bar__btn share-bar__btn--main' id='share-link' loading={busy === 'link'} onClick={shareLink}>
                分享链接
              </Button>
            ) : (
              <Button className='share-bar__btn share-bar__btn--main' id='share-friend' openType='share'>
                发给好友
              </Button>
            )}
            {!isH5 ? (
              <Button className='share-bar__btn' id='share-moments' loading={busy === 'moments'} onClick={prepareMoments}>
                朋友圈
              </Button>
            ) : null}
            <Button className='share-bar__btn' id='make-poster' loading={busy === 'poster'} onClick={makePoster}>
              生成海报
            </Button>
            <Button className='share-bar__btn' id='copy-moments' loading={busy === 'copy'} onClick={copyMoments}>
              复制文案
            </Button>
          </View>
        ) : null}
      </View>
    </AgentGate>
  )
}
