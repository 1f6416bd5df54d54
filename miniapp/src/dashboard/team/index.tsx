import { useEffect, useMemo } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { TeamDashboardView } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { useAgentSession } from '../../hooks/use-agent-session'
import { useAsync } from '../../hooks/use-async'
import { loadDashboard } from '../../metrics/errors'
import { formatDay } from '../../metrics/labels'
import { memberKashChartData, omipCard, rankingChartData, rankingRows, unitAssetTiles } from '../../metrics/team'
import { api } from '../../services'
import { barChart, groupedBarChart } from '../charts'
import F2Chart from '../components/f2-chart'
import Layers from '../components/layers'
import { DayLine, FunnelBlock, goTo, HeatMap, Section, Tiles } from '../components/widgets'

function Team({ t }: { t: TeamDashboardView }) {
  const ranking = rankingRows(t.ranking)
  const rankChart = useMemo(
    () => barChart(rankingChartData(t.ranking).map((r) => ({ name: r.name, value: r.score })), { max: 100 }),
    [t.ranking],
  )
  const kashChart = useMemo(() => groupedBarChart(memberKashChartData(t.ranking)), [t.ranking])
  const omip = omipCard(t.omip, t.ranking)
  const slipped = rankingRows(t.slipped)
  const open = (agentId: string) => goTo(`/dashboard/agent/index?agentId=${encodeURIComponent(agentId)}`)
  return (
    <View className='page dashboard'>
      <View className='dash-header' id='team-header'>
        <View className='dash-header__title'>{t.name}</View>
        <View className='dash-header__sub'>
          {t.ranking.length} 位成员 · 团队看板
        </View>
      </View>
      <DayLine day={t.day} computedAt={t.computedAt ?? undefined} suffix={t.comparedWithDay ? `对比 ${formatDay(t.comparedWithDay)}` : '暂无上周快照可对比'} />

      <Section title='团队排名' extra='按 KASH 平均分' id='ranking'>
        {ranking.length > 0 ? <F2Chart id='team-ranking' height={Math.max(120, 44 * ranking.length + 50)} chart={rankChart} label='成员 KASH 平均分排名' /> : null}
        {ranking.length === 0 ? <View className='muted'>暂无成员数据</View> : null}
        {ranking.map((m) => (
          <View key={m.agentId} className='member' id={`member-${m.agentId}`} onClick={() => open(m.agentId)}>
            <View className='member__head'>
              <View>
                <Text className={`member__rank ${m.rank <= 3 ? 'member__rank--top' : ''}`}>{m.rank}</Text>
                <Text className='member__name'>{m.name}</Text>
                <Text className='muted'> · {m.layer}</Text>
              </View>
              <Text className='member__score'>{m.kashMean}</Text>
            </View>
            <View className='member__line'>{m.scores.map((s) => `${s.name} ${s.score}`).join(' · ')}</View>
            <View className='member__line'>{m.line}</View>
          </View>
        ))}
      </Section>

      <Section title='谁在下滑' extra={t.comparedWithDay ? `对比 ${formatDay(t.comparedWithDay)}` : undefined} id='slipped'>
        {!t.comparedWithDay ? <View className='muted'>还没有一周前的快照，下周起可以看到谁在下滑</View> : null}
        {t.comparedWithDay && slipped.length === 0 ? <View className='muted'>本周没有成员下滑</View> : null}
        {slipped.map((m) => (
          <View key={m.agentId} className='member' onClick={() => open(m.agentId)}>
            <View className='member__head'>
              <Text className='member__name'>{m.name}</Text>
              <Text className='member__score'>{m.kashMean}</Text>
            </View>
            <View className='member__slip'>{m.slippedWhy || '较上周下滑'}</View>
          </View>
        ))}
      </Section>

      <Section title='辅导清单（OMIP）' id='omip'>
        {omip.teamFocus ? <View className='plan__why'>{omip.teamFocus}</View> : null}
        {omip.coaching.length === 0 ? <View className='muted'>所有成员都达到了目标分</View> : null}
        {omip.coaching.map((c) => (
          <View key={c.agentId} className='member' onClick={() => open(c.agentId)}>
            <View className='member__head'>
              <View>
                <Text className='member__rank'>{c.rank}</Text>
                <Text className='member__name'>{c.name}</Text>
                <Text className='muted'> · 先辅导{c.dimension}</Text>
              </View>
              <Text className='member__score'>{c.score}</Text>
            </View>
            <View className='member__line'>{c.reason}</View>
          </View>
        ))}
        {omip.byDimension.map((d) => (
          <View key={d.name} className='member__line'>
            {d.name}未达标：{d.members.join('、')}
          </View>
        ))}
        {omip.onTrack.length > 0 ? <View className='member__line'>全部达标：{omip.onTrack.join('、')}</View> : null}
      </Section>

      <Section title='成员能力对比' id='member-kash'>
        {ranking.length > 0 ? <F2Chart id='team-kash' height={240} chart={kashChart} label='成员四项能力指数' /> : <View className='muted'>暂无</View>}
      </Section>

      <Section title='触网分层' id='layers'>
        <Layers layers={t.layers} />
      </Section>

      <Section title='团队资产' id='team-assets'>
        <Tiles items={unitAssetTiles(t.assets)} />
        <HeatMap cells={t.assets.grid} />
      </Section>

      <Section title='过程漏斗' id='funnel'>
        <FunnelBlock funnel={t.funnel} chartId='team-funnel' />
      </Section>
    </View>
  )
}

function TeamDashboard() {
  const { teamId: param } = useRouter().params
  const { session } = useAgentSession()
  const teamId = param || session?.user.orgUnitId || ''
  const dash = useAsync(() => (teamId ? loadDashboard(() => api().teamDashboard(teamId)) : Promise.resolve(null)), [teamId])
  usePullDownRefresh(() => {
    void dash.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useEffect(() => {
    if (dash.data) void Taro.setNavigationBarTitle({ title: dash.data.name })
  }, [dash.data])
  if (!dash.data) {
    const noTeam = !teamId && !!session
    return <StateView loading={!noTeam && (dash.loading || !teamId)} error={dash.error ?? (noTeam ? '未找到您所属的团队' : null)} onRetry={dash.reload} />
  }
  return <Team t={dash.data} />
}

export default function TeamDashboardPage() {
  return (
    <AgentGate>
      <TeamDashboard />
    </AgentGate>
  )
}
