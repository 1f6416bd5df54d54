import { useState } from 'react'
import { Button, Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CONTENT_KIND_NAMES_ZH, sharePath, type ShareMoreView } from '@kejing/shared'
import AgentCard from '../../components/agent-card'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { api } from '../reader-services'
import ConsultPanel from './consult-panel'
import { leadPageUrl, MY_DATA_PAGE } from '../reader-core'

/** Another of the agent's shares opens in place of this page: the reader starts again with its id. */
const openShare = (shareId: string) => void Taro.redirectTo({ url: sharePath(shareId) })
const myData = () => void Taro.navigateTo({ url: MY_DATA_PAGE })

/**
 * 该内容已下架: the shared content was retired (operators do that routinely, so old shares land
 * here). The reader still meets the agent who shared it — their card, 咨询顾问 — and the agent's
 * other live content, instead of a dead end with a useless 重试.
 */
export function RetiredShare({ shareId }: { shareId: string }) {
  const more = useAsync(() => api().shareMore(shareId), [shareId])
  if (!more.data) return <StateView loading={more.loading} error={more.error} onRetry={more.reload} />
  return <RetiredShareView shareId={shareId} view={more.data} />
}

export function RetiredShareView({ shareId, view }: { shareId: string; view: ShareMoreView }) {
  const [consultOpen, setConsultOpen] = useState(false)
  const { agent, more } = view
  const lead = () => void Taro.navigateTo({ url: leadPageUrl(shareId, true) })
  return (
    <View className='reader unavailable' id='share-retired'>
      <View className='unavailable__head'>
        <View className='unavailable__title'>该内容已下架</View>
        <View className='unavailable__text'>
          这篇内容已不再提供。{more.length > 0 ? `您可以看看${agent.name}分享的其他内容，` : ''}有任何问题，可以直接咨询顾问。
        </View>
      </View>
      <AgentCard agent={agent} />
      <View className='unavailable__actions'>
        <Button className='btn-primary unavailable__btn' id='retired-consult' onClick={() => setConsultOpen(!consultOpen)}>
          咨询顾问
        </Button>
      </View>
      {consultOpen ? <ConsultPanel shareId={shareId} onLead={lead} onClose={() => setConsultOpen(false)} /> : null}
      {more.length > 0 ? (
        <View className='unavailable__more' id='retired-more'>
          <View className='unavailable__more-title'>{agent.name}的其他内容</View>
          {more.map((item) => (
            <View key={item.shareId} className='unavailable__item' onClick={() => openShare(item.shareId)}>
              {item.coverUrl ? <Image className='unavailable__cover' src={item.coverUrl} mode='aspectFill' /> : null}
              <View className='unavailable__item-text'>
                <View className='unavailable__item-title'>{item.title}</View>
                <View className='muted'>
                  {CONTENT_KIND_NAMES_ZH[item.kind]}
                  {item.summary ? ` · ${item.summary}` : ''}
                </View>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <View className='reader__mine' onClick={myData}>
        我的信息 · 查看、导出或删除您的记录
      </View>
    </View>
  )
}

/**
 * A link that names no share, or one that is forged, cut short or unknown: say so in Chinese, who
 * can fix it (the agent who sent it), and offer a way on — back, or the reader's own records.
 */
export function InvalidShare({ incomplete }: { incomplete?: boolean }) {
  const canGoBack = Taro.getCurrentPages().length > 1
  return (
    <View className='reader unavailable' id='share-invalid'>
      <View className='unavailable__head'>
        <View className='unavailable__title'>{incomplete ? '链接不完整' : '链接无效'}</View>
        <View className='unavailable__text'>
          这个分享链接{incomplete ? '少了内容，可能复制时被截断了' : '无法打开，可能已失效或复制时被改动'}。请让分享给您的顾问重新发送一次。
        </View>
      </View>
      <View className='unavailable__actions'>
        {canGoBack ? (
          <Button className='btn-plain unavailable__btn' id='invalid-back' onClick={() => void Taro.navigateBack()}>
            返回上一页
          </Button>
        ) : null}
        <Button className='btn-plain unavailable__btn' id='invalid-my-data' onClick={myData}>
          查看我的信息
        </Button>
      </View>
    </View>
  )
}
