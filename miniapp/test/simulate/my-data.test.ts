import type { PersonalDataExport } from '@kejing/shared'
import { json, loadPage, recordDialAndClipboard, type Harness } from './harness'
import { viewerSession } from './fixtures'

const held: PersonalDataExport = {
  exportedAt: '2026-11-02T01:00:00.000Z',
  contacts: [{
    contactId: 'c1', agentName: '王晓梅', displayName: '林女士', createdAt: '2026-10-30T02:00:00.000Z', optedOut: false,
    scores: { trust: 42, intent: 55, cell: 'mid-mid', stage: 5, referralClass: 'indifferent' },
    leads: [{ leadId: 'l1', name: '林女士', phone: '13812341234', phoneSource: 'wechat', budgetFen: 800000, insuredPerson: '本人', needs: ['critical_illness'], createdAt: '2026-10-31T02:00:00.000Z' }],
    consents: [], touchpoints: [{ type: 'open', occurredAt: '2026-10-30T02:00:00.000Z', depthPct: null, dwellMs: null }], tasks: [], notes: [], phones: [], messages: [],
  }],
  verifiedPhones: [],
}
const consent = { consentId: 'k1', contactId: 'c1', kind: 'health', textVersion: 'health-2026-01', purpose: '根据健康相关需求推荐保障', givenAt: '2026-10-31T02:00:00.000Z', withdrawnAt: null }

describe('我的信息 (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const modals: { title: string; content: string }[] = []
  let answer = true
  const { clipboard } = recordDialAndClipboard()
  beforeAll(async () => {
    const wx = (global as any).wx
    wx.showModal = (opts: any) => {
      modals.push({ title: opts.title, content: opts.content })
      setTimeout(() => opts?.success?.({ confirm: answer, cancel: !answer, errMsg: 'showModal:ok' }), 0)
    }
    h = await loadPage('customer-info/my-data/index', {}, {
      'POST /api/auth/login': () => json(viewerSession),
      'GET /api/privacy/me/export': () => json(held),
      'GET /api/privacy/me/consents': () => json([consent]),
      'POST /api/privacy/me/consents/k1/withdraw': () => json({ ...consent, withdrawnAt: '2026-11-02T01:00:00.000Z' }),
      'POST /api/privacy/me/opt-out': () => json({ optedOut: true, contacts: 1 }),
      'DELETE /api/privacy/me': () => json({ requestId: 'r', deleted: { contacts: 1, leads: 1, consents: 1, touchpoints: 1, tasks: 0, stageChanges: 2, notes: 0, phones: 0, messages: 0, notices: 0 } }),
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())
  const calls = (method: string, path: string) => h.requests.filter((r) => r.method === method && r.path === path)

  it('says what is held, per adviser, in words, with the phone half hidden', () => {
    const text = h.text()
    expect(text).toContain('我们保存了您的哪些信息')
    expect(text).toContain('顾问 王晓梅')
    expect(text).toContain('阅读和互动记录 1 条')
    expect(text).toContain('138****1234')
    expect(text).not.toContain('13812341234')
    expect(text).toContain('健康相关需求授权')
  })

  it('exports everything to the clipboard', async () => {
    await h.tap('#export')
    await h.flush(100)
    expect(JSON.parse(clipboard[0] ?? '{}')).toEqual(held)
  })

  it('withdraws a consent only after a confirmation that says what it removes', async () => {
    answer = false
    await h.tap('#withdraw-k1')
    await h.flush(100)
    expect(modals.at(-1)?.content).toContain('健康相关需求')
    expect(calls('POST', '/api/privacy/me/consents/k1/withdraw')).toHaveLength(0)
    answer = true
    await h.tap('#withdraw-k1')
    await h.flush(100)
    expect(calls('POST', '/api/privacy/me/consents/k1/withdraw')).toHaveLength(1)
  })

  it('opts out after confirming', async () => {
    h.page.querySelector('#opt-out')?.dispatchEvent('change', { detail: { value: true } })
    await h.flush(300)
    expect(modals.at(-1)?.title).toBe('不再接收个性化跟进？')
    expect(calls('POST', '/api/privacy/me/opt-out')).toHaveLength(1)
  })

  it('erases only after two confirmations, then says what was removed', async () => {
    answer = false
    await h.tap('#erase')
    await h.flush(100)
    expect(calls('DELETE', '/api/privacy/me')).toHaveLength(0)
    answer = true
    const before = modals.length
    await h.tap('#erase')
    await h.flush(150)
    expect(modals.slice(before).map((m) => m.title)).toEqual(['删除我的全部信息？', '最后确认'])
    expect(calls('DELETE', '/api/privacy/me')).toHaveLength(1)
    expect(h.page.querySelector('#my-data-erased')?.dom.textContent).toContain('已删除：1 位顾问处的档案、1 条阅读互动记录、1 条留资。')
  })
})
