import { json, loadPage, type Harness } from './harness'
import { agentSession } from './fixtures'
import { wangJie, wangJiePolicies, wangJieReferrals } from './contact-fixtures'

describe('the contact page: 保单 and 转介绍 (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await loadPage('agent/contact/index', { id: 'c1' }, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/contacts/c1': () => json(wangJie),
      'GET /api/contacts/c1/deal-index': () => json({ error: { code: 'not_found', message: '不存在' } }, 404),
      'GET /api/contacts/c1/policies': () => json(wangJiePolicies),
      'GET /api/contacts/c1/referrals': () => json(wangJieReferrals),
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('lists the policies in Chinese with the numbers masked, the insured, premium and next premium date', () => {
    const text = h.text()
    for (const s of ['保单（2）', '守护重疾 2026', '重疾 · 客经人寿 · 保单号 ****0123', '被保险人 本人（王姐）', '年交', '¥5,000/年', '下次缴费 2027-03-15',
      '金色童年教育金', '被保险人 子女小宝', '有效']) {
      expect(text).toContain(s)
    }
  })

  it('登记保单 opens the policy form for this contact; a policy opens it to edit', async () => {
    await h.tap('#policy-add')
    expect(h.navigations.at(-1)).toBe('/agent/policy-edit/index?contactId=c1')
    await h.tap('#policy-pol2')
    expect(h.navigations.at(-1)).toBe('/agent/policy-edit/index?contactId=c1&policyId=pol2')
  })

  it('shows who brought the contact and the whole tree of those they brought', () => {
    const text = h.text()
    expect(text).toContain('由 老同学陈 介绍而来')
    expect(text).toContain('带来 3 位新客户，其中 2 位已互动')
    for (const s of ['└ 陈姐', '被动推荐', '└ 小林', '└ 刘哥', '未互动']) expect(text).toContain(s)
  })

  it('opens a referred contact from the tree', async () => {
    await h.tap('#referral-c3')
    expect(h.navigations.at(-1)).toBe('/agent/contact/index?id=c3')
  })
})
