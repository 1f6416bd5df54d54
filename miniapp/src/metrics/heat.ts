import type { Band, GridCellCode } from '@kejing/shared'
import { BAND_NAMES_ZH } from '../format'

export interface HeatCell {
  cell: GridCellCode
  trust: Band
  intent: Band
  count: number
  /** Share of all contacts, 0..100, rounded. */
  pct: number
  /** 0..1 against the fullest cell (0 when all are empty). */
  level: number
  background: string
  color: string
}

export interface HeatGrid {
  /** Rows top to bottom: high trust first; columns left to right: low intent first. */
  rows: HeatCell[][]
  total: number
  /** Row labels (trust) and column labels (intent), in display order. */
  rowLabels: string[]
  columnLabels: string[]
}

const TRUST_ROWS: Band[] = ['high', 'mid', 'low']
const INTENT_COLUMNS: Band[] = ['low', 'mid', 'high']

// From the page background's pale red to the brand red (#c8102e).
const LOW = [253, 236, 238]
const HIGH = [200, 16, 46]

function mix(level: number): string {
  const c = LOW.map((lo, i) => Math.round(lo + ((HIGH[i] as number) - lo) * level))
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`
}

/** The 9-cell heat map (trust × intent) with a colour per cell from its count. */
export function heatGrid(counts: Partial<Record<GridCellCode, number>>): HeatGrid {
  const value = (c: GridCellCode) => Math.max(0, counts[c] ?? 0)
  const cells = TRUST_ROWS.flatMap((t) => INTENT_COLUMNS.map((i) => `${t}-${i}` as GridCellCode))
  const total = cells.reduce((s, c) => s + value(c), 0)
  const max = Math.max(0, ...cells.map(value))
  const rows = TRUST_ROWS.map((trust) =>
    INTENT_COLUMNS.map((intent): HeatCell => {
      const cell = `${trust}-${intent}` as GridCellCode
      const count = value(cell)
      const level = max > 0 ? count / max : 0
      return {
        cell,
        trust,
        intent,
        count,
        pct: total > 0 ? Math.round((100 * count) / total) : 0,
        level,
        background: count === 0 ? '#f7f7f7' : mix(0.15 + 0.85 * level),
        color: count > 0 && 0.15 + 0.85 * level > 0.5 ? '#ffffff' : '#1f1f1f',
      }
    }),
  )
  return {
    rows,
    total,
    rowLabels: TRUST_ROWS.map((b) => `${BAND_NAMES_ZH[b]}信任`),
    columnLabels: INTENT_COLUMNS.map((b) => `${BAND_NAMES_ZH[b]}意向`),
  }
}
