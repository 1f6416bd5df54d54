import { useEffect, useState } from 'react'
import { Button, Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import {
  FAMILY_RELATION_ZH, NEED_CODES, PAYMENT_FREQUENCIES, PAYMENT_FREQUENCY_ZH, POLICY_STATUSES, POLICY_STATUS_ZH, type FamilyMember,
} from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { tagName } from '../../format'
import { passesCheck } from '../../forms/first-error'
import { Field, savedToast, useEditForm } from '../../forms/edit-form'
import {
  checkPolicyForm, emptyPolicyForm, formFromPolicy, toCreatePolicyRequest, toUpdatePolicyRequest, type PolicyFormErrors, type PolicyFormState,
} from '../../forms/policy-form'
import { api } from '../../services'
import { defaultRandom, uuidV4 } from '../../tracking/uuid'
import './index.css'

const random = defaultRandom()
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
const NEED_NAMES = NEED_CODES.map((n) => tagName(`need:${n}`))
const FREQUENCY_NAMES = PAYMENT_FREQUENCIES.map((f) => PAYMENT_FREQUENCY_ZH[f])
const STATUS_NAMES = POLICY_STATUSES.map((s) => POLICY_STATUS_ZH[s])

function PolicyForm({ contactId, policyId, family, initial }: { contactId: string; policyId: string | null; family: FamilyMember[]; initial: PolicyFormState }) {
  const { form, set, errors, setErrors, busy, save: send } = useEditForm<PolicyFormState, PolicyFormErrors>(initial)
  // One id per policy being recorded, kept across retries so it is stored once.
  const [clientEventId] = useState(() => uuidV4(random))
  const insuredNames = ['本人', ...family.map((m) => `${m.name}（${FAMILY_RELATION_ZH[m.relation]}）`)]
  const save = async () => {
    const { errors: found, policy } = checkPolicyForm(form, family, today(), policyId !== null)
    if (!passesCheck(found, setErrors) || !policy) return
    await send(async () => {
      if (policyId) await api().updatePolicy(policyId, toUpdatePolicyRequest(policy, form))
      else await api().createPolicy(contactId, toCreatePolicyRequest(policy, clientEventId, form))
      savedToast()
      void Taro.navigateBack()
    })
  }

  return (
    <View className='page'>
      <View className='section'>
        <Field label='产品名称 *' error={errors.productName}>
          <Input id='policy-product' className='field__input' placeholder='如：守护重疾 2026' value={form.productName} maxlength={60} onInput={(e) => set({ productName: e.detail.value })} />
        </Field>
        <Field label='需求类别 *' error={errors.need}>
          <Picker id='policy-need-picker' mode='selector' range={NEED_NAMES} value={NEED_CODES.indexOf(form.need)} onChange={(e) => set({ need: NEED_CODES[Number(e.detail.value)] })}>
            <View id='policy-need' className='field__input'>{tagName(`need:${form.need}`)} ▾</View>
          </Picker>
        </Field>
        <Field label='保险公司 *' error={errors.insurer}>
          <Input id='policy-insurer' className='field__input' placeholder='如：客经人寿' value={form.insurer} maxlength={40} onInput={(e) => set({ insurer: e.detail.value })} />
        </Field>
        <Field label={policyId ? '保单号（不改请留空）' : '保单号 *'} error={errors.policyNumber}>
          <Input id='policy-number' className='field__input' placeholder={policyId ? '留空则保持原保单号' : '字母或数字'} value={form.policyNumber} maxlength={40} onInput={(e) => set({ policyNumber: e.detail.value })} />
        </Field>
        <Field label='被保险人 *' error={errors.insuredName ?? errors.insured}>
          <Picker id='policy-insured-picker' mode='selector' range={insuredNames} value={form.insured === 'self' ? 0 : form.insured + 1} onChange={(e) => set({ insured: Number(e.detail.value) === 0 ? 'self' : Number(e.detail.value) - 1 })}>
            <View id='policy-insured' className='field__input'>{insuredNames[form.insured === 'self' ? 0 : form.insured + 1]} ▾</View>
          </Picker>
          {family.length === 0 ? <View className='muted policy-edit__hint'>为家人投保？先在客户资料里添加家庭成员</View> : null}
        </Field>
      </View>

      <View className='section'>
        <Field label='年缴保费（元） *' error={errors.annualPremiumYuan}>
          <Input id='policy-premium' className='field__input' type='digit' placeholder='如：5000' value={form.annualPremiumYuan} maxlength={10} onInput={(e) => set({ annualPremiumYuan: e.detail.value })} />
        </Field>
        <Field label='缴费方式 *' error={errors.paymentFrequency}>
          <View className='chips'>
            {PAYMENT_FREQUENCIES.map((f, i) => (
              <Text key={f} id={`policy-frequency-${f}`} className={`chip ${form.paymentFrequency === f ? 'chip--active' : ''}`} onClick={() => set({ paymentFrequency: f, ...(f === 'single' ? { paymentTermYears: '1' } : {}) })}>
                {FREQUENCY_NAMES[i]}
              </Text>
            ))}
          </View>
        </Field>
        <Field label='缴费年期（年） *' error={errors.paymentTermYears}>
          <Input id='policy-term' className='field__input' type='number' value={form.paymentTermYears} maxlength={3} onInput={(e) => set({ paymentTermYears: e.detail.value })} />
        </Field>
        <Field label='生效日期 *' error={errors.effectiveDate}>
          <Picker mode='date' value={form.effectiveDate} start='1980-01-01' end='2100-12-31' onChange={(e) => set({ effectiveDate: e.detail.value })}>
            <View id='policy-effective' className='field__input'>{form.effectiveDate}</View>
          </Picker>
        </Field>
        <Field label='签单日期' error={errors.signedDate}>
          <Picker mode='date' value={form.signedDate} start='1980-01-01' end={today()} onChange={(e) => set({ signedDate: e.detail.value })}>
            <View id='policy-signed' className='field__input'>{form.signedDate}</View>
          </Picker>
        </Field>
        <Field label='下次缴费日' error={errors.nextPremiumDate}>
          <Picker mode='date' value={form.nextPremiumDate || form.effectiveDate} start='1980-01-01' end='2100-12-31' onChange={(e) => set({ nextPremiumDate: e.detail.value })}>
            <View id='policy-next' className='field__input'>{form.nextPremiumDate || '按生效日期和缴费方式自动推算'}</View>
          </Picker>
        </Field>
        {policyId ? (
          <Field label='保单状态'>
            <View className='chips'>
              {POLICY_STATUSES.map((s, i) => (
                <Text key={s} id={`policy-status-${s}`} className={`chip ${form.status === s ? 'chip--active' : ''}`} onClick={() => set({ status: s })}>
                  {STATUS_NAMES[i]}
                </Text>
              ))}
            </View>
          </Field>
        ) : null}
      </View>

      <View className='policy-edit__submit'>
        <Button id='policy-save' className='btn-primary' loading={busy} onClick={save}>
          保存
        </Button>
      </View>
    </View>
  )
}

/** 登记保单 for a contact, or 编辑保单 with a policyId. */
export default function PolicyEditPage() {
  const { contactId = '', policyId } = useRouter().params
  const [state, setState] = useState<{ family: FamilyMember[]; initial: PolicyFormState } | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: policyId ? '编辑保单' : '登记保单' })
    Promise.all([api().contact(contactId), policyId ? api().policy(policyId) : Promise.resolve(null)])
      .then(([contact, policy]) => {
        const family = contact.profile.familyMembers
        setState({ family, initial: policy ? formFromPolicy(policy, family) : emptyPolicyForm(today()) })
      })
      .catch((e: Error) => setError(e.message))
  }, [contactId, policyId])
  return (
    <AgentGate>
      {state ? <PolicyForm contactId={contactId} policyId={policyId ?? null} family={state.family} initial={state.initial} /> : <StateView loading={!error} error={error} />}
    </AgentGate>
  )
}
