import type { TaskView } from '@kejing/shared'
import { json, loadPage, recordDialAndClipboard, type Harness } from './harness'
import { agentSession, morningListPage } from './fixtures'

const task: TaskView = {
  taskId: 't1',
  contactId: 'c1',
  contactName: '张先生',
  cell: 'mid-high',
  stage: 5,
  action: '电话回访，确认重疾预算',
  channel: 'call',
  suggestedMessage: '张先生您好，看到您关注重疾保障，方便时我为您做个方案对比？',
  dueAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  priority: 1,
  status: 'open',
  origin: 'rule',
  note: null,
  repeat: null,
  because: [
    { type: 'read_complete', at: new Date(Date.now() - 20 * 60_000).toISOString(), contentTitle: '重疾险怎么选' },
    { type: 'lead_submit', at: new Date(Date.now() - 10 * 60_000).toISOString(), contentTitle: '重疾险怎么选' },
  ],
}
/** A quieter follow-up due tomorrow: a message, not marked 优先. */
const later: TaskView = {
  ...task, taskId: 't2', contactId: 'c2', contactName: '李女士', channel: 'message', priority: 3, stage: 2,
  action: '私聊问候', suggestedMessage: '李女士，最近好吗？', dueAt: new Date(Date.now() + 36 * 3600_000).toISOString(),
  because: [{ type: 'open', at: new Date(Date.now() - 3 * 86_400_000).toISOString(), contentTitle: '教育金怎么存' }],
}

describe('Today (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const done: string[] = []
  const { calls, clipboard } = recordDialAndClipboard()
  beforeAll(async () => {
    h = await loadPage('pages/today/index', {}, {
      'POST /api/contacts/c1/reveal-phone': () => json({ phone: '13812345678', from: 'lead' }),
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/tasks/today': () => json(morningListPage([task, later])),
      'GET /api/notifications/unread-count': () => json({ unread: 3 }),
      'POST /api/tasks/[^/]+/done': (req) => {
        done.push(req.url)
        return json({ ...task, status: 'done' })
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())
  const textOf = (selector: string): string | undefined => h.page.querySelector(selector)?.dom.textContent

  it('lists each task in one glance: who, 优先 on the hot lead, one line of what happened, and its own action as the button', () => {
    const text = h.text()
    expect(text).toContain('张先生')
    expect(text).toContain('优先')
    expect(text).toContain('读完《重疾险怎么选》 · 留资')
    expect(text).toContain('唤醒需求')
    expect(textOf('#task-t1 .btn-primary')).toBe('拨打')
    expect(textOf('#task-t2 .btn-primary')).toBe('复制话术')
    expect(h.page.querySelectorAll('.task__hot')).toHaveLength(1)
  })

  it('shows 消息 with the unread count, and opens the message list', async () => {
    expect(textOf('#notice-badge')).toBe('3')
    await h.tap('#notice-entry')
    expect(h.navigations).toContain('/agent/notices/index')
  })

  it('groups the list into 逾期 and 稍后, and dates the last touch, not the due time', () => {
    const titles = h.page.querySelectorAll('.today__section-title').map((el: any) => el.dom.textContent)
    expect(titles).toEqual(['逾期1', '稍后1'])
    expect(textOf('#task-t1 .task__when')).toBe('10分钟前')
    expect(textOf('#task-t2 .task__when')).toMatch(/^\d+月\d+日 \d\d:\d\d$/)
  })

  it('拨打 on a call task reveals the number (one audited request) and dials it', async () => {
    await h.tap('#task-t1 .btn-primary')
    await h.flush(100)
    expect(h.requests.filter((r) => r.path === '/api/contacts/c1/reveal-phone')).toHaveLength(1)
    expect(calls).toEqual(['13812345678'])
  })

  it('复制话术 on a message task copies the suggested message', async () => {
    await h.tap('#task-t2 .btn-primary')
    await h.flush(100)
    expect(clipboard).toEqual(['李女士，最近好吗？'])
  })

  it('marks the task done and removes it from the list', async () => {
    const btn = h.page.querySelector('#task-t1')
    expect(btn).toBeTruthy()
    const doneButton = [...h.page.dom.querySelectorAll('*')].find((el: any) => el.textContent === '完成' && el.children.length === 0)
    expect(doneButton).toBeTruthy()
    await h.tap('#task-t1 .task__btn--done')
    await h.flush(100)
    expect(done).toEqual(['/api/tasks/t1/done'])
    expect(h.text()).not.toContain('张先生')
  })
})
