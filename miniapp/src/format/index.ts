import {
  CONTENT_KIND_NAMES_ZH,
  DEFAULT_TAG_NAMES_ZH,
  TAG_FAMILY_NAMES_ZH as SHARED_TAG_FAMILY_NAMES_ZH,
  MAINLAND_MOBILE_PATTERN,
  STAGE_NAMES_ZH,
  TOUCHPOINT_NAMES_ZH,
  type Band,
  type ContentKind,
  type DealOutcome,
  type GridCellCode,
  type ReferralClass,
  type Stage,
  type TouchpointType,
} from '@kejing/shared'

const pad2 = (n: number) => String(n).padStart(2, '0')

/** Beijing time parts, whatever the phone's time zone (agents and customers are in China). */
function beijingParts(ms: number) {
  const d = new Date(ms + 8 * 3600_000)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, day: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() }
}

/** "刚刚", "5分钟前", "3小时前", "昨天 08:05", "11月3日 14:20", "2025年11月3日". */
export function formatRelativeTime(iso: string | null | undefined, nowMs: number): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const diff = nowMs - t
  if (diff < 60_000) return '刚刚'
  if (diff < 3600_000) return `${Math.floor(diff / 60_000)}分钟前`
  const then = beijingParts(t)
  const now = beijingParts(nowMs)
  const dayMs = 86_400_000
  const dayIndex = (ms: number) => Math.floor((ms + 8 * 3600_000) / dayMs)
  const days = dayIndex(nowMs) - dayIndex(t)
  const hm = `${pad2(then.h)}:${pad2(then.min)}`
  if (days === 0) return `${Math.floor(diff / 3600_000)}小时前`
  if (days === 1) return `昨天 ${hm}`
  if (then.y === now.y) return `${then.m}月${then.day}日 ${hm}`
  return `${then.y}年${then.m}月${then.day}日`
}

/** Absolute Beijing time: "11月3日 14:20". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const p = beijingParts(t)
  return `${p.m}月${p.day}日 ${pad2(p.h)}:${pad2(p.min)}`
}

/** A live's time: "12月10日 20:00–21:30" when it ends the same day, else both in full; the start alone without an end. */
export function formatLiveTime(startsAt: string | null | undefined, endsAt: string | null | undefined): string {
  const start = formatDateTime(startsAt)
  if (!endsAt) return start
  const end = formatDateTime(endsAt)
  const [startDay] = start.split(' ')
  const [endDay, endTime] = end.split(' ')
  return `${start}–${startDay === endDay ? endTime : end}`
}

/** Reading or watching time: "45秒", "3分12秒", "1小时5分". */
export function formatDwell(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !(ms > 0)) return '0秒'
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}秒`
  const m = Math.floor(s / 60)
  if (m < 60) return s % 60 ? `${m}分${s % 60}秒` : `${m}分钟`
  const h = Math.floor(m / 60)
  return m % 60 ? `${h}小时${m % 60}分` : `${h}小时`
}

/** Money in fen as yuan: 500000 → "¥5,000"; 12345 → "¥123.45". */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—'
  const yuan = Math.floor(Math.abs(fen) / 100)
  const cents = Math.abs(fen) % 100
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${fen < 0 ? '-' : ''}¥${grouped}${cents ? `.${pad2(cents)}` : ''}`
}

/** A yuan amount typed by a person ("5000", "5,000", "1.5万") as fen; null when unreadable. */
export function parseYuanToFen(text: string): number | null {
  const t = text.replace(/[,，\s¥元]/g, '')
  if (t === '') return null
  const wan = /^(\d+(?:\.\d+)?)万$/.exec(t)
  const plain = /^\d+(?:\.\d{1,2})?$/.test(t) ? Number(t) : null
  const yuan = wan ? Number(wan[1]) * 10_000 : plain
  if (yuan === null || !Number.isFinite(yuan)) return null
  return Math.round(yuan * 100)
}

export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone
}

export function isMainlandMobile(phone: string): boolean {
  return MAINLAND_MOBILE_PATTERN.test(phone.trim())
}

export function stageName(stage: Stage): string {
  return STAGE_NAMES_ZH[stage] ?? `阶段${stage}`
}

export function touchpointName(type: TouchpointType): string {
  return TOUCHPOINT_NAMES_ZH[type] ?? type
}

export const BAND_NAMES_ZH: Record<Band, string> = { low: '低', mid: '中', high: '高' }

/** "high-low" → "高信任·低意向". */
export function cellName(cell: GridCellCode): string {
  const [trust, intent] = cell.split('-') as [Band, Band]
  return `${BAND_NAMES_ZH[trust]}信任·${BAND_NAMES_ZH[intent]}意向`
}

export const REFERRAL_NAMES_ZH: Record<ReferralClass, string> = {
  negative: '消极',
  indifferent: '无感',
  passive_promoter: '被动推荐',
  active_promoter: '主动推荐',
}

export const OUTCOME_NAMES_ZH: Record<DealOutcome, string> = { open: '跟进中', won: '已成交', lost: '未成交' }

// The content words are shared with the operator page: one table each, in shared.
export const KIND_NAMES_ZH: Readonly<Record<ContentKind, string>> = CONTENT_KIND_NAMES_ZH

/** By family name as read from a tag code (a family the app does not know shows as itself). */
export const TAG_FAMILY_NAMES_ZH: Readonly<Record<string, string>> = SHARED_TAG_FAMILY_NAMES_ZH


/** "need:critical_illness" → "重疾"; "stage:3" → "有价值名单"; unknown codes show as themselves. */
export function tagName(tag: string): string {
  const known = DEFAULT_TAG_NAMES_ZH[tag]
  if (known) return known
  const [family, code] = tag.split(':')
  if (family === 'stage') {
    const n = Number(code) as Stage
    if (STAGE_NAMES_ZH[n]) return STAGE_NAMES_ZH[n]
  }
  return code ?? tag
}

export function needName(code: string): string {
  return tagName(`need:${code}`)
}

/** Time to a live stream's start: "2天 03:04:05" or "03:04:05". */
export function formatCountdown(msLeft: number): string {
  const s = Math.max(0, Math.floor(msLeft / 1000))
  const d = Math.floor(s / 86_400)
  const hms = `${pad2(Math.floor((s % 86_400) / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`
  return d > 0 ? `${d}天 ${hms}` : hms
}
