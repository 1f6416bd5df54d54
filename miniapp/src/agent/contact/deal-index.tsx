import { Text, View } from '@tarojs/components'
import { useAsync } from '../../hooks/use-async'
import { dealIndexCard } from '../../metrics/deal-index'
import { loadDashboard } from '../../metrics/errors'
import { api } from '../../services'

/** 成交指数: P(close) with its source (按阶段估算 until a model is trained), the top reasons and the next actions. */
export default function DealIndex({ contactId, refreshKey }: { contactId: string; refreshKey: number }) {
  const deal = useAsync(() => loadDashboard(() => api().dealIndex(contactId)), [contactId, refreshKey])
  if (!deal.data) {
    return (
      <View className='section' id='deal-index'>
        <View className='section__title'>
          <Text>成交指数</Text>
        </View>
        <View className='muted'>{deal.loading ? '计算中…' : deal.error ?? '暂无'}</View>
      </View>
    )
  }
  const d = dealIndexCard(deal.data)
  return (
    <View className='section' id='deal-index'>
      <View className='section__title'>
        <Text>成交指数</Text>
        <Text className={`deal__source ${d.isPrior ? 'deal__source--prior' : ''}`}>{d.sourceLabel}</Text>
      </View>
      <View className='row row--between'>
        <Text className='deal__prob'>{d.probability}</Text>
        <Text className='muted'>成交概率</Text>
      </View>
      <View className='score__bar'>
        <View className='score__fill' style={{ width: `${d.probabilityPct}%` }} />
      </View>
      {d.note ? <View className='muted deal__note'>{d.note}</View> : null}
      {d.evaluation ? <View className='muted deal__note'>{d.evaluation}</View> : null}
      {d.contributions.length > 0 ? (
        <View className='deal__block'>
          <View className='deal__subtitle'>主要影响因素</View>
          {d.contributions.map((c, i) => (
            <View key={i} className='deal__factor'>
              <Text className='deal__factor-name'>
                {c.label}
                {c.value ? <Text className='muted'> {c.value}</Text> : null}
              </Text>
              <View className='deal__factor-bar'>
                <View className={`deal__factor-fill deal__factor-fill--${c.direction}`} style={{ width: `${c.widthPct}%` }} />
              </View>
              <Text className={c.direction === 'up' ? 'points--up' : 'points--down'}>{c.direction === 'up' ? '提高' : '降低'}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {d.nextActions.length > 0 ? (
        <View className='deal__block'>
          <View className='deal__subtitle'>做这些最能提高成交概率</View>
          {d.nextActions.map((a, i) => (
            <View key={i} className='list-item'>
              <View>{a.action}</View>
              <View className='deal__gain'>
                做到后成交概率 {a.after}（{a.gain}）
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
