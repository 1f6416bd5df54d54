import { json, loadPage, type Harness } from './harness'
import { viewerSession } from './fixtures'

describe('lead form (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const leads: any[] = []
  beforeAll(async () => {
    h = await loadPage('customer-info/lead/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/leads': (req) => {
        leads.push(req.data)
        return json({ leadId: 'lead-1', contactId: 'c1', name: '王女士', phone: '138****1234', budgetFen: null, insuredPerson: null, needs: [], createdAt: '2026-11-25T02:00:00Z' }, 201)
      },
    })
  })
  afterAll(() => h.unload())

  const type = async (selector: string, value: string) => {
    h.page.querySelector(selector).dispatchEvent('input', { detail: { value } })
    await h.flush()
  }

  it('shows the privacy text and a consent box that starts unticked', () => {
    expect(h.text()).toContain('个人信息保护说明')
    expect(h.text()).toContain('不提交不影响您继续阅读')
    expect(h.text()).toContain('暂不填写，继续阅读')
    const box = h.page.querySelector('#lead-consent')
    expect(box).toBeTruthy()
    expect(JSON.stringify(h.instance.data)).not.toMatch(/"checked":true/)
  })

  it('does not send a lead without consent', async () => {
    await type('#lead-name', '王女士')
    await type('#lead-phone', '13812341234')
    await h.tap('#lead-submit')
    expect(leads).toHaveLength(0)
    expect(h.toasts).toContain('请先阅读并勾选同意隐私说明')
  })

  it('sends the lead once consent is ticked', async () => {
    await h.tap('#lead-consent')
    await h.tap('#need-education')
    await type('#lead-budget', '1.5万')
    await h.tap('#lead-submit')
    await h.flush(100)
    expect(leads).toHaveLength(1)
    expect(leads[0]).toMatchObject({
      shareId: 'share-1',
      name: '王女士',
      phone: '13812341234',
      budgetFen: 1_500_000,
      needs: ['education'],
      consent: { given: true },
    })
    expect(leads[0].clientEventId).toMatch(/^[0-9a-f-]{36}$/)
    expect(h.text()).toContain('提交成功')
  })
})
