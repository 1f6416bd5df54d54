import {
  AGENT_LAYER_NAMES_ZH,
  KASH_DIMENSIONS,
  KASH_NAMES_ZH,
  type AgentLayerCode,
  type KashDimensionCode,
} from '@kejing/shared'

/** Knowledge, Attitude, Skill, Habit — always in this order on screen. */
export const KASH_ORDER: readonly KashDimensionCode[] = KASH_DIMENSIONS

export function kashName(d: KashDimensionCode): string {
  return KASH_NAMES_ZH[d] ?? d
}

export const LAYER_ORDER: readonly AgentLayerCode[] = ['offline', 'online', 'deeply_online']

export function layerName(l: AgentLayerCode): string {
  return AGENT_LAYER_NAMES_ZH[l] ?? l
}

/** The parts of each KASH index, as the server's scorer names them (shared/src/kyb134/kash-*.ts). */
const COMPONENT_NAMES_ZH: Record<string, string> = {
  breadth: '学习广度',
  depth: '学习深度',
  sharing: '分享覆盖',
  active: '活跃天数',
  streak: '连续活跃',
  onTime: '按时跟进',
  conversion: '阶段推进率',
  speed: '推进速度',
  morning: '打开晨间清单',
  shareDays: '分享天数',
  regularity: '分享规律',
}

export function componentName(key: string): string {
  return COMPONENT_NAMES_ZH[key] ?? key
}

/** 62.4 → "62%"; null → "—". */
export function formatPct(pct: number | null | undefined, digits = 0): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—'
  return `${pct.toFixed(digits)}%`
}

/** A change in percentage points: 3.25 → "+3.3个百分点"; 0 → "持平"; null → "". */
export function formatPointsChange(points: number | null | undefined): string {
  if (points === null || points === undefined || !Number.isFinite(points)) return ''
  const r = Math.round(points * 10) / 10
  if (r === 0) return '持平'
  return `${r > 0 ? '+' : ''}${r}个百分点`
}

/** A change in a count: 3 → "+3"; -2 → "-2"; 0 → "持平". */
export function formatCountChange(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return ''
  if (n === 0) return '持平'
  return n > 0 ? `+${n}` : String(n)
}

/** Money in fen, shortened: 123456789 → "¥123.5万"; 1_000_000_000_00 → "¥10.0亿"; 5000_00 → "¥5,000". */
export function formatFenShort(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—'
  const yuan = fen / 100
  const sign = yuan < 0 ? '-' : ''
  const abs = Math.abs(yuan)
  if (abs >= 1e8) return `${sign}¥${(abs / 1e8).toFixed(1)}亿`
  if (abs >= 1e4) return `${sign}¥${(abs / 1e4).toFixed(1)}万`
  return `${sign}¥${Math.round(abs).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`
}

/** Fen to 万元 with one decimal, for chart axes. */
export function fenToWan(fen: number): number {
  return Math.round(fen / 100 / 1e3) / 10
}

/** Median days: null → "—"; 2.25 → "2.3天". */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return '—'
  return `${Math.round(days * 10) / 10}天`
}

/** "2026-11-24" → "11月24日"; "" for anything else. */
export function formatDay(day: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '')
  if (!m) return ''
  return `${Number(m[2])}月${Number(m[3])}日`
}

/** "2026-11-24" → "11/24" (chart axes). */
export function shortDay(day: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(day)
  return m ? `${Number(m[1])}/${Number(m[2])}` : day
}

/** The percentile rank as agents read it: 80 → "超过团队 80% 的伙伴". */
export function percentileText(scope: '团队' | '公司', pct: number): string {
  return `超过${scope} ${Math.round(pct)}% 的伙伴`
}

/** A round axis maximum so `ticks` intervals are whole numbers: 21 → 24 (ticks 0, 6, 12, 18, 24); 0 → ticks. */
export function niceAxisMax(values: number[], ticks = 4): number {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)))
  if (max <= 0) return ticks
  const raw = max / ticks
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * magnitude).find((s) => s >= raw && Number.isInteger(s)) ?? Math.ceil(raw)
  return step * ticks
}

/** When a snapshot was computed, in Beijing time: "今天 04:00", "昨天 04:00", "11月27日 04:00". */
export function snapshotTime(computedAt: string, nowMs: number): string {
  const t = Date.parse(computedAt)
  if (Number.isNaN(t)) return ''
  const BJ = 8 * 3600_000
  const day = (ms: number) => Math.floor((ms + BJ) / 86_400_000)
  const d = new Date(t + BJ)
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
  const days = day(nowMs) - day(t)
  if (days === 0) return `今天 ${hm}`
  if (days === 1) return `昨天 ${hm}`
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hm}`
}
