/**
 * The dashboards' charts, declared with AntV F2 (built for mobile and mini programs). F2 trees
 * are made with F2's own `jsx` function (not React's), then handed to <F2Chart>. Data comes
 * from the plain shaping modules in ../metrics, which are unit-tested.
 */
import { Area, Axis, Chart, Interval, jsx as f2jsx, Legend, Line, Point } from '@antv/f2'
import { niceAxisMax } from '../metrics/labels'

/** An F2 element tree (F2's own virtual nodes, not React's). */
export interface F2Element {
  type: unknown
  props: Record<string, unknown>
}

// F2's JSX typings want each component's full generic props; the charts below are checked by eye and by the e2e screenshots.
const jsx = f2jsx as unknown as (type: unknown, props: Record<string, unknown> | null, ...children: F2Element[]) => F2Element

export const BRAND = '#c8102e'
const PALETTE = ['#c8102e', '#f29c38', '#3a7bd5', '#33a474']
const FUNNEL_PINKS = ['#f7d4d9', '#f3c1c8', '#efaeb7', '#eb9ba6', '#e78895', '#e37584', '#df6273', '#db4f62']

const axisLabel = { fill: '#666666', fontSize: '22px' }

/** KASH radar: four indices 0..100. */
export function kashRadarChart(data: { dimension: string; score: number }[]): F2Element {
  return jsx(
    Chart,
    { data, coord: 'polar', scale: { score: { min: 0, max: 100, nice: false, tickCount: 5 } } },
    jsx(Axis, { field: 'dimension', style: { label: { fill: '#1f1f1f', fontSize: '26px' } } }),
    jsx(Axis, { field: 'score', grid: 'line', style: { label: axisLabel } }),
    jsx(Area, { x: 'dimension', y: 'score', color: BRAND, style: { fillOpacity: 0.2 } }),
    jsx(Line, { x: 'dimension', y: 'score', color: BRAND }),
    jsx(Point, { x: 'dimension', y: 'score', color: BRAND }),
  )
}

/** Shares and customer touchpoints per day, side by side. */
export function activityChart(data: { day: string; kind: string; value: number }[]): F2Element {
  return jsx(
    Chart,
    { data, scale: { value: { min: 0, max: niceAxisMax(data.map((d) => d.value)), tickCount: 5, nice: false } } },
    jsx(Axis, { field: 'day', tickCount: 5, style: { label: axisLabel } }),
    jsx(Axis, { field: 'value', style: { label: axisLabel } }),
    jsx(Interval, { x: 'day', y: 'value', color: { field: 'kind', range: [BRAND, '#f29c38'] }, adjust: 'dodge' }),
    jsx(Legend, { position: 'top' }),
  )
}

/** The 8-stage process funnel: how many reached each stage, stage 1 on top; name and count in each band. */
export function funnelChart(data: { stage: string; value: number }[]): F2Element {
  // Transposed, the first category is drawn at the bottom: reverse so stage 1 is on top.
  const rows = [...data].reverse()
  return jsx(
    Chart,
    { data: rows, coord: { transposed: true }, scale: { value: { min: 0 } } },
    jsx(Interval, {
      x: 'stage',
      y: 'value',
      adjust: 'symmetric',
      shape: 'funnel',
      color: { field: 'stage', range: [...FUNNEL_PINKS].reverse() },
      showLabel: true,
      labelCfg: {
        guide: (d: { stage: string; value: number }) => ({ text: `${d.stage}  ${d.value}`, fill: '#1f1f1f', fontSize: '24px' }),
      },
    }),
  )
}

/** Daily lines (long format: day, series, value). */
export function trendChart(data: { day: string; series: string; value: number }[]): F2Element {
  return jsx(
    Chart,
    { data, scale: { value: { min: 0, max: niceAxisMax(data.map((d) => d.value)), tickCount: 5, nice: false } } },
    jsx(Axis, { field: 'day', tickCount: 5, style: { label: axisLabel } }),
    jsx(Axis, { field: 'value', style: { label: axisLabel } }),
    jsx(Line, { x: 'day', y: 'value', color: { field: 'series', range: PALETTE } }),
    jsx(Legend, { position: 'top' }),
  )
}

/** Horizontal bars, one per category, in the data's order (top = first). */
export function barChart(data: { name: string; value: number }[], opts: { max?: number; color?: string } = {}): F2Element {
  // Transposed: the first category is drawn at the bottom, so reverse to keep the first on top.
  const rows = [...data].reverse()
  return jsx(
    Chart,
    { data: rows, coord: { transposed: true }, scale: { value: { min: 0, ...(opts.max ? { max: opts.max } : {}), nice: true, tickCount: 5 } } },
    jsx(Axis, { field: 'name', style: { label: { fill: '#1f1f1f', fontSize: '24px' } } }),
    jsx(Axis, { field: 'value', style: { label: axisLabel } }),
    jsx(Interval, { x: 'name', y: 'value', color: opts.color ?? BRAND }),
  )
}

/** Grouped bars: KASH of each member (name × dimension). */
export function groupedBarChart(data: { name: string; dimension: string; score: number }[]): F2Element {
  return jsx(
    Chart,
    { data, scale: { score: { min: 0, max: 100, tickCount: 5 } } },
    jsx(Axis, { field: 'name', style: { label: { fill: '#1f1f1f', fontSize: '24px' } } }),
    jsx(Axis, { field: 'score', style: { label: axisLabel } }),
    jsx(Interval, { x: 'name', y: 'score', color: { field: 'dimension', range: PALETTE }, adjust: 'dodge' }),
    jsx(Legend, { position: 'top' }),
  )
}
