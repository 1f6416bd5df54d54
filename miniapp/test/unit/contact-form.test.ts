import type { ContactDetailView } from '@kejing/shared'
import { addTag, EMPTY_CONTACT_FORM, formFromContact, toCreateRequest, toUpdateRequest, validateContactForm, type ContactFormState } from '../../src/forms/contact-form'

const form = (patch: Partial<ContactFormState>): ContactFormState => ({ ...EMPTY_CONTACT_FORM, remarkName: '王姐', ...patch })

describe('the contact form', () => {
  it.each<[string, Partial<ContactFormState>, string, string]>([
    ['no remark name', { remarkName: '  ' }, 'remarkName', '请填写备注名'],
    ['a short phone', { phones: [{ phone: '1381234', basis: 'in_person' }] }, 'phones', '请填写11位手机号'],
    ['the same phone twice', { phones: [{ phone: '13812345678', basis: 'in_person' }, { phone: '13812345678', basis: 'business_card' }] }, 'phones', '同一个手机号填了两次'],
    ['a WeChat id WeChat refuses', { wechatId: '微信号' }, 'wechatId', '微信号为6–20位字母、数字、下划线或减号，以字母开头'],
    ['a family member without a name', { familyMembers: [{ name: ' ', relation: 'child', birthday: null, gender: null }] }, 'familyMembers', '请填写家庭成员的称呼'],
    ['policies held that are not a count', { policiesHeld: '1.5' }, 'policiesHeld', '持有保单数请填0–99'],
  ])('says what is wrong in Chinese: %s', (_name, patch, field, message) => {
    expect(validateContactForm(form(patch))).toEqual({ [field]: message })
  })

  it('accepts a complete, well-formed form', () => {
    expect(validateContactForm(form({ phones: [{ phone: '13812345678', basis: 'in_person' }], wechatId: 'wang_li85', birthday: '1985-03-08', policiesHeld: '2' }))).toEqual({})
  })

  it('sends held phones by id and new ones by number, and clears emptied fields with null', () => {
    const body = toUpdateRequest(form({ realName: ' ', phones: [{ phoneId: 'p1', masked: '138****5678', phone: '', basis: 'lead_form' }, { phone: '13900001111', basis: 'in_person' }], policiesHeld: '3' }))
    expect(body).toEqual(expect.objectContaining({
      remarkName: '王姐', realName: null, phones: [{ phoneId: 'p1', basis: 'lead_form' }, { phone: '13900001111', basis: 'in_person' }], policiesHeld: 3,
    }))
  })

  it('adds by hand with only what was filled in', () => {
    expect(toCreateRequest(form({ agentTags: ['P100'], phones: [{ phone: '13900001111', basis: 'business_card' }] }))).toEqual({
      remarkName: '王姐', phones: [{ phone: '13900001111', basis: 'business_card' }], familyMembers: [], agentTags: ['P100'], wechatFriend: false, policiesHeld: 0,
    })
  })

  it('fills from the server with phones masked and never a full number', () => {
    const filled = formFromContact({
      profile: {
        remarkName: '王姐', realName: null, gender: 'female', birthday: null, wechatId: null, relationship: null, source: 'manual', referredBy: null,
        phones: [{ phoneId: 'p1', masked: '138****5678', basis: 'in_person' }], familyMembers: [], agentTags: ['宝妈'], wechatFriend: true, policiesHeld: 1,
      },
    } as unknown as ContactDetailView)
    expect(filled).toEqual(expect.objectContaining({ remarkName: '王姐', realName: '', gender: 'female', wechatFriend: true, policiesHeld: '1' }))
    expect(filled.phones).toEqual([{ phoneId: 'p1', masked: '138****5678', phone: '', basis: 'in_person' }])
  })

  it.each<[string, string[], string, string[], string | undefined]>([
    ['adds a trimmed tag', [], ' P100 ', ['P100'], undefined],
    ['ignores a tag already there', ['P100'], 'P100', ['P100'], undefined],
    ['refuses a tag over 12 characters', [], '一二三四五六七八九十一二三', [], '标签最多12个字'],
  ])('tags: %s', (_name, tags, typed, expected, error) => {
    expect(addTag(tags, typed)).toEqual(error ? { tags: expected, error } : { tags: expected })
  })
})
