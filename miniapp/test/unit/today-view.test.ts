import type { TaskView } from '@kejing/shared'
import { dateLine, dueLabel, greeting, isPriority, lastTouchMs, todaySections, touchSummary } from '../../src/tasks/today-view'

// 2026-11-29 10:00 Beijing time (a Sunday)
const NOW = Date.UTC(2026, 10, 29, 2, 0, 0)
const iso = (ms: number) => new Date(ms).toISOString()
const HOUR = 3600_000

const task = (id: string, dueInMs: number, extra: Partial<TaskView> = {}): TaskView => ({
  taskId: id, contactId: `c-${id}`, contactName: id, cell: 'mid-mid', stage: 3, action: '问候', channel: 'message',
  suggestedMessage: '您好', dueAt: iso(NOW + dueInMs), priority: 3, status: 'open', because: [], origin: 'rule', note: null, repeat: null, ...extra,
})

describe('todaySections', () => {
  it('puts each task under overdue, today or later, keeping the server order within each', () => {
    const tasks = [
      task('later', 30 * HOUR), task('late2', -2 * HOUR), task('today1', 2 * HOUR), task('late1', -26 * HOUR), task('today2', 13 * HOUR),
    ]
    const sections = todaySections(tasks, NOW)
    expect(sections.map((s) => [s.title, s.tasks.map((t) => t.taskId)])).toEqual([
      ['逾期', ['late2', 'late1']],
      ['今天', ['today1', 'today2']],
      ['稍后', ['later']],
    ])
  })

  it('keeps snoozed tasks that came back, and leaves out done and dismissed ones and empty sections', () => {
    const sections = todaySections([task('s', -HOUR, { status: 'snoozed' }), task('d', -HOUR, { status: 'done' }), task('x', HOUR, { status: 'dismissed' })], NOW)
    expect(sections).toEqual([{ key: 'overdue', title: '逾期', tasks: [expect.objectContaining({ taskId: 's' })] }])
  })
})

describe('touchSummary', () => {
  const at = (minutesAgo: number) => iso(NOW - minutesAgo * 60_000)
  it('tells the deepest step per article with its count, then the other touchpoints, oldest first', () => {
    const line = touchSummary([
      { type: 'open', at: at(90), contentTitle: '重疾险怎么选' },
      { type: 'read_complete', at: at(80), contentTitle: '重疾险怎么选' },
      { type: 'open', at: at(40), contentTitle: '重疾险怎么选' },
      { type: 'read_complete', at: at(30), contentTitle: '重疾险怎么选' },
      { type: 'consult_tap', at: at(20), contentTitle: '重疾险怎么选' },
      { type: 'lead_submit', at: at(10), contentTitle: '重疾险怎么选' },
    ])
    expect(line).toBe('读完《重疾险怎么选》2\u00a0次 · 点击咨询 · 留资')
  })

  it('counts repeats of a touchpoint that is not about content', () => {
    expect(touchSummary([{ type: 'card_view', at: at(3), contentTitle: null }, { type: 'card_view', at: at(2), contentTitle: null }])).toBe('查看名片×2')
  })

  it('tells two articles apart', () => {
    expect(touchSummary([
      { type: 'open', at: at(9), contentTitle: 'A' }, { type: 'read_progress', at: at(8), contentTitle: 'B' },
    ])).toBe('打开《A》 · 阅读《B》')
  })

  it('stops at three parts and says how many more', () => {
    const line = touchSummary([
      { type: 'open', at: at(9), contentTitle: 'A' }, { type: 'open', at: at(8), contentTitle: 'B' },
      { type: 'open', at: at(7), contentTitle: 'C' }, { type: 'open', at: at(6), contentTitle: 'D' }, { type: 'forward', at: at(5), contentTitle: 'D' },
    ])
    expect(line).toBe('打开《A》 · 打开《B》 · 打开《C》 等 2 项')
  })

  it('is empty without touchpoints', () => {
    expect(touchSummary([])).toBe('')
  })
})

describe('the card header', () => {
  it('dates the last touch from the newest touchpoint, not the due time', () => {
    const t = task('a', 5 * HOUR, { because: [{ type: 'open', at: iso(NOW - 3 * 86_400_000), contentTitle: 'A' }, { type: 'read_progress', at: iso(NOW - 2 * 86_400_000), contentTitle: 'A' }] })
    expect(lastTouchMs(t)).toBe(NOW - 2 * 86_400_000)
    expect(lastTouchMs(task('b', 0))).toBeNull()
  })

  it.each([
    [-30 * 60_000, '已逾期 30 分钟'],
    [-5 * HOUR, '已逾期 5 小时'],
    [-50 * HOUR, '已逾期 2 天'],
    [40 * 60_000, '40 分钟内'],
    [HOUR, '1 小时内'],
    [150 * 60_000, '3 小时内'],
    [5 * HOUR, '今天 15:00 前'],
    [23 * HOUR, '明天 09:00'],
    [72 * HOUR, '12月2日'],
  ])('says a task due in %i ms is "%s"', (dueIn, label) => {
    expect(dueLabel(iso(NOW + dueIn), NOW)).toBe(label)
  })

  it('marks only priority 1 as 优先', () => {
    expect([1, 2, 3, 4, 5].map((priority) => isPriority(task('a', 0, { priority })))).toEqual([true, false, false, false, false])
  })

  it('greets by the hour in Beijing and gives the date with the weekday', () => {
    expect(greeting(NOW)).toBe('早上好')
    expect(greeting(NOW + 4 * HOUR)).toBe('下午好')
    expect(greeting(NOW + 12 * HOUR)).toBe('晚上好')
    expect(dateLine(NOW)).toBe('11月29日 周日')
  })
})
