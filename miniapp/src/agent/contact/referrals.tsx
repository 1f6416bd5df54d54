import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReferralNodeView } from '@kejing/shared'
import { useAsync } from '../../hooks/use-async'
import { REFERRAL_NAMES_ZH } from '../../format'
import { api } from '../../services'

const goTo = (contactId: string) => void Taro.navigateTo({ url: `/agent/contact/index?id=${encodeURIComponent(contactId)}` })

function Branch({ node, depth }: { node: ReferralNodeView; depth: number }) {
  return (
    <View>
      {node.children.map((child) => (
        <View key={child.contactId}>
          <View className='referral__row' id={`referral-${child.contactId}`} style={{ paddingLeft: `${depth * 32}px` }} onClick={() => goTo(child.contactId)}>
            <Text>└ {child.name}</Text>
            <Text className='muted'>
              {child.engaged ? ' · 已互动' : ' · 未互动'}
              {child.referralClass in REFERRAL_NAMES_ZH && child.referralClass !== 'indifferent'
                ? ` · ${REFERRAL_NAMES_ZH[child.referralClass as keyof typeof REFERRAL_NAMES_ZH]}`
                : ''}
            </Text>
          </View>
          <Branch node={child} depth={depth + 1} />
        </View>
      ))}
    </View>
  )
}

/** 转介绍: who brought the contact in (the chain above) and everyone they brought, at any depth. */
export default function Referrals({ contactId, refreshKey }: { contactId: string; refreshKey: number }) {
  const tree = useAsync(() => api().referrals(contactId), [contactId, refreshKey])
  const t = tree.data
  if (!t || (t.broughtBy.length === 0 && t.descendants === 0)) return null
  return (
    <View className='section' id='referrals'>
      <View className='section__title'>
        <Text>转介绍</Text>
      </View>
      {t.broughtBy.length > 0 ? (
        <View className='muted' id='referral-chain'>
          由 {t.broughtBy.map((b) => b.name).join(' → ')} 介绍而来
        </View>
      ) : null}
      {t.descendants > 0 ? (
        <View>
          <View className='referral__summary' id='referral-summary'>
            带来 {t.descendants} 位新客户，其中 {t.engagedDescendants} 位已互动
          </View>
          <Branch node={t.tree} depth={0} />
        </View>
      ) : null}
    </View>
  )
}
