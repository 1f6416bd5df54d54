import { useEffect, useMemo } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { FunnelTrendView, OrgDashboardView } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { useAgentSession } from '../../hooks/use-agent-session'
import { useAsync } from '../../hooks/use-async'
import { loadDashboard } from '../../metrics/errors'
import { funnelTrendData } from '../../metrics/funnel'
import { childForecastChartData, childRows, unitKindName } from '../../metrics/org'
import { unitAssetTiles } from '../../metrics/team'
import { api } from '../../services'
import { barChart, trendChart } from '../charts'
import F2Chart from '../components/f2-chart'
import Layers from '../components/layers'
import { DayLine, FunnelBlock, goTo, HeatMap, Section, Tiles } from '../components/widgets'

interface OrgData {
  org: OrgDashboardView
  trend: FunnelTrendView | null
}

function Org({ d }: { d: OrgData }) {
  const { org, trend } = d
  const children = childRows(org.children)
  const childKind = org.children[0] ? unitKindName(org.children[0].kind) : org.kind === 'company' ? '分公司' : org.kind === 'branch' ? '团队' : '营销员'
  const forecast = useMemo(() => childForecastChartData(org.children), [org.children])
  const forecastChart = useMemo(() => barChart(forecast.rows.map((c) => ({ name: c.unit, value: c.value }))), [forecast])
  const trendPoints = useMemo(() => (trend ? funnelTrendData(trend.trend) : []), [trend])
  const trendLines = useMemo(() => trendChart(trendPoints), [trendPoints])
  const trendDays = trend?.trend.length ?? 0
  return (
    <View className='page dashboard'>
      <View className='dash-header' id='org-header'>
        <View className='dash-header__title'>{org.name}</View>
        <View className='dash-header__sub'>
          {unitKindName(org.kind)}看板 · {org.assets.agents} 位营销员 · {org.assets.contacts} 位客户
        </View>
      </View>
      <DayLine day={org.day} computedAt={org.computedAt ?? undefined} />

      <Section title='过程漏斗' extra='八阶段' id='funnel'>
        <FunnelBlock funnel={org.funnel} chartId='org-funnel' />
      </Section>

      <Section title='漏斗趋势' extra={trendDays > 0 ? `近 ${trendDays} 天` : undefined} id='trend'>
        {trendDays >= 2 ? (
          <F2Chart id='org-trend' height={200} chart={trendLines} label='名单总数与已开启保险话题的每日趋势' />
        ) : (
          <View className='muted'>每日快照满两天后显示趋势{trendDays === 1 ? '（目前只有 1 天）' : ''}</View>
        )}
      </Section>

      <Section title='客户九宫格热力图' extra='信任 × 意向' id='heat-map'>
        <HeatMap cells={org.heatMap.cells} />
      </Section>

      <Section title={`各${childKind}资产`} extra='按保费预测排序' id='children'>
        {children.length > 0 ? (
          <F2Chart id='org-children' height={Math.max(120, 44 * children.length + 50)} chart={forecastChart} label={`各${childKind}保费预测（${forecast.unitLabel}）`} />
        ) : (
          <View className='muted'>暂无下级单位</View>
        )}
        {children.length > 0 ? <View className='muted'>保费预测（{forecast.unitLabel}）= Σ 成交概率 × 预期保费</View> : null}
        {children.map((c) => (
          <View key={c.id} className='unit' id={`unit-${c.id}`} onClick={() => goTo(c.url)}>
            <View className='unit__head'>
              <Text className='unit__name'>{c.name} ›</Text>
              <Text className='unit__value'>{c.forecast}</Text>
            </View>
            <View className='unit__line'>{c.line}</View>
          </View>
        ))}
      </Section>

      <Section title='机构资产' id='org-assets'>
        <Tiles items={unitAssetTiles(org.assets)} />
      </Section>

      <Section title='触网分层' id='layers'>
        <Layers layers={org.layers} />
      </Section>
    </View>
  )
}

function OrgDashboard() {
  const { orgUnitId: param } = useRouter().params
  const { session } = useAgentSession()
  const orgUnitId = param || session?.user.orgUnitId || ''
  const dash = useAsync<OrgData | null>(
    () =>
      orgUnitId
        ? loadDashboard(async () => {
            const [org, trend] = await Promise.all([
              api().orgDashboard(orgUnitId),
              // The trend is a nice-to-have: the page still shows without it.
              api().funnelTrend({ orgUnitId }, 30).catch(() => null),
            ])
            return { org, trend }
          })
        : Promise.resolve(null),
    [orgUnitId],
  )
  usePullDownRefresh(() => {
    void dash.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useEffect(() => {
    if (dash.data) void Taro.setNavigationBarTitle({ title: dash.data.org.name })
  }, [dash.data])
  if (!dash.data) {
    const noUnit = !orgUnitId && !!session
    return <StateView loading={!noUnit && (dash.loading || !orgUnitId)} error={dash.error ?? (noUnit ? '未找到您所属的机构' : null)} onRetry={dash.reload} />
  }
  return <Org d={dash.data} />
}

export default function OrgDashboardPage() {
  return (
    <AgentGate>
      <OrgDashboard />
    </AgentGate>
  )
}
