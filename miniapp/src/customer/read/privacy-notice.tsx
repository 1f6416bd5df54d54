import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { taroStorage } from '../../platform/taro'
import { MY_DATA_PAGE } from '../reader-core'
import { PRIVACY_NOTICE, rememberPrivacyNoticeSeen, shouldShowPrivacyNotice } from '../../privacy/privacy-notice'

export { MY_DATA_PAGE }

/** Shown over the bottom of the first shared article a customer opens; the article stays readable above it. */
export default function PrivacyNotice({ agentName }: { agentName: string }) {
  const [shown, setShown] = useState(() => shouldShowPrivacyNotice(taroStorage))
  if (!shown) return null
  const dismiss = () => {
    rememberPrivacyNoticeSeen(taroStorage)
    setShown(false)
  }
  return (
    <View className='privacy-notice' id='privacy-notice'>
      <View className='privacy-notice__title'>{PRIVACY_NOTICE.title}</View>
      <View className='privacy-notice__body'>{PRIVACY_NOTICE.body(agentName)}</View>
      <View className='privacy-notice__buttons'>
        <Button
          className='btn-plain privacy-notice__btn'
          id='privacy-notice-mine'
          onClick={() => {
            dismiss()
            void Taro.navigateTo({ url: MY_DATA_PAGE })
          }}
        >
          查看我的信息
        </Button>
        <Button className='btn-primary privacy-notice__btn' id='privacy-notice-ok' onClick={dismiss}>
          知道了
        </Button>
      </View>
      <Text className='privacy-notice__foot'>以后可在文末“我的信息”找到这些选项</Text>
    </View>
  )
}
