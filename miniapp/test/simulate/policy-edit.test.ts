import { json, loadPage, type Harness } from './harness'
import { agentSession } from './fixtures'
import { wangJie } from './contact-fixtures'

describe('the policy form (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const saved: unknown[] = []
  beforeAll(async () => {
    const wx = (global as any).wx
    wx.navigateBack = (opts: any) => setTimeout(() => opts?.success?.({}), 0)
    wx.setNavigationBarTitle = (opts: any) => setTimeout(() => opts?.success?.({}), 0)
    h = await loadPage('agent/policy-edit/index', { contactId: 'c1' }, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/contacts/c1': () => json(wangJie),
      'POST /api/contacts/c1/policies': (req) => {
        saved.push(req.data)
        return json({ ...(req.data as object), policyId: 'new' }, 201)
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  const type = async (selector: string, value: string) => {
    h.page.querySelector(selector).dispatchEvent('input', { detail: { value } })
    await h.flush()
  }
  const pick = async (selector: string, value: number | string) => {
    h.page.querySelector(`${selector}-picker`).dispatchEvent('change', { detail: { value } })
    await h.flush()
  }

  it('asks for every field in Chinese, the insured from the contact\'s family', () => {
    const text = h.text()
    for (const s of ['产品名称 *', '需求类别 *', '重疾', '保险公司 *', '保单号 *', '被保险人 *', '本人', '年缴保费（元） *', '趸交', '年交', '月交', '缴费年期（年） *', '生效日期 *', '签单日期', '下次缴费日', '按生效日期和缴费方式自动推算']) {
      expect(text).toContain(s)
    }
  })

  it('does not send a policy without its product and number, and says what is missing', async () => {
    await h.tap('#policy-save')
    expect(saved).toHaveLength(0)
    expect(h.toasts.at(-1)).toBe('必填，最多 60 字')
    expect(h.text()).toContain('保单号为 6–40 位字母或数字')
  })

  it('records a policy for a family member, the premium in fen, with a client event id', async () => {
    await type('#policy-product', '金色童年教育金')
    await pick('#policy-need', 5)
    await type('#policy-insurer', '客经人寿')
    await type('#policy-number', 'EDU20260001')
    await pick('#policy-insured', 1)
    await type('#policy-premium', '12000')
    await type('#policy-term', '10')
    await h.tap('#policy-save')
    await h.flush(200)
    expect(saved).toHaveLength(1)
    expect(saved[0]).toEqual(expect.objectContaining({
      productName: '金色童年教育金', need: 'education', insurer: '客经人寿', policyNumber: 'EDU20260001', insuredRelation: 'child', insuredName: '小宝',
      annualPremiumFen: 1_200_000, paymentFrequency: 'annual', paymentTermYears: 10, nextPremiumDate: null, clientEventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    }))
    expect(h.toasts).toContain('已保存')
  })
})
