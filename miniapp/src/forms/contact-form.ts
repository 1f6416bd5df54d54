import {
  CONTACT_LIMITS,
  DATE_PATTERN,
  WECHAT_ID_PATTERN,
  type ContactDetailView,
  type ContactPhoneInput,
  type CreateContactRequest,
  type FamilyMember,
  type Gender,
  type PhoneBasis,
  type UpdateContactRequest,
} from '@kejing/shared'
import type { ContactQuery } from '../api/endpoints'
import { isMainlandMobile } from '../format'

/** One phone row of the form: a held one (masked, by id) or a new one typed in. */
export interface PhoneRow {
  phoneId?: string
  masked?: string
  phone: string
  basis: PhoneBasis
}

export interface ContactFormState {
  remarkName: string
  realName: string
  gender: Gender | null
  birthday: string
  wechatId: string
  relationship: string
  phones: PhoneRow[]
  familyMembers: FamilyMember[]
  agentTags: string[]
  wechatFriend: boolean
  policiesHeld: string
}

export const EMPTY_CONTACT_FORM: ContactFormState = {
  remarkName: '', realName: '', gender: null, birthday: '', wechatId: '', relationship: '', phones: [], familyMembers: [], agentTags: [],
  wechatFriend: false, policiesHeld: '0',
}

/** The form filled from what the server holds (phones stay masked: the form never sees a full number it did not type). */
export function formFromContact(c: ContactDetailView): ContactFormState {
  const p = c.profile
  return {
    remarkName: p.remarkName ?? '',
    realName: p.realName ?? '',
    gender: p.gender,
    birthday: p.birthday ?? '',
    wechatId: p.wechatId ?? '',
    relationship: p.relationship ?? '',
    phones: p.phones.map((x) => ({ phoneId: x.phoneId, masked: x.masked, phone: '', basis: x.basis })),
    familyMembers: p.familyMembers.map((m) => ({ ...m })),
    agentTags: [...p.agentTags],
    wechatFriend: p.wechatFriend,
    policiesHeld: String(p.policiesHeld),
  }
}

export type ContactFormErrors = Partial<Record<'remarkName' | 'realName' | 'birthday' | 'wechatId' | 'relationship' | 'phones' | 'familyMembers' | 'agentTags' | 'policiesHeld', string>>

const tooLong = (text: string, max: number) => text.trim().length > max

/** The same limits the API applies, said in Chinese before anything is sent. */
export function validateContactForm(form: ContactFormState): ContactFormErrors {
  const errors: ContactFormErrors = {}
  if (!form.remarkName.trim()) errors.remarkName = '请填写备注名'
  else if (tooLong(form.remarkName, CONTACT_LIMITS.nameMax)) errors.remarkName = `备注名最多${CONTACT_LIMITS.nameMax}个字`
  if (tooLong(form.realName, CONTACT_LIMITS.nameMax)) errors.realName = `姓名最多${CONTACT_LIMITS.nameMax}个字`
  if (form.birthday && !DATE_PATTERN.test(form.birthday)) errors.birthday = '请选择生日'
  if (form.wechatId.trim() && !WECHAT_ID_PATTERN.test(form.wechatId.trim())) errors.wechatId = '微信号为6–20位字母、数字、下划线或减号，以字母开头'
  if (tooLong(form.relationship, CONTACT_LIMITS.relationshipMax)) errors.relationship = `关系最多${CONTACT_LIMITS.relationshipMax}个字`
  const typed = form.phones.filter((p) => !p.phoneId)
  if (typed.some((p) => !isMainlandMobile(p.phone))) errors.phones = '请填写11位手机号'
  else if (new Set(typed.map((p) => p.phone.trim())).size < typed.length) errors.phones = '同一个手机号填了两次'
  else if (form.phones.length > CONTACT_LIMITS.phonesMax) errors.phones = `最多${CONTACT_LIMITS.phonesMax}个手机号`
  if (form.familyMembers.some((m) => !m.name.trim())) errors.familyMembers = '请填写家庭成员的称呼'
  else if (form.familyMembers.length > CONTACT_LIMITS.familyMembersMax) errors.familyMembers = `最多${CONTACT_LIMITS.familyMembersMax}位家庭成员`
  if (form.agentTags.length > CONTACT_LIMITS.agentTagsMax) errors.agentTags = `最多${CONTACT_LIMITS.agentTagsMax}个标签`
  const policies = Number(form.policiesHeld)
  if (!/^\d+$/.test(form.policiesHeld.trim()) || policies > CONTACT_LIMITS.policiesHeldMax) errors.policiesHeld = `持有保单数请填0–${CONTACT_LIMITS.policiesHeldMax}`
  return errors
}

/** A tag the agent typed, or why it cannot be added. */
export function addTag(tags: string[], typed: string): { tags: string[]; error?: string } {
  const tag = typed.trim()
  if (!tag) return { tags }
  if (tag.length > CONTACT_LIMITS.agentTagMax) return { tags, error: `标签最多${CONTACT_LIMITS.agentTagMax}个字` }
  if (tags.includes(tag)) return { tags }
  return { tags: [...tags, tag] }
}

const orNull = (text: string) => (text.trim() ? text.trim() : null)

/** PUT body: every field the form shows, so clearing one in the form clears it on the server. */
export function toUpdateRequest(form: ContactFormState): UpdateContactRequest {
  return {
    remarkName: form.remarkName.trim(),
    realName: orNull(form.realName),
    gender: form.gender,
    birthday: orNull(form.birthday),
    wechatId: orNull(form.wechatId),
    relationship: orNull(form.relationship),
    phones: form.phones.map((p): ContactPhoneInput => (p.phoneId ? { phoneId: p.phoneId, basis: p.basis } : { phone: p.phone.trim(), basis: p.basis })),
    familyMembers: form.familyMembers.map((m) => ({ ...m, name: m.name.trim() })),
    agentTags: form.agentTags,
    wechatFriend: form.wechatFriend,
    policiesHeld: Number(form.policiesHeld),
  }
}

/** POST body for a contact added by hand: only what was filled in. */
export function toCreateRequest(form: ContactFormState): CreateContactRequest {
  const all = toUpdateRequest(form)
  const body: CreateContactRequest = { remarkName: form.remarkName.trim() }
  for (const [key, value] of Object.entries(all) as [keyof UpdateContactRequest, unknown][]) {
    if (key === 'remarkName' || value === null) continue
    if (key === 'phones') body.phones = form.phones.map((p) => ({ phone: p.phone.trim(), basis: p.basis }))
    else Object.assign(body, { [key]: value })
  }
  return body
}

/** The quick filters under the search bar on 客户. */
export const CONTACT_FILTER_CHIPS: { key: string; label: string; query: ContactQuery }[] = [
  { key: 'recent', label: '7天内有互动', query: { lastTouchWithinDays: 7 } },
  { key: 'silent', label: '30天未联系', query: { silentForDays: 30 } },
  { key: 'need', label: '已唤醒需求', query: { stage: 5 } },
  { key: 'promoter', label: '主动推荐', query: { referral: 'active_promoter' } },
  { key: 'manual', label: '手动添加', query: { source: 'manual' } },
  { key: 'forward', label: '好友转发', query: { source: 'forward' } },
]
