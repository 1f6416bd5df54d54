import type { NoticeListView, NoticeView } from '@kejing/shared'
import { json, loadPage, type Harness } from './harness'
import { agentSession } from './fixtures'

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString()
const lead: NoticeView = {
  noticeId: 'n1', kind: 'lead', title: '周女士', body: '留下了联系方式，请尽快电话回访', contactId: 'c1', page: 'agent/contact/index?id=c1',
  createdAt: at(5), readAt: null, push: 'sent',
}
const message: NoticeView = {
  noticeId: 'n2', kind: 'message', title: '王先生', body: '孩子的重疾险怎么配？', contactId: 'c2', page: 'agent/contact/index?id=c2',
  createdAt: at(30), readAt: null, push: 'queued',
}
const reminder: NoticeView = {
  noticeId: 'n3', kind: 'reminder', title: '李姐', body: '生日问候', contactId: null, page: 'agent/notices/index', createdAt: at(60 * 26), readAt: at(60), push: 'no_grant',
}

describe('消息 (agent/notices, compiled weapp)', () => {
  let h: Harness
  const read: string[] = []
  let readAll = 0
  beforeAll(async () => {
    h = await loadPage('agent/notices/index', {}, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/notifications': () => json({ items: [lead, message, reminder], unread: 2 } satisfies NoticeListView),
      'POST /api/notifications/[^/]+/read': (req) => {
        read.push(req.url)
        return json({ marked: 1, unread: 1 })
      },
      'POST /api/notifications/read-all': () => {
        readAll += 1
        return json({ marked: 1, unread: 0 })
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('lists every notice newest first with its kind, whom it is about, what happened, and how the WeChat push went', () => {
    const text = h.text()
    expect(text).toContain('2 条未读')
    expect(h.page.querySelector('#notice-n1')?.dom.textContent).toMatch(/新线索周女士.*留下了联系方式，请尽快电话回访已推送到微信/)
    expect(h.page.querySelector('#notice-n2')?.dom.textContent).toContain('免打扰时段后推送')
    expect(h.page.querySelector('#notice-n3')?.dom.textContent).toContain('未开启微信提醒')
    expect(h.page.querySelectorAll('.notice--unread')).toHaveLength(2)
  })

  it('tapping an unread notice marks it read and opens the contact', async () => {
    await h.tap('#notice-n1')
    await h.flush(100)
    expect(read).toEqual(['/api/notifications/n1/read'])
    expect(h.navigations).toContain('/agent/contact/index?id=c1')
    expect(h.text()).toContain('1 条未读')
    expect(h.page.querySelectorAll('.notice--unread')).toHaveLength(1)
  })

  it('全部已读 clears the count', async () => {
    await h.tap('#read-all')
    await h.flush(100)
    expect(readAll).toBe(1)
    expect(h.text()).toContain('没有未读消息')
    expect(h.page.querySelectorAll('.notice--unread')).toHaveLength(0)
  })

  it('links to the WeChat reminder settings', async () => {
    await h.tap('#notice-settings')
    expect(h.navigations).toContain('/agent/notice-settings/index')
  })
})
