import { useEffect, useMemo } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { AgentDashboardView, PeriodForecastView } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { loadDashboard } from '../../metrics/errors'
import {
  activityChartData, activityTiles, assetTiles, forecastSourceText, kashRadarData, kashRows, mcipCard, periodForecastTiles, referralBars,
} from '../../metrics/kyb134'
import { layerName } from '../../metrics/labels'
import { api } from '../../services'
import { activityChart, kashRadarChart } from '../charts'
import F2Chart from '../components/f2-chart'
import { DayLine, FunnelBlock, HeatMap, Section, Tiles } from '../components/widgets'
import './index.css'

function Kyb134({ view, own, forecast }: { view: AgentDashboardView; own: boolean; forecast: PeriodForecastView | null }) {
  const k = view.kyb134
  const radar = useMemo(() => kashRadarChart(kashRadarData(k.kash)), [k.kash])
  const activity = useMemo(() => activityChart(activityChartData(k.activity, k.activity.windowDays)), [k.activity])
  const rows = kashRows(k.kash, k.mcip.focus)
  const plan = mcipCard(k.mcip)
  const referral = referralBars(k.assets.sustainableDevelopment.referral)
  const maxReferral = Math.max(1, ...referral.map((r) => r.count))
  return (
    <View className='page dashboard'>
      <View className='dash-header' id='kyb134-header'>
        <View className='dash-header__title'>
          {k.name} · {layerName(k.activity.layer)}
        </View>
        <View className='dash-header__sub'>
          {own ? '我的经营看板' : 'KYB134 个人经营看板'} · 近 {k.activity.windowDays} 天
        </View>
      </View>
      <DayLine day={k.day} computedAt={k.computedAt} />

      {/* Agents read plain words; leaders coaching them also see the method's names. */}
      <Section title={own ? '我的能力指数' : '能力指数'} extra={own ? '0–100 分' : 'KASH · 0–100 分'} id='kash'>
        <F2Chart id='kash-radar' height={240} chart={radar} label='能力指数雷达图' />
        {rows.map((r) => (
          <View key={r.dimension} className='kash-row'>
            <View className='kash-row__head'>
              <Text className='kash-row__name'>
                {r.name}
                {r.weakest ? <Text className='kash-row__tag'>提升重点</Text> : null}
              </Text>
              <Text className='kash-row__score'>{r.score}</Text>
            </View>
            <View className='bar'>
              <View className='bar__fill' style={{ width: `${r.score}%` }} />
            </View>
            <View className='muted'>
              {r.teamText} · {r.companyText}
            </View>
            <View className='kash-row__parts'>
              {r.parts.map((p) => (
                <Text key={p.name} className='kash-row__part'>
                  {p.name} {p.pct}%
                </Text>
              ))}
            </View>
          </View>
        ))}
      </Section>

      <Section title={own ? '我的提升计划' : '个人提升计划'} extra={own ? undefined : 'MCIP'} id='mcip'>
        <View className='plan__title'>
          {plan.title}
          <Text className='muted'>（{plan.score} 分）</Text>
        </View>
        <View className='plan__why'>{plan.why}</View>
        {plan.actions.map((a, i) => (
          <View key={i} className='plan__action'>
            {i + 1}. {a}
          </View>
        ))}
        {plan.study.length > 0 ? (
          <View className='plan__studies'>
            <View className='plan__subtitle'>
              推荐学习{plan.weakNeeds.length ? `（${plan.weakNeeds.join('、')}）` : ''}
            </View>
            {plan.study.map((s) => (
              <View key={s.itemId} className='plan__study'>
                《{s.title}》<Text className='muted'> · {s.need}</Text>
              </View>
            ))}
            {own ? (
              <Button className='btn-plain plan__go' size='mini' onClick={() => void Taro.switchTab({ url: '/pages/content/index' })}>
                去内容库学习
              </Button>
            ) : null}
          </View>
        ) : null}
      </Section>

      <Section title='线上活动' extra={`近 ${k.activity.windowDays} 天`} id='activity'>
        <Tiles items={activityTiles(k.activity)} />
        <F2Chart id='activity-bars' height={200} chart={activity} label='每日分享与客户互动' />
      </Section>

      <Section title='三大资产' id='assets'>
        <Tiles items={assetTiles(k.assets)} />
        <View className='plan__subtitle'>客户价值九宫格</View>
        <HeatMap
          cells={k.assets.customerValue.grid}
          onCell={own ? (cell) => void Taro.navigateTo({ url: `/agent/contact-list/index?cell=${cell}` }) : undefined}
        />
        <View className='plan__subtitle'>推荐指数分布</View>
        {referral.map((r) => (
          <View key={r.name} className='referral'>
            <Text className='referral__name'>{r.name}</Text>
            <View className='bar referral__bar'>
              <View className='bar__fill' style={{ width: `${(100 * r.count) / maxReferral}%` }} />
            </View>
            <Text className='referral__count'>{r.count}</Text>
          </View>
        ))}
      </Section>

      {forecast ? (
        <Section title='保费预测与已签' extra={`截至 ${forecast.today}`} id='period-forecast'>
          <Tiles items={periodForecastTiles(forecast)} />
          <View className='muted'>{forecastSourceText(forecast)}</View>
          <View className='muted'>{forecast.expectedCloseRuleZh}</View>
        </Section>
      ) : null}

      <Section title='过程漏斗' id='funnel'>
        <FunnelBlock funnel={view.funnel} chartId='agent-funnel' />
      </Section>
    </View>
  )
}

function AgentDashboard() {
  const { agentId } = useRouter().params
  const dash = useAsync(() => loadDashboard(() => (agentId ? api().agentDashboard(agentId) : api().myDashboard())), [agentId])
  // The period forecast is the caller's own scope, so only on the agent's own board; a failure leaves the card out.
  const forecast = useAsync(() => (agentId ? Promise.resolve(null) : api().periodForecast().catch(() => null)), [agentId])
  usePullDownRefresh(() => {
    void Promise.all([dash.reload(), forecast.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useEffect(() => {
    if (agentId && dash.data) void Taro.setNavigationBarTitle({ title: `${dash.data.kyb134.name}的成长` })
  }, [agentId, dash.data])
  if (!dash.data) return <StateView loading={dash.loading} error={dash.error} onRetry={dash.reload} />
  return <Kyb134 view={dash.data} own={!agentId} forecast={forecast.data ?? null} />
}

export default function AgentDashboardPage() {
  return (
    <AgentGate>
      <AgentDashboard />
    </AgentGate>
  )
}
