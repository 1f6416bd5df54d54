import { useState } from 'react'
import { Button, Image, Video, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import AgentCard from '../../components/agent-card'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { absoluteImageUrl } from '../../uploads/image-url'
import { glanceShare } from '../reader-services'
import '../../app.css'
import ArticleText from './article-text'
import { GO_TO_MINI_PROGRAM, needsMiniProgramText } from '../reader-core'
import './index.css'

export { GO_TO_MINI_PROGRAM }

/**
 * The reader in WeChat's single-page mode (Moments, scene 1154): no login, no page navigation and
 * no open-type buttons there. The article and the agent's card show; the server counts an anonymous
 * open of the share; what needs the person (consulting, the lead form, forwarding, 我的信息) says
 * to tap 前往小程序 in WeChat's bottom bar, which opens this share in the full mini program.
 */
export default function SinglePageReader({ shareId, scene }: { shareId: string; scene: number }) {
  const glanced = useAsync(() => glanceShare(shareId, scene), [shareId, scene])
  const [cardOpen, setCardOpen] = useState(false)
  if (!glanced.data) return <StateView loading={glanced.loading} error={glanced.error} onRetry={glanced.reload} />
  const { content, agent } = glanced.data
  const needsMiniProgram = (what: string) =>
    void Taro.showModal({
      title: GO_TO_MINI_PROGRAM,
      content: needsMiniProgramText(what),
      showCancel: false,
      confirmText: '知道了',
      confirmColor: '#c8102e',
    })
  return (
    <View className='reader reader--single-page' id='reader-root'>
      <ArticleText content={content} agent={agent} />
      {content.kind === 'video' && content.videoUrl ? <Video className='reader__video' src={absoluteImageUrl(content.videoUrl)} /> : null}
      {content.kind === 'live' ? <View className='reader__live muted'>直播内容请{GO_TO_MINI_PROGRAM}观看</View> : null}
      {content.kind === 'poster' && content.coverUrl ? <Image className='reader__poster' src={absoluteImageUrl(content.coverUrl)} mode='widthFix' /> : null}
      {content.kind !== 'article' && content.summary ? <View className='reader__summary'>{content.summary}</View> : null}
      <View className='reader__end' id='reader-end'>
        — 全文完 —
      </View>
      <AgentCard agent={agent} expanded={cardOpen} onTap={() => setCardOpen(!cardOpen)} />
      <View className='single-page__invite' id='single-page-invite'>
        <View className='single-page__invite-title'>想进一步了解？</View>
        <View className='single-page__invite-text'>
          点击屏幕底部的「{GO_TO_MINI_PROGRAM}」，可咨询{agent.name}、免费获取保障方案，或转发给朋友。
        </View>
        <View className='reader__actions'>
          <Button className='btn-plain reader__btn' id='consult' onClick={() => needsMiniProgram(`联系${agent.name}`)}>
            咨询顾问
          </Button>
          <Button className='btn-primary reader__btn' id='leave-lead' onClick={() => needsMiniProgram('留下联系方式，免费获取方案')}>
            免费获取方案
          </Button>
        </View>
      </View>
      {process.env.TARO_ENV === 'h5' ? <H5BottomBar /> : null}
    </View>
  )
}

/**
 * H5 has no WeChat around it: a stand-in for WeChat's bottom bar, so the page looks as a Moments
 * visitor sees it, and 前往小程序 opens the full reader (the same address without the scene).
 */
function H5BottomBar() {
  const full = () => {
    window.location.href = window.location.href.replace(/([?&])enterScene=\d{4}&?/, '$1').replace(/[?&]$/, '')
  }
  return (
    <View className='single-page__bar' id='single-page-bar'>
      <View className='single-page__bar-hint'>当前为朋友圈单页模式</View>
      <View className='single-page__bar-go' id='single-page-go' onClick={full}>
        {GO_TO_MINI_PROGRAM}
      </View>
    </View>
  )
}
