import { useMemo } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { FunnelView, GridCellCode } from '@kejing/shared'
import F2Chart from './f2-chart'
import { funnelChart } from '../charts'
import { funnelChartData, funnelRows, funnelSummary } from '../../metrics/funnel'
import { heatGrid } from '../../metrics/heat'
import { formatDay, snapshotTime } from '../../metrics/labels'
import './widgets.css'

export function Tiles({ items }: { items: { label: string; value: string; hint?: string }[] }) {
  return (
    <View className='tiles'>
      {items.map((t) => (
        <View key={t.label} className='tile'>
          <View className='tile__value'>{t.value}</View>
          <View className='tile__label'>{t.label}</View>
          {t.hint ? <View className='tile__hint'>{t.hint}</View> : null}
        </View>
      ))}
    </View>
  )
}

export function Section({ title, extra, children, id }: { title: string; extra?: string; children: React.ReactNode; id?: string }) {
  return (
    <View className='section dash-section' id={id}>
      <View className='section__title'>
        <Text>{title}</Text>
        {extra ? <Text className='section__more'>{extra}</Text> : null}
      </View>
      {children}
    </View>
  )
}

export function DayLine({ day, computedAt, suffix }: { day: string; computedAt?: string; suffix?: string }) {
  // Snapshots are computed once a day: say when, so they are not read as live next to 今日.
  const when = computedAt ? snapshotTime(computedAt, Date.now()) : ''
  return (
    <View className='dash-day muted'>
      {when ? `数据截至${when} · 每天更新一次` : `数据日期 ${formatDay(day)}`}
      {suffix ? ` · ${suffix}` : ''}
    </View>
  )
}

/** The process funnel: the F2 funnel chart and, below it, each stage with conversion, median days and the weekly change. */
export function FunnelBlock({ funnel, chartId }: { funnel: FunnelView | null; chartId: string }) {
  const chart = useMemo(() => (funnel ? funnelChart(funnelChartData(funnel)) : null), [funnel])
  if (!funnel || !chart) return <View className='muted'>暂无漏斗数据</View>
  const s = funnelSummary(funnel)
  const rows = funnelRows(funnel)
  return (
    <View className='funnel'>
      <Tiles
        items={[
          { label: '名单总数', value: String(s.contacts), hint: s.contactsChange ? `较上周 ${s.contactsChange}` : undefined },
          { label: '成交 / 未成交', value: `${s.won} / ${s.lost}` },
          { label: '成交率', value: s.closeRate, hint: s.closeRateChange ? `较上周 ${s.closeRateChange}` : undefined },
        ]}
      />
      {funnel.contacts > 0 ? (
        <F2Chart id={chartId} height={300} chart={chart} padding={[48, 24, 32, 24]} label='过程漏斗：到达各阶段的客户数' />
      ) : (
        <View className='muted'>还没有客户进入漏斗</View>
      )}
      <View className='funnel__table'>
        <View className='funnel__row funnel__row--head'>
          <Text className='funnel__name'>阶段</Text>
          <Text className='funnel__num'>当前</Text>
          <Text className='funnel__num'>转化</Text>
          <Text className='funnel__num'>停留中位</Text>
        </View>
        {rows.map((r) => (
          <View key={r.stage} className='funnel__row'>
            <Text className='funnel__name'>
              {r.stage}. {r.name}
            </Text>
            <Text className='funnel__num'>
              {r.count}
              {r.countChange && r.countChange !== '持平' ? <Text className='funnel__change'> {r.countChange}</Text> : null}
            </Text>
            <Text className='funnel__num'>{r.conversion || ' '}</Text>
            <Text className='funnel__num'>{r.medianDays}</Text>
          </View>
        ))}
      </View>
      {s.comparedWith ? <View className='muted funnel__note'>变化对比 {formatDay(s.comparedWith)} 的快照；转化 = 到达下一阶段 / 到达本阶段</View> : null}
    </View>
  )
}

/** The 9-cell heat map (trust × intent): a colour per cell from its share of contacts. */
export function HeatMap({ cells, onCell }: { cells: Partial<Record<GridCellCode, number>>; onCell?: (cell: GridCellCode) => void }) {
  const g = heatGrid(cells)
  return (
    <View className='heat'>
      <View className='heat__row'>
        <View className='heat__corner' />
        {g.columnLabels.map((c) => (
          <View key={c} className='heat__col-label'>
            {c}
          </View>
        ))}
      </View>
      {g.rows.map((row, i) => (
        <View key={g.rowLabels[i]} className='heat__row'>
          <View className='heat__row-label'>{g.rowLabels[i]}</View>
          {row.map((c) => (
            <View
              key={c.cell}
              className='heat__cell'
              id={`heat-${c.cell}`}
              style={{ background: c.background, color: c.color }}
              onClick={onCell ? () => onCell(c.cell) : undefined}
            >
              <View className='heat__count'>{c.count}</View>
              <View className='heat__pct'>{c.pct}%</View>
            </View>
          ))}
        </View>
      ))}
      <View className='muted heat__note'>共 {g.total} 位客户；颜色越深，客户越多</View>
    </View>
  )
}

export function goTo(url: string) {
  void Taro.navigateTo({ url })
}
