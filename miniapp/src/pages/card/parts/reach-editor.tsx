import { useEffect, useState } from 'react'
import { Button, Image, Input, Switch, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AgentReachView, WeChatQrKind } from '@kejing/shared'
import StateView from '../../../components/state-view'
import { useAsync } from '../../../hooks/use-async'
import { api } from '../../../services'
import { absoluteImageUrl, chooseAndUploadImage } from '../../../uploads/upload-image'
import { useBusyAction } from '../../../hooks/use-busy-action'

const QR_KINDS: { kind: WeChatQrKind; label: string }[] = [{ kind: 'wechat', label: '个人微信' }, { kind: 'wecom', label: '企业微信' }]

/** 客户怎么联系我: the agent's phone (shown to customers only if chosen) and the QR code customers add. */
export default function ReachEditor() {
  const reach = useAsync(() => api().reach(), [])
  const [phone, setPhone] = useState('')
  const [phonePublic, setPhonePublic] = useState(false)
  const [kind, setKind] = useState<WeChatQrKind>('wechat')
  const { busy, run } = useBusyAction()
  useEffect(() => {
    if (!reach.data) return
    setPhone(reach.data.phone ?? '')
    setPhonePublic(reach.data.phonePublic)
    setKind(reach.data.wechatQrKind ?? 'wechat')
  }, [reach.data])
  if (!reach.data) return <StateView loading={reach.loading} error={reach.error} onRetry={reach.reload} />
  const current: AgentReachView = reach.data

  const saveWith = async (patch: Parameters<ReturnType<typeof api>['updateReach']>[0], done = '已保存') => {
    await run(async () => {
      reach.setData(await api().updateReach(patch))
      void Taro.showToast({ title: done, icon: 'success' })
    }, '没能完成，请稍后再试')
  }

  const uploadQr = async () => {
    try {
      const uploaded = await chooseAndUploadImage()
      if (uploaded) await saveWith({ wechatQrUploadId: uploaded.uploadId, wechatQrKind: kind }, '二维码已更新')
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' })
    }
  }

  return (
    <View className='section' id='reach-editor'>
      <View className='section__title'>
        <Text>客户怎么联系我</Text>
      </View>
      <View className='field'>
        <View className='field__label'>我的手机号</View>
        <Input className='field__input' id='reach-phone' type='number' maxlength={20} value={phone} placeholder='客户点“打电话”时拨打' onInput={(e) => setPhone(e.detail.value)} />
      </View>
      <View className='field row row--between'>
        <Text className='field__label'>向客户展示手机号</Text>
        <Switch id='reach-phone-public' checked={phonePublic} color='#c8102e' onChange={(e) => setPhonePublic(e.detail.value)} />
      </View>
      <Button className='btn-plain' id='save-phone' disabled={busy} onClick={() => void saveWith({ phone: phone.trim() === '' ? null : phone.trim(), phonePublic: phone.trim() !== '' && phonePublic })}>
        保存手机号设置
      </Button>
      <View className='field'>
        <View className='field__label'>加我微信的二维码</View>
        <View className='chips'>
          {QR_KINDS.map((q) => (
            <Text key={q.kind} id={`qr-kind-${q.kind}`} className={`chip ${kind === q.kind ? 'chip--active' : ''}`} onClick={() => setKind(q.kind)}>
              {q.label}
            </Text>
          ))}
        </View>
        {current.wechatQrUrl ? (
          <View className='card__qr'>
            <Image className='card__qr-image' id='reach-qr' src={absoluteImageUrl(current.wechatQrUrl)} mode='aspectFit' />
            <Text className='muted'>{current.wechatQrKind === 'wecom' ? '企业微信' : '个人微信'}二维码 · 客户长按即可识别</Text>
          </View>
        ) : (
          <View className='muted card__qr-empty'>还没有上传二维码，客户只能留言或留资</View>
        )}
        <View className='row'>
          <Button className='btn-plain card__qr-btn' id='upload-qr' disabled={busy} onClick={uploadQr}>
            {current.wechatQrUrl ? '更换二维码' : '上传二维码'}
          </Button>
          {current.wechatQrUrl ? (
            <Button className='btn-ghost card__qr-btn' id='remove-qr' disabled={busy} onClick={() => void saveWith({ wechatQrUploadId: null }, '已移除')}>
              移除
            </Button>
          ) : null}
        </View>
      </View>
    </View>
  )
}
