import type { NotificationSettingsView } from '@kejing/shared'
import { json, loadPage, type Harness } from './harness'
import { agentSession } from './fixtures'

const settings: NotificationSettingsView = {
  quietStart: '22:00', quietEnd: '08:00', dailyCap: 10, sentToday: 2,
  templates: [
    { template: 'activity', templateId: 'tmpl-a', kinds: ['lead', 'high_intent', 'referral'], remaining: 0 },
    { template: 'message', templateId: 'tmpl-m', kinds: ['message'], remaining: 1 },
    { template: 'reminder', templateId: 'tmpl-r', kinds: ['reminder'], remaining: 0 },
  ],
}

describe('微信提醒设置 (agent/notice-settings, compiled weapp)', () => {
  let h: Harness
  const grants: unknown[] = []
  const updates: unknown[] = []
  const asked: string[][] = []
  beforeAll(async () => {
    const wx = (global as any).wx
    wx.requestSubscribeMessage = (opts: any) => {
      asked.push(opts.tmplIds)
      setTimeout(() => opts.success?.({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-a': 'accept', 'tmpl-m': 'reject', 'tmpl-r': 'accept', 'not-ours': 'accept' }), 0)
    }
    h = await loadPage('agent/notice-settings/index', {}, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/notifications/settings': () => json(settings),
      'POST /api/notifications/grants': (req) => {
        grants.push(req.data)
        return json({ ...settings, templates: settings.templates.map((t) => ({ ...t, remaining: t.template === 'message' ? 0 : 1 })) })
      },
      'PUT /api/notifications/settings': (req) => {
        updates.push(req.data)
        return json({ ...settings, ...(req.data as object) })
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('shows each template with the kinds it carries and the pushes left', () => {
    expect(h.page.querySelector('#template-activity')?.dom.textContent).toBe('新线索 · 高意向 · 转介绍可推送 0 次')
    expect(h.page.querySelector('#template-message')?.dom.textContent).toBe('留言可推送 1 次')
    expect(h.text()).toContain('今天已推送 2 条')
  })

  it('asks WeChat for the three configured templates in one call and records exactly what it answered', async () => {
    await h.tap('#subscribe')
    await h.flush(100)
    expect(asked).toEqual([['tmpl-a', 'tmpl-m', 'tmpl-r']])
    expect(grants).toEqual([{ results: { 'tmpl-a': 'accept', 'tmpl-m': 'reject', 'tmpl-r': 'accept' } }])
    expect(h.page.querySelector('#template-activity')?.dom.textContent).toContain('可推送 1 次')
    expect(h.toasts).toContain('已开启 2 类提醒')
  })

  it('saves the daily cap and quiet hours', async () => {
    await h.tap('#cap-5')
    await h.tap('#save-settings')
    await h.flush(100)
    expect(updates).toEqual([{ quietStart: '22:00', quietEnd: '08:00', dailyCap: 5 }])
  })
})
