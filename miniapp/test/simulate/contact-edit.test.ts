import { json, loadPage, type Harness } from './harness'
import { agentSession } from './fixtures'
import { wangJie } from './contact-fixtures'

describe('the contact form (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const saved: unknown[] = []
  let answer: () => ReturnType<typeof json> = () => json(wangJie)
  beforeAll(async () => {
    const wx = (global as any).wx
    wx.navigateBack = (opts: any) => setTimeout(() => opts?.success?.({}), 0)
    wx.setNavigationBarTitle = (opts: any) => setTimeout(() => opts?.success?.({}), 0)
    h = await loadPage('agent/contact-edit/index', { id: 'c1' }, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/contacts/c1': () => json(wangJie),
      'PUT /api/contacts/c1': (req) => {
        saved.push(req.data)
        return answer()
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  const type = async (selector: string, value: string) => {
    h.page.querySelector(selector).dispatchEvent('input', { detail: { value } })
    await h.flush()
  }

  it('opens filled with what the server holds, the phone masked', () => {
    const text = h.text()
    for (const s of ['备注名 *', '真实姓名', '性别', '生日', '1985-03-08', '微信号', '关系', '手机号', '138****5678', '客户当面提供', '家庭成员（可投保）', '我的标签', 'P100', '已是微信好友', '已持有保单数']) {
      expect(text).toContain(s)
    }
    expect(JSON.stringify(h.instance.data)).toContain('王姐')
  })

  it('does not send a phone that is not 11 digits, and says so in Chinese', async () => {
    await h.tap('#edit-add-phone')
    await type('#edit-phone-1', '13900')
    await h.tap('#edit-save')
    expect(saved).toHaveLength(0)
    expect(h.toasts.at(-1)).toBe('请填写11位手机号')
  })

  it('saves the profile: held phone by id, the new one by number, a new tag, the friend flag', async () => {
    await type('#edit-phone-1', '13900001111')
    await type('#edit-remark', '王姐（同小区）')
    await type('#edit-tag', '高意向')
    await h.tap('#edit-add-tag')
    await h.tap('#edit-save')
    await h.flush(200)
    expect(saved).toHaveLength(1)
    expect(saved[0]).toEqual(expect.objectContaining({
      remarkName: '王姐（同小区）', realName: '王丽', gender: 'female', birthday: '1985-03-08', wechatId: 'wangli_85',
      phones: [{ phoneId: 'p1', basis: 'in_person' }, { phone: '13900001111', basis: 'in_person' }],
      familyMembers: [{ name: '小宝', relation: 'child', birthday: '2018-06-01', gender: 'male' }],
      agentTags: ['P100', '宝妈', '高意向'], wechatFriend: true, policiesHeld: 1,
    }))
    expect(h.toasts).toContain('已保存')
  })

  it('shows the server\'s Chinese reason when a phone belongs to another contact', async () => {
    answer = () => json({ error: { code: 'duplicate_phone', message: '该手机号已在客户「李总」名下', details: [] } }, 409)
    await h.tap('#edit-save')
    await h.flush(200)
    expect(h.toasts.at(-1)).toBe('该手机号已在客户「李总」名下')
  })
})
