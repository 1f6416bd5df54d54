import type { ContactDetailView, TimelineItemView } from '@kejing/shared'
import { json, loadPage, recordDialAndClipboard, type Harness } from './harness'
import { agentSession } from './fixtures'
import { wangJie } from './contact-fixtures'

describe('the contact page: profile, 拨打, 复制微信号, notes in the timeline (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  let current: ContactDetailView = wangJie
  const { calls, clipboard } = recordDialAndClipboard()
  const notesSent: { method: string; path: string; data: unknown }[] = []
  beforeAll(async () => {
    const wx = (global as any).wx
    wx.showModal = (opts: any) => setTimeout(() => opts?.success?.({ confirm: true, cancel: false, errMsg: 'showModal:ok' }), 0)
    const note = (req: { method: string; url: string; data: unknown }) => {
      notesSent.push({ method: req.method, path: req.url, data: req.data })
      if (req.method === 'POST') {
        const added: TimelineItemView = { eventId: 'n2', type: 'note', occurredAt: new Date().toISOString(), contentTitle: null, depthPct: null, dwellMs: null, note: (req.data as { body: string }).body, noteAuthorName: '李娜', mine: true }
        current = { ...current, timeline: [added, ...current.timeline] }
      }
      if (req.method === 'DELETE') current = { ...current, timeline: current.timeline.filter((i) => !req.url.endsWith(`/${i.eventId}`)) }
      return json({}, req.method === 'POST' ? 201 : req.method === 'DELETE' ? 204 : 200)
    }
    h = await loadPage('agent/contact/index', { id: 'c1' }, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/contacts/c1': () => json(current),
      'GET /api/contacts/c1/deal-index': () => json({ error: { code: 'not_found', message: '不存在' } }, 404),
      'POST /api/contacts/c1/reveal-phone': () => json({ phone: '13812345678', from: 'agent' }),
      'POST /api/contacts/c1/notes': note,
      'PUT /api/contacts/c1/notes/[^/]+': note,
      'DELETE /api/contacts/c1/notes/[^/]+': note,
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('shows the profile in Chinese with the phone masked', () => {
    const text = h.text()
    for (const s of ['客户档案', '王丽', '女', '1985-03-08', '138****5678（客户当面提供）', 'wangli_85', '大学同学', '手动添加', '已是好友', '1张', '小宝（子女·男·2018-06-01）', 'P100']) {
      expect(text).toContain(s)
    }
    expect(text).not.toContain('13812345678')
    expect(h.requests.some((r) => r.path.includes('reveal-phone'))).toBe(false)
  })

  it('拨打 reveals the number (one audited request) and calls it', async () => {
    await h.tap('#contact-call')
    await h.flush(100)
    expect(h.requests.filter((r) => r.path === '/api/contacts/c1/reveal-phone')).toHaveLength(1)
    expect(calls).toEqual(['13812345678'])
  })

  it('复制微信号 copies the WeChat id', async () => {
    await h.tap('#contact-copy-wechat')
    await h.flush(100)
    expect(clipboard).toEqual(['wangli_85'])
    expect(h.toasts).toContain('微信号已复制')
  })

  it('编辑资料 opens the form for this contact', async () => {
    await h.tap('#contact-edit')
    expect(h.navigations.at(-1)).toBe('/agent/contact-edit/index?id=c1')
  })

  it('shows notes in the timeline; only the agent\'s own have 编辑 and 删除', () => {
    expect(h.text()).toContain('跟进记录 · 李娜')
    expect(h.text()).toContain('孩子明年上小学，关注教育金')
    expect(h.text()).toContain('组长补充：上次见面聊过')
    expect(h.page.querySelector('#timeline-n1 .note-edit')).toBeTruthy()
    expect(h.page.querySelector('#timeline-n0 .note-edit')).toBeFalsy()
    expect(h.page.querySelector('#timeline-n0 .note-delete')).toBeFalsy()
  })

  it('writes a note, which then shows in the timeline', async () => {
    h.page.querySelector('#note-new').dispatchEvent('input', { detail: { value: '周六约了面谈' } })
    await h.flush()
    await h.tap('#note-save')
    await h.flush(200)
    expect(notesSent.at(-1)).toEqual({ method: 'POST', path: '/api/contacts/c1/notes', data: { body: '周六约了面谈' } })
    expect(h.text()).toContain('周六约了面谈')
  })

  it('a second tap on 保存 while the first is on its way sends the note once', async () => {
    const before = notesSent.filter((r) => r.method === 'POST').length
    h.page.querySelector('#note-new').dispatchEvent('input', { detail: { value: '下周二回电话' } })
    await h.flush()
    const save = h.page.querySelector('#note-save')
    save.dispatchEvent('tap')
    save.dispatchEvent('tap')
    await h.flush(200)
    expect(notesSent.filter((r) => r.method === 'POST').length - before).toBe(1)
    expect(h.toasts.at(-1)).toBe('已保存')
  })

  it('deletes the agent\'s own note after confirming', async () => {
    await h.tap('#timeline-n1 .note-delete')
    await h.flush(200)
    expect(notesSent.at(-1)).toEqual(expect.objectContaining({ method: 'DELETE', path: '/api/contacts/c1/notes/n1' }))
    expect(h.text()).not.toContain('孩子明年上小学，关注教育金')
  })
})
