/**
 * How the morning list reads at a glance: sections by when a follow-up is due, one line saying
 * what the customer did, the time of their last touch, and the task's own action as its button.
 * Plain functions of the tasks and the time, so they are tested without a page.
 */
import { MORNING_LIST_SECTIONS, morningListSection, type FollowUpChannel, type MorningListSection, type TaskView, type TouchpointType } from '@kejing/shared'
import { touchpointName } from '../format'

const BJ = 8 * 3600_000
const DAY = 86_400_000
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

const bjDayIndex = (ms: number) => Math.floor((ms + BJ) / DAY)
const pad2 = (n: number) => String(n).padStart(2, '0')
const bjClock = (ms: number) => {
  const d = new Date(ms + BJ)
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`
}

export interface TodaySection {
  key: MorningListSection
  title: string
  tasks: TaskView[]
}

const SECTION_TITLES: Record<MorningListSection, string> = { overdue: '逾期', today: '今天', later: '稍后' }

/** A task still to work: open, or snoozed and come back (the server lists those when due). */
export const isActionable = (task: TaskView) => task.status === 'open' || task.status === 'snoozed'

/**
 * The loaded tasks under 逾期, 今天 and 稍后, each section as of the instant the list was drawn up
 * (the server's own rule, so the pages it sends fall into the same sections); the server's ranking
 * is kept within each, and empty sections are left out.
 */
export function todaySections(tasks: readonly TaskView[], asOfMs: number): TodaySection[] {
  const buckets: Record<MorningListSection, TaskView[]> = { overdue: [], today: [], later: [] }
  for (const task of tasks) {
    if (isActionable(task)) buckets[morningListSection(Date.parse(task.dueAt), asOfMs)].push(task)
  }
  return MORNING_LIST_SECTIONS.filter((key) => buckets[key].length > 0).map((key) => ({ key, title: SECTION_TITLES[key], tasks: buckets[key] }))
}

/** When the customer last did something, as ms; null when the task has no touchpoint. */
export function lastTouchMs(task: TaskView): number | null {
  let last: number | null = null
  for (const b of task.because) {
    const at = Date.parse(b.at)
    if (!Number.isNaN(at) && (last === null || at > last)) last = at
  }
  return last
}

/** The steps of reading one piece of content, deepest last: only the deepest is told. */
const CONTENT_DEPTH: Partial<Record<TouchpointType, number>> = {
  open: 1, read_progress: 2, video_progress: 2, live_join: 2, live_leave: 2, read_complete: 3,
}
const MAX_PARTS = 3

/**
 * One line of what happened, oldest first: "读完《重疾险怎么选》2 次 · 点击咨询 · 留资". For each
 * piece of content only the deepest step is told, with how often it happened; other touchpoints
 * once each (×N when repeated); past three parts, "等 N 项".
 */
export function touchSummary(because: TaskView['because']): string {
  type Part = { key: string; type: TouchpointType; title: string | null; count: number; firstMs: number }
  const parts = new Map<string, Part>()
  for (const b of because) {
    const at = Date.parse(b.at)
    const depth = CONTENT_DEPTH[b.type]
    const key = depth !== undefined && b.contentTitle ? `content:${b.contentTitle}` : `type:${b.type}`
    const seen = parts.get(key)
    if (!seen) {
      parts.set(key, { key, type: b.type, title: depth !== undefined ? b.contentTitle : null, count: 1, firstMs: at })
      continue
    }
    seen.firstMs = Math.min(seen.firstMs, at)
    const seenDepth = CONTENT_DEPTH[seen.type] ?? 0
    if (depth !== undefined && depth > seenDepth) {
      seen.type = b.type
      seen.count = 1
    } else if (b.type === seen.type) seen.count += 1
  }
  const ordered = [...parts.values()].sort((a, b) => a.firstMs - b.firstMs)
  const told = ordered.slice(0, MAX_PARTS).map((p) => {
    const what = `${touchpointName(p.type)}${p.title ? `《${p.title}》` : ''}`
    if (p.count < 2) return what
    // A no-break space keeps "2 次" on one line.
    return p.title ? `${what}${p.count}\u00a0次` : `${what}×${p.count}`
  })
  const rest = ordered.length - told.length
  return rest > 0 ? `${told.join(' · ')} 等 ${rest} 项` : told.join(' · ')
}

/** When it is due, in words: "已逾期 3 小时", "40 分钟内", "2 小时内", "今天 15:00 前", "明天 09:00", "12月2日". */
export function dueLabel(dueAt: string, nowMs: number): string {
  const due = Date.parse(dueAt)
  if (Number.isNaN(due)) return ''
  if (due < nowMs) {
    const late = nowMs - due
    if (late < 3600_000) return `已逾期 ${Math.max(1, Math.floor(late / 60_000))} 分钟`
    if (late < DAY) return `已逾期 ${Math.floor(late / 3600_000)} 小时`
    return `已逾期 ${Math.floor(late / DAY)} 天`
  }
  const left = due - nowMs
  if (left < 3600_000) return `${Math.max(1, Math.ceil(left / 60_000))} 分钟内`
  if (left < 3 * 3600_000) return `${Math.ceil(left / 3600_000)} 小时内`
  const days = bjDayIndex(due) - bjDayIndex(nowMs)
  if (days === 0) return `今天 ${bjClock(due)} 前`
  if (days === 1) return `明天 ${bjClock(due)}`
  const d = new Date(due + BJ)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** Only the most urgent tasks (priority 1: a lead, intent turning high, a warning sign) are marked 优先. */
export const isPriority = (task: TaskView) => task.priority === 1

/** The task's own action as its button. */
export const CHANNEL_BUTTONS: Record<FollowUpChannel, string> = {
  call: '拨打',
  message: '复制话术',
  meet: '复制邀约',
  observe: '知道了',
}

/** "早上好" … "晚上好", by the hour in Beijing. */
export function greeting(nowMs: number): string {
  const hour = new Date(nowMs + BJ).getUTCHours()
  if (hour >= 5 && hour < 11) return '早上好'
  if (hour >= 11 && hour < 13) return '中午好'
  if (hour >= 13 && hour < 18) return '下午好'
  return '晚上好'
}

/** "11月29日 周日", in Beijing. */
export function dateLine(nowMs: number): string {
  const d = new Date(nowMs + BJ)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${WEEKDAYS[d.getUTCDay()]}`
}
