import { json, loadPage, type Harness } from './harness'
import { viewerSession } from './fixtures'

describe('lead form with 使用微信手机号 (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const leads: any[] = []
  let refuseNext = false
  beforeAll(async () => {
    h = await loadPage('customer-info/lead/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/leads': (req) => {
        leads.push(req.data)
        if (refuseNext) {
          refuseNext = false
          return json({ error: { code: 'wechat_phone_code_invalid', message: 'the phone-number code is invalid, used or expired', details: [{ field: 'phoneCode', reason: '微信手机号授权已失效，请重新点击“使用微信手机号”' }] } }, 400)
        }
        return json({ leadId: 'lead-1', contactId: 'c1', name: '王女士', phone: '138****1234', phoneSource: 'wechat', budgetFen: null, insuredPerson: null, needs: [], createdAt: '2026-11-25T02:00:00Z' }, 201)
      },
    })
  })
  afterAll(() => h.unload())

  const getPhoneNumber = async (detail: object) => {
    const button = h.page.querySelector('#lead-wx-phone')
    if (!button) throw new Error('no 使用微信手机号 button')
    button.dispatchEvent('getphonenumber', { detail })
    await h.flush()
  }

  it('offers 使用微信手机号 beside the typed number', () => {
    expect(h.text()).toContain('使用微信手机号')
    expect(h.page.querySelector('#lead-phone')).toBeTruthy()
  })

  it('keeps the typed number when the person declines WeChat\'s phone sheet', async () => {
    await getPhoneNumber({ errMsg: 'getPhoneNumber:fail user deny' })
    expect(h.toasts).toContain('未使用微信手机号，可手动填写')
    expect(h.page.querySelector('#lead-phone')).toBeTruthy()
  })

  it('sends the getPhoneNumber code instead of a typed phone', async () => {
    h.page.querySelector('#lead-name').dispatchEvent('input', { detail: { value: '王女士' } })
    await getPhoneNumber({ code: 'wx-phone-code-1', errMsg: 'getPhoneNumber:ok' })
    expect(h.text()).toContain('已使用微信手机号')
    expect(h.page.querySelector('#lead-phone')).toBeFalsy()
    await h.tap('#lead-consent')
    refuseNext = true
    await h.tap('#lead-submit')
    await h.flush(100)
    expect(leads[0]).toMatchObject({ name: '王女士', phoneCode: 'wx-phone-code-1', consent: { given: true } })
    expect(leads[0]).not.toHaveProperty('phone')
  })

  it('when the server refuses the code, says why and lets the person tap again or type', async () => {
    expect(h.toasts).toContain('微信手机号授权已失效，请重新点击“使用微信手机号”')
    expect(h.page.querySelector('#lead-phone')).toBeTruthy()
    await getPhoneNumber({ code: 'wx-phone-code-2', errMsg: 'getPhoneNumber:ok' })
    await h.tap('#lead-submit')
    await h.flush(100)
    expect(leads[1]).toMatchObject({ phoneCode: 'wx-phone-code-2' })
    // The same form is the same lead: a retry after a refusal keeps its id.
    expect(leads[1].clientEventId).toBe(leads[0].clientEventId)
    expect(h.text()).toContain('提交成功')
  })
})
