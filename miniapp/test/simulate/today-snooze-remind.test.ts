import type { TaskView } from '@kejing/shared'
import { json, loadPage, type Harness } from './harness'
import { agentSession, morningListPage } from './fixtures'

const ruleTask: TaskView = {
  taskId: 't1', contactId: 'c1', contactName: '张先生', cell: 'mid-high', stage: 5, action: '电话回访，确认重疾预算', channel: 'call',
  suggestedMessage: '张先生您好', dueAt: new Date(Date.now() + 2 * 3600_000).toISOString(), priority: 2, status: 'open', origin: 'rule', note: null, repeat: null,
  because: [{ type: 'read_complete', at: new Date(Date.now() - 20 * 60_000).toISOString(), contentTitle: '重疾险怎么选' }],
}
/** The agent's own weekly reminder, come due this morning. */
const reminder: TaskView = {
  ...ruleTask, taskId: 'r1', contactId: 'c2', contactName: '李女士', channel: 'message', action: '问问体检报告', note: '问问体检报告\n顺便提醒她续期',
  origin: 'reminder', repeat: 'weekly', priority: 2, because: [], dueAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
}

describe('Today: the snooze sheet and the reminder sheet (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const snoozed: unknown[] = []
  const created: unknown[] = []
  beforeAll(async () => {
    h = await loadPage('pages/today/index', {}, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/tasks/today': () => json(morningListPage([ruleTask, reminder])),
      'POST /api/tasks/[^/]+/snooze': (req) => {
        snoozed.push({ url: req.url, body: req.data })
        return json({ ...ruleTask, status: 'snoozed' })
      },
      'POST /api/reminders': (req) => {
        created.push(req.data)
        return json({ ...reminder, taskId: 'r2', contactId: 'c1', status: 'scheduled' }, 201)
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('marks the agent\'s own reminder 提醒 with its time, repeat and words, apart from rule tasks', () => {
    expect(h.page.querySelector('#task-r1 .task__reminder')?.dom.textContent).toBe('提醒')
    expect(h.page.querySelector('#task-t1 .task__reminder')).toBeFalsy()
    expect(h.page.querySelector('#task-r1 .task__set')?.dom.textContent).toMatch(/我设的提醒 (今天|明天) \d\d:\d\d · 每周/)
    expect(h.page.querySelector('#task-r1 .task__note')?.dom.textContent).toBe('问问体检报告\n顺便提醒她续期')
  })

  it('稍后 opens a sheet with 明天, 下周, a date and a reminder; 明天 snoozes by the named day', async () => {
    expect(h.page.querySelector('#snooze-sheet')).toBeFalsy()
    await h.tap('#task-t1 .task__snooze')
    expect(h.page.querySelector('#snooze-sheet')).toBeTruthy()
    const text = h.page.querySelector('#snooze-sheet')?.dom.textContent ?? ''
    for (const words of ['张先生 · 稍后再跟进', '明天', '下周', '选个日期', '设一个提醒…']) expect(text).toContain(words)
    await h.tap('#snooze-tomorrow')
    await h.flush(100)
    expect(snoozed).toEqual([{ url: '/api/tasks/t1/snooze', body: { preset: 'tomorrow' } }])
    expect(h.page.querySelector('#snooze-sheet')).toBeFalsy()
    expect(h.page.querySelector('#task-t1')).toBeFalsy()
  })

  it('设一个提醒… opens the reminder sheet; an empty note is refused on the sheet, a written one is sent for tomorrow 09:00', async () => {
    await h.tap('#task-r1 .task__snooze')
    await h.tap('#snooze-remind')
    expect(h.page.querySelector('#snooze-sheet')).toBeFalsy()
    expect(h.page.querySelector('#reminder-sheet')?.dom.textContent).toContain('提醒我跟进 李女士')
    await h.tap('#reminder-save')
    expect(h.page.querySelector('#reminder-error')?.dom.textContent).toBe('写一句要做什么，比如“问问体检报告”')
    expect(created).toEqual([])

    h.page.querySelector('#reminder-note')?.dispatchEvent('input', { detail: { value: '约周六面谈' } })
    await h.flush()
    await h.tap('#reminder-save')
    await h.flush(100)
    expect(created).toHaveLength(1)
    const body = created[0] as { contactId: string; dueAt: string; note: string; channel: string }
    expect(body).toMatchObject({ contactId: 'c2', note: '约周六面谈', channel: 'call' })
    // Tomorrow 09:00 China time.
    expect(new Date(Date.parse(body.dueAt) + 8 * 3600_000).toISOString().slice(11, 16)).toBe('09:00')
    expect(h.page.querySelector('#reminder-sheet')).toBeFalsy()
  })
})
