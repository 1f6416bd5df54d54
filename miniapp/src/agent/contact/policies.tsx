import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { FAMILY_RELATION_ZH, PAYMENT_FREQUENCY_ZH, POLICY_STATUS_ZH, type PolicyView } from '@kejing/shared'
import { useAsync } from '../../hooks/use-async'
import { formatFen, tagName } from '../../format'
import { api } from '../../services'

const insuredLabel = (p: PolicyView) => (p.insured.relation === 'self' ? `本人（${p.insured.name}）` : `${FAMILY_RELATION_ZH[p.insured.relation]}${p.insured.name}`)

/** 保单: the contact's policies, numbers masked; the owning agent adds and edits them. */
export default function Policies({ contactId, canAdd, refreshKey }: { contactId: string; canAdd: boolean; refreshKey: number }) {
  const policies = useAsync(() => api().policies(contactId), [contactId, refreshKey])
  const open = (policyId?: string) =>
    void Taro.navigateTo({ url: `/agent/policy-edit/index?contactId=${encodeURIComponent(contactId)}${policyId ? `&policyId=${encodeURIComponent(policyId)}` : ''}` })
  const list = policies.data ?? []
  return (
    <View className='section' id='policies'>
      <View className='section__title row row--between'>
        <Text>保单{list.length > 0 ? `（${list.length}）` : ''}</Text>
        {canAdd ? (
          <Text className='link' id='policy-add' onClick={() => open()}>
            + 登记保单
          </Text>
        ) : null}
      </View>
      {policies.error ? <View className='muted'>保单加载失败</View> : null}
      {policies.data && list.length === 0 ? <View className='muted'>还没有登记保单</View> : null}
      {list.map((p) => (
        <View key={p.policyId} id={`policy-${p.policyId}`} className='list-item policy' onClick={() => (p.mine ? open(p.policyId) : undefined)}>
          <View className='row row--between'>
            <Text className='policy__name'>{p.productName}</Text>
            <Text className={`chip ${p.status === 'active' ? 'chip--active' : ''}`}>{POLICY_STATUS_ZH[p.status]}</Text>
          </View>
          <View className='muted'>
            {tagName(`need:${p.need}`)} · {p.insurer} · 保单号 {p.policyNumberMasked}
          </View>
          <View className='muted'>
            被保险人 {insuredLabel(p)} · {PAYMENT_FREQUENCY_ZH[p.paymentFrequency]} {formatFen(p.annualPremiumFen)}/年 · {p.paymentTermYears}年交
          </View>
          <View className='muted'>
            生效 {p.effectiveDate} · 下次缴费 {p.nextPremiumDate ?? '—'}
          </View>
        </View>
      ))}
    </View>
  )
}
