import type { TaskView } from '@kejing/shared'
import { json, loadPage, type Harness } from './harness'
import { agentSession, morningListPage } from './fixtures'

const HOUR = 3600_000
const ASOF = Date.now()
const taskOf = (n: number, dueInHours: number): TaskView => ({
  taskId: `t${n}`, contactId: `c${n}`, contactName: `客户${n}`, cell: 'mid-mid', stage: 3, action: '私聊问候', channel: 'message',
  suggestedMessage: '您好', dueAt: new Date(ASOF + dueInHours * HOUR).toISOString(), priority: 3, status: 'open', origin: 'rule', note: null, repeat: null,
  because: [{ type: 'read_complete', at: new Date(ASOF - HOUR).toISOString(), contentTitle: '重疾险怎么选' }],
})
/** A list of five: two overdue and one due today on the first page, one today and one due tomorrow on the second. */
const first = [taskOf(1, -3), taskOf(2, -1), taskOf(3, 2)]
const second = [taskOf(4, 4), taskOf(5, 30)]
const counts = { overdue: 2, today: 2, later: 1 }

describe('Today, a page at a time (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await loadPage('pages/today/index', {}, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/notifications/unread-count': () => json({ unread: 0 }),
      'GET /api/tasks/today': (req) =>
        req.url.includes('after=page-2')
          ? json({ ...morningListPage(second, { total: 5, asOfMs: ASOF }), sections: counts })
          : json({ ...morningListPage(first, { total: 5, next: 'page-2', asOfMs: ASOF }), sections: counts }),
      'POST /api/tasks/[^/]+/done': () => json({ ...first[0], status: 'done' }),
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())
  const titles = () => h.page.querySelectorAll('.today__section-title').map((el: any) => el.dom.textContent)
  const shown = () => h.page.querySelectorAll('.task__contact').map((el: any) => el.dom.textContent)

  it('shows the first page, the whole list\'s count, each section\'s count, and how many are left', () => {
    expect(shown()).toEqual(['客户1', '客户2', '客户3'])
    expect(h.page.querySelector('.today__count')?.dom.textContent).toBe('5')
    expect(titles()).toEqual(['逾期2', '今天2'])
    expect(h.page.querySelector('#today-more')?.dom.textContent).toBe('还有 2 位客户 · 加载更多')
    const asked = h.requests.filter((r) => r.path.startsWith('/api/tasks/today')).map((r) => r.path)
    expect(asked.length).toBeGreaterThan(0)
    expect(new Set(asked)).toEqual(new Set(['/api/tasks/today?limit=20']))
  })

  it('加载更多 asks for the page after the last one shown and appends it under its sections', async () => {
    await h.tap('#today-more')
    await h.flush(100)
    expect(h.requests.at(-1)?.path).toBe('/api/tasks/today?limit=20&after=page-2')
    expect(shown()).toEqual(['客户1', '客户2', '客户3', '客户4', '客户5'])
    expect(titles()).toEqual(['逾期2', '今天2', '稍后1'])
    expect(h.page.querySelector('#today-more')).toBeFalsy()
  })

  it('a task done leaves the list and its section\'s count', async () => {
    await h.tap('#task-t1 .task__btn--done')
    await h.flush(100)
    expect(shown()).toEqual(['客户2', '客户3', '客户4', '客户5'])
    expect(h.page.querySelector('.today__count')?.dom.textContent).toBe('4')
    expect(titles()).toEqual(['逾期1', '今天2', '稍后1'])
  })
})
