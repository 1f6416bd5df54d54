import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ContactSummaryView } from '@kejing/shared'
import { cellName, formatRelativeTime, REFERRAL_NAMES_ZH, stageName } from '../../format'
import './index.css'

/** One contact in a list (客户 search results, a grid cell's list): name, stage, cell, the agent's tags, last touch. */
export default function ContactRow({ c, now }: { c: ContactSummaryView; now: number }) {
  return (
    <View
      id={`contact-${c.contactId}`}
      className='list-item'
      onClick={() => Taro.navigateTo({ url: `/agent/contact/index?id=${encodeURIComponent(c.contactId)}` })}
    >
      <View className='row row--between'>
        <Text className='contact-row__name'>{c.displayName}</Text>
        <Text className='muted'>{c.lastTouchAt ? formatRelativeTime(c.lastTouchAt, now) : '暂无互动'}</Text>
      </View>
      <View className='chips contact-row__chips'>
        <Text className='chip'>{stageName(c.stage)}</Text>
        <Text className='chip'>{cellName(c.cell)}</Text>
        <Text className='chip'>{REFERRAL_NAMES_ZH[c.referralClass]}</Text>
        {c.agentTags.slice(0, 3).map((t) => (
          <Text key={t} className='chip chip--hot'>
            {t}
          </Text>
        ))}
        {c.optedOut ? <Text className='chip chip--hot'>已退订</Text> : null}
      </View>
      <View className='muted'>
        信任 {c.trust} · 意向 {c.intent}
      </View>
    </View>
  )
}
