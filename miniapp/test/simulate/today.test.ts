import type { TaskView } from '@kejing/shared'
import { json, loadPage, type Harness } from './harness'
import { agentSession } from './fixtures'

const task: TaskView = {
  taskId: 't1',
  contactId: 'c1',
  contactName: '张先生',
  cell: 'mid-high',
  stage: 5,
  action: '电话回访，确认重疾预算',
  suggestedMessage: '张先生您好，看到您关注重疾保障，方便时我为您做个方案对比？',
  dueAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  priority: 2,
  status: 'open',
  because: [{ type: 'lead_submit', at: new Date(Date.now() - 10 * 60_000).toISOString(), contentTitle: '重疾险怎么选' }],
}

describe('Today (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const done: string[] = []
  beforeAll(async () => {
    h = await loadPage('pages/today/index', {}, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/tasks/today': () => json([task]),
      'POST /api/tasks/[^/]+/done': (req) => {
        done.push(req.url)
        return json({ ...task, status: 'done' })
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('lists the task with who, why and the suggested message, in Chinese', () => {
    const text = h.text()
    expect(text).toContain('张先生')
    expect(text).toContain('唤醒需求')
    expect(text).toContain('中信任·高意向')
    expect(text).toContain('留资')
    expect(text).toContain('《重疾险怎么选》')
    expect(text).toContain('复制话术')
  })

  it('marks the task done and removes it from the list', async () => {
    const btn = h.page.querySelector('#task-t1')
    expect(btn).toBeTruthy()
    const doneButton = [...h.page.dom.querySelectorAll('*')].find((el: any) => el.textContent === '完成' && el.children.length === 0)
    expect(doneButton).toBeTruthy()
    await h.tap('#task-t1 .btn-primary')
    await h.flush(100)
    expect(done).toEqual(['/api/tasks/t1/done'])
    expect(h.text()).not.toContain('张先生')
  })
})
