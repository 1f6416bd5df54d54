import { useState } from 'react'
import { Button, Image, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { api } from '../reader-services'
import { defaultRandom, uuidV4 } from '../../tracking/uuid'
import { absoluteImageUrl } from '../../uploads/image-url'

const MESSAGE_MAX = 200
const random = defaultRandom()

interface Props {
  shareId: string
  onLead: () => void
  onClose: () => void
}

/**
 * 咨询顾问: call the agent (when the agent shows the phone), add them on WeChat (their QR code,
 * long-press to recognise), leave a short message, or leave details for a plan.
 */
export default function ConsultPanel({ shareId, onLead, onClose }: Props) {
  const reach = useAsync(() => api().readerReach(shareId), [shareId])
  const [showQr, setShowQr] = useState(false)
  const [writing, setWriting] = useState(false)
  const [text, setText] = useState('')
  const [sent, setSent] = useState(false)
  const [sending, setSending] = useState(false)
  // One id per message typed: a retried send is stored once.
  const [clientMessageId, setClientMessageId] = useState(() => uuidV4(random))

  const call = async (phone: string) => {
    try {
      await Taro.makePhoneCall({ phoneNumber: phone })
    } catch {
      // the dial sheet was closed
    }
  }

  const send = async () => {
    const trimmed = text.trim()
    if (!trimmed) {
      void Taro.showToast({ title: '请写下想问的问题', icon: 'none' })
      return
    }
    setSending(true)
    try {
      await api().leaveMessage(shareId, clientMessageId, trimmed)
      setSent(true)
      setText('')
      setClientMessageId(uuidV4(random))
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' })
    } finally {
      setSending(false)
    }
  }

  const r = reach.data
  return (
    <View className='consult' id='consult-panel'>
      <View className='consult__head'>
        <Text className='consult__title'>联系{r ? r.agentName : '顾问'}</Text>
        <Text className='consult__close' id='consult-close' onClick={onClose}>
          收起
        </Text>
      </View>
      {!r ? (
        <StateView loading={reach.loading} error={reach.error} onRetry={reach.reload} />
      ) : (
        <View>
          <View className='consult__options'>
            {r.phone ? (
              <Button className='btn-plain consult__option' id='consult-call' onClick={() => void call(r.phone as string)}>
                打电话
              </Button>
            ) : null}
            {r.wechatQrUrl ? (
              <Button className='btn-plain consult__option' id='consult-wechat' onClick={() => setShowQr(!showQr)}>
                {r.wechatQrKind === 'wecom' ? '加企业微信' : '加微信'}
              </Button>
            ) : null}
            <Button className='btn-plain consult__option' id='consult-message' onClick={() => setWriting(!writing)}>
              留言
            </Button>
          </View>
          {showQr && r.wechatQrUrl ? (
            <View className='consult__qr'>
              <Image className='consult__qr-image' id='consult-qr' src={absoluteImageUrl(r.wechatQrUrl)} mode='aspectFit' showMenuByLongpress />
              <Text className='muted'>长按二维码，识别后添加{r.agentName}</Text>
            </View>
          ) : null}
          {writing ? (
            <View className='consult__write'>
              {sent ? <View className='consult__sent' id='consult-sent'>已发送，{r.agentName}会尽快回复您</View> : null}
              <Textarea
                className='consult__textarea'
                id='consult-text'
                value={text}
                maxlength={MESSAGE_MAX}
                placeholder='想了解什么？例如：孩子的重疾险怎么选'
                onInput={(e) => setText(e.detail.value)}
              />
              <View className='row row--between'>
                <Text className='muted'>{[...text].length}/{MESSAGE_MAX}</Text>
                <Button className='btn-primary consult__send' id='consult-send' size='mini' loading={sending} onClick={send}>
                  发送留言
                </Button>
              </View>
            </View>
          ) : null}
          <View className='consult__lead muted' id='consult-lead' onClick={onLead}>
            想要一份保障方案？留下联系方式 ›
          </View>
        </View>
      )}
    </View>
  )
}
