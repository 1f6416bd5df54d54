import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { BANDS, REFERRAL_CLASSES, STAGES, type Band, type GridCellCode } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { BAND_NAMES_ZH, cellName, REFERRAL_NAMES_ZH, stageName } from '../../format'
import { api } from '../../services'
import './index.css'

const TRUST_ROWS: Band[] = [...BANDS].reverse()
const go = (query: string) => Taro.navigateTo({ url: `/agent/contact-list/index?${query}` })

function Overview() {
  const grid = useAsync(() => api().grid(), [])
  useDidShow(() => void grid.reload())
  usePullDownRefresh(() => {
    void grid.reload().finally(() => Taro.stopPullDownRefresh())
  })
  if (!grid.data) return <StateView loading={grid.loading} error={grid.error} onRetry={grid.reload} />
  const { cells, stages } = grid.data
  const total = Object.values(cells).reduce((a, b) => a + b, 0)
  const maxStage = Math.max(1, ...STAGES.map((s) => stages[`${s}`] ?? 0))

  return (
    <View className='page'>
      <View className='section'>
        <View className='section__title'>
          <Text>九宫格（信任 × 意向）</Text>
          <Text className='section__more' onClick={() => go('')}>
            全部 {total} 人 ›
          </Text>
        </View>
        <View className='grid'>
          <View className='grid__axis-y'>信任 ↑</View>
          {TRUST_ROWS.map((trust) => (
            <View key={trust} className='grid__row'>
              <Text className='grid__label'>{BAND_NAMES_ZH[trust]}</Text>
              {BANDS.map((intent) => {
                const cell = `${trust}-${intent}` as GridCellCode
                const n = cells[cell] ?? 0
                return (
                  <View
                    key={cell}
                    id={`cell-${cell}`}
                    className={`grid__cell grid__cell--${trust}-${intent}`}
                    onClick={() => go(`cell=${cell}&title=${encodeURIComponent(cellName(cell))}`)}
                  >
                    <Text className='grid__count'>{n}</Text>
                  </View>
                )
              })}
            </View>
          ))}
          <View className='grid__row'>
            <Text className='grid__label' />
            {BANDS.map((intent) => (
              <Text key={intent} className='grid__foot'>
                {BAND_NAMES_ZH[intent]}
              </Text>
            ))}
          </View>
          <View className='grid__axis-x'>意向 →</View>
        </View>
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text>销售漏斗（八阶段）</Text>
        </View>
        {STAGES.map((s) => {
          const n = stages[`${s}`] ?? 0
          return (
            <View key={s} className='funnel__row' onClick={() => go(`stage=${s}&title=${encodeURIComponent(stageName(s))}`)}>
              <Text className='funnel__name'>
                {s}. {stageName(s)}
              </Text>
              <View className='funnel__bar'>
                <View className='funnel__fill' style={{ width: `${Math.max(2, (n / maxStage) * 100)}%` }} />
              </View>
              <Text className='funnel__count'>{n}</Text>
            </View>
          )
        })}
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text>推荐指数</Text>
        </View>
        <View className='chips'>
          {REFERRAL_CLASSES.map((r) => (
            <Text key={r} className='chip' onClick={() => go(`referral=${r}&title=${encodeURIComponent(REFERRAL_NAMES_ZH[r])}`)}>
              {REFERRAL_NAMES_ZH[r]}
            </Text>
          ))}
        </View>
      </View>
    </View>
  )
}

export default function ContactsPage() {
  return (
    <AgentGate>
      <Overview />
    </AgentGate>
  )
}
