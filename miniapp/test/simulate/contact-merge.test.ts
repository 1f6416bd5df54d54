import type { ContactMergeView } from '@kejing/shared'
import { json, loadPage, type Harness } from './harness'
import { agentSession } from './fixtures'
import { summary, wangJie } from './contact-fixtures'

const visitor = summary('c9', '微信访客F8CC', { source: 'share' })
const merged = (undone: boolean): ContactMergeView => ({
  mergeId: 'm1', intoContactId: 'c1', fromContactId: 'c9', fromName: '微信访客F8CC', reason: 'manual', moved: { touchpoints: 3, notes: 0 },
  mergedAt: new Date().toISOString(), undoableUntil: undone ? null : new Date(Date.now() + 7 * 86_400_000).toISOString(), undoneAt: undone ? new Date().toISOString() : null,
})

describe('合并 and 撤销合并 on the contact page (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  let merges: ContactMergeView[] = []
  const sent: { method: string; path: string; data: unknown }[] = []
  const searches: string[] = []
  beforeAll(async () => {
    const wx = (global as any).wx
    wx.showModal = (opts: any) => setTimeout(() => opts?.success?.({ confirm: true, cancel: false, errMsg: 'showModal:ok' }), 0)
    h = await loadPage('agent/contact/index', { id: 'c1' }, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/contacts/c1': () => json(wangJie),
      'GET /api/contacts/c1/deal-index': () => json({ error: { code: 'not_found', message: '不存在' } }, 404),
      'GET /api/contacts/c1/merges': () => json(merges),
      'GET /api/contacts': (req) => {
        searches.push(req.url)
        return json({ items: [summary('c1', '王姐'), visitor], total: 2, page: 1, pageSize: 20 })
      },
      'POST /api/contacts/c1/merge': (req) => {
        sent.push({ method: 'POST', path: req.url, data: req.data })
        merges = [merged(false)]
        return json(merges[0], 201)
      },
      'POST /api/contact-merges/m1/undo': (req) => {
        sent.push({ method: 'POST', path: req.url, data: req.data })
        merges = [merged(true)]
        return json(merges[0])
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('offers 合并 and explains when to use it', () => {
    expect(h.text()).toContain('合并客户')
    expect(h.text()).toContain('可合并为一位')
  })

  it('picks the other contact by search (never the contact itself) and merges it in after confirming', async () => {
    await h.tap('#merge-open')
    await h.flush(500)
    expect(searches.length).toBeGreaterThan(0)
    expect(h.page.querySelector('#merge-pick-c1')).toBeFalsy()
    await h.tap('#merge-pick-c9')
    await h.flush(300)
    expect(sent).toEqual([{ method: 'POST', path: '/api/contacts/c1/merge', data: { fromContactId: 'c9' } }])
    expect(h.toasts).toContain('已合并')
    expect(h.text()).toContain('已合并「微信访客F8CC」')
    expect(h.text()).toContain('撤销合并')
  })

  it('撤销合并 undoes it after confirming, and the offer goes', async () => {
    await h.tap('#merge-undo-m1')
    await h.flush(300)
    expect(sent.at(-1)).toEqual(expect.objectContaining({ path: '/api/contact-merges/m1/undo' }))
    expect(h.toasts).toContain('已撤销合并')
    expect(h.page.querySelector('#merge-undo-m1')).toBeFalsy()
  })
})
