import { useEffect, useState } from 'react'
import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import {
  FAMILY_RELATION_ZH,
  FAMILY_RELATIONS,
  GENDER_ZH,
  GENDERS,
  PHONE_BASES,
  PHONE_BASIS_ZH,
  type FamilyMember,
  type Gender,
} from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import {
  addTag,
  EMPTY_CONTACT_FORM,
  formFromContact,
  toCreateRequest,
  toUpdateRequest,
  validateContactForm,
  type ContactFormErrors,
  type ContactFormState,
  type PhoneRow,
} from '../../forms/contact-form'
import { api } from '../../services'
import './index.css'
import { passesCheck } from '../../forms/first-error'
import { Field, savedToast, useEditForm } from '../../forms/edit-form'

const BASIS_NAMES = PHONE_BASES.map((b) => PHONE_BASIS_ZH[b])
const GENDER_NAMES = GENDERS.map((g) => GENDER_ZH[g])
const RELATION_NAMES = FAMILY_RELATIONS.map((r) => FAMILY_RELATION_ZH[r])
const TODAY = new Date().toISOString().slice(0, 10)

function ContactForm({ contactId, initial }: { contactId: string | null; initial: ContactFormState }) {
  const { form, set, errors, setErrors, busy, save: send } = useEditForm<ContactFormState, ContactFormErrors>(initial)
  const [tagDraft, setTagDraft] = useState('')
  const setPhone = (i: number, patch: Partial<PhoneRow>) => set({ phones: form.phones.map((p, j) => (j === i ? { ...p, ...patch } : p)) })
  const setMember = (i: number, patch: Partial<FamilyMember>) => set({ familyMembers: form.familyMembers.map((m, j) => (j === i ? { ...m, ...patch } : m)) })

  const save = async () => {
    if (!passesCheck(validateContactForm(form), setErrors)) return
    await send(async () => {
      const saved = contactId ? await api().updateContact(contactId, toUpdateRequest(form)) : await api().createContact(toCreateRequest(form))
      savedToast()
      if (contactId) void Taro.navigateBack()
      else void Taro.redirectTo({ url: `/agent/contact/index?id=${encodeURIComponent(saved.contactId)}` })
    })
  }

  return (
    <View className='page'>
      <View className='section'>
        <Field label='备注名 *' error={errors.remarkName}>
          <Input id='edit-remark' className='field__input' placeholder='如：王姐（同小区）' value={form.remarkName} maxlength={30} onInput={(e) => set({ remarkName: e.detail.value })} />
        </Field>
        <Field label='真实姓名' error={errors.realName}>
          <Input id='edit-real-name' className='field__input' placeholder='选填' value={form.realName} maxlength={30} onInput={(e) => set({ realName: e.detail.value })} />
        </Field>
        <Field label='性别'>
          <View className='chips'>
            {GENDERS.map((g: Gender, i) => (
              <Text key={g} id={`edit-gender-${g}`} className={`chip ${form.gender === g ? 'chip--active' : ''}`} onClick={() => set({ gender: form.gender === g ? null : g })}>
                {GENDER_NAMES[i]}
              </Text>
            ))}
          </View>
        </Field>
        <Field label='生日' error={errors.birthday}>
          <Picker mode='date' value={form.birthday || '1985-01-01'} start='1900-01-01' end={TODAY} onChange={(e) => set({ birthday: e.detail.value })}>
            <View id='edit-birthday' className='field__input'>{form.birthday || '请选择'}</View>
          </Picker>
        </Field>
        <Field label='微信号' error={errors.wechatId}>
          <Input id='edit-wechat' className='field__input' placeholder='用于“复制微信号”' value={form.wechatId} maxlength={20} onInput={(e) => set({ wechatId: e.detail.value })} />
        </Field>
        <Field label='关系' error={errors.relationship}>
          <Input id='edit-relationship' className='field__input' placeholder='如：大学同学、老客户介绍' value={form.relationship} maxlength={20} onInput={(e) => set({ relationship: e.detail.value })} />
        </Field>
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text>手机号</Text>
        </View>
        {form.phones.map((p, i) => (
          <View key={p.phoneId ?? `new-${i}`} className='edit__row'>
            {p.phoneId ? (
              <Text className='edit__masked'>{p.masked}</Text>
            ) : (
              <Input id={`edit-phone-${i}`} className='field__input' type='number' placeholder='11位手机号' value={p.phone} maxlength={11} onInput={(e) => setPhone(i, { phone: e.detail.value })} />
            )}
            <Picker mode='selector' range={BASIS_NAMES} value={PHONE_BASES.indexOf(p.basis)} onChange={(e) => setPhone(i, { basis: PHONE_BASES[Number(e.detail.value)] })}>
              <View className='edit__basis'>{PHONE_BASIS_ZH[p.basis]} ▾</View>
            </Picker>
            <Text className='edit__remove' onClick={() => set({ phones: form.phones.filter((_, j) => j !== i) })}>
              删除
            </Text>
          </View>
        ))}
        {errors.phones ? <View className='field__error'>{errors.phones}</View> : null}
        <View id='edit-add-phone' className='edit__link' onClick={() => set({ phones: [...form.phones, { phone: '', basis: 'in_person' }] })}>
          ＋ 添加手机号（注明来源）
        </View>
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text>家庭成员（可投保）</Text>
        </View>
        {form.familyMembers.map((m, i) => (
          <View key={i} className='edit__member'>
            <View className='edit__row'>
              <Input className='field__input' placeholder='称呼，如：大宝' value={m.name} maxlength={30} onInput={(e) => setMember(i, { name: e.detail.value })} />
              <Text className='edit__remove' onClick={() => set({ familyMembers: form.familyMembers.filter((_, j) => j !== i) })}>
                删除
              </Text>
            </View>
            <Picker mode='selector' range={RELATION_NAMES} value={FAMILY_RELATIONS.indexOf(m.relation)} onChange={(e) => setMember(i, { relation: FAMILY_RELATIONS[Number(e.detail.value)] })}>
              <View className='field__input edit__picker'>关系：{FAMILY_RELATION_ZH[m.relation]} ▾</View>
            </Picker>
            <Picker mode='date' value={m.birthday || '2015-01-01'} start='1900-01-01' end={TODAY} onChange={(e) => setMember(i, { birthday: e.detail.value })}>
              <View className='field__input edit__picker'>生日：{m.birthday || '请选择'}</View>
            </Picker>
            <View className='chips'>
              {GENDERS.map((g, k) => (
                <Text key={g} className={`chip ${m.gender === g ? 'chip--active' : ''}`} onClick={() => setMember(i, { gender: m.gender === g ? null : g })}>
                  {GENDER_NAMES[k]}
                </Text>
              ))}
            </View>
          </View>
        ))}
        {errors.familyMembers ? <View className='field__error'>{errors.familyMembers}</View> : null}
        <View
          id='edit-add-member'
          className='edit__link'
          onClick={() => set({ familyMembers: [...form.familyMembers, { name: '', relation: 'child', birthday: null, gender: null }] })}
        >
          ＋ 添加家庭成员
        </View>
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text>我的标签</Text>
        </View>
        <View className='chips'>
          {form.agentTags.map((t) => (
            <Text key={t} className='chip chip--active' onClick={() => set({ agentTags: form.agentTags.filter((x) => x !== t) })}>
              {t} ✕
            </Text>
          ))}
        </View>
        <View className='edit__row'>
          <Input
            id='edit-tag'
            className='field__input'
            placeholder='输入标签后点添加，如：P100'
            value={tagDraft}
            maxlength={12}
            onInput={(e) => setTagDraft(e.detail.value)}
          />
          <Text
            id='edit-add-tag'
            className='edit__remove edit__link'
            onClick={() => {
              const next = addTag(form.agentTags, tagDraft)
              if (next.error) void Taro.showToast({ title: next.error, icon: 'none' })
              else {
                set({ agentTags: next.tags })
                setTagDraft('')
              }
            }}
          >
            添加
          </Text>
        </View>
        {errors.agentTags ? <View className='field__error'>{errors.agentTags}</View> : null}
      </View>

      <View className='section'>
        <View className='field edit__switch'>
          <Text>已是微信好友</Text>
          <Switch id='edit-friend' checked={form.wechatFriend} color='#c8102e' onChange={(e) => set({ wechatFriend: e.detail.value })} />
        </View>
        <Field label='已持有保单数' error={errors.policiesHeld}>
          <Input id='edit-policies' className='field__input' type='number' value={form.policiesHeld} maxlength={2} onInput={(e) => set({ policiesHeld: e.detail.value })} />
        </Field>
      </View>

      <View className='edit__submit'>
        <Button id='edit-save' className='btn-primary' loading={busy} onClick={save}>
          保存
        </Button>
      </View>
    </View>
  )
}

/** 编辑客户资料, or 添加客户 without an id. */
export default function ContactEditPage() {
  const { id } = useRouter().params
  const [initial, setInitial] = useState<ContactFormState | null>(id ? null : EMPTY_CONTACT_FORM)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑客户资料' : '添加客户' })
    if (!id) return
    api()
      .contact(id)
      .then((c) => setInitial(formFromContact(c)))
      .catch((e: Error) => setError(e.message))
  }, [id])
  return (
    <AgentGate>{initial ? <ContactForm contactId={id ?? null} initial={initial} /> : <StateView loading={!error} error={error} />}</AgentGate>
  )
}
