import { useRef, useState } from 'react'
import { Button, Checkbox, Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { NEED_CODES } from '@kejing/shared'
import { needName } from '../../format'
import {
  EMPTY_LEAD_FORM,
  HEALTH_CONSENT_TEXT,
  INSURED_PERSON_OPTIONS,
  namesHealthNeed,
  phoneCodeFrom,
  PRIVACY_TEXT,
  toLeadRequest,
  validateLeadForm,
  type LeadFormErrors,
  type LeadFormState,
} from '../../forms/lead-form'
import { ApiError, failureText } from '../../api/client'
import { api } from '../../customer/reader-services'
import { defaultRandom, uuidV4 } from '../../tracking/uuid'
import '../../app.css'
import './index.css'
import { passesCheck } from '../../forms/first-error'
import { useBusyAction } from '../../hooks/use-busy-action'

const random = defaultRandom()
// H5 has no getPhoneNumber: there the number is always typed.
const canUseWeChatPhone = process.env.TARO_ENV !== 'h5'

export default function LeadPage() {
  const { s = '', from } = useRouter().params
  const [form, setForm] = useState<LeadFormState>(EMPTY_LEAD_FORM)
  const [errors, setErrors] = useState<LeadFormErrors>({})
  const { busy, run } = useBusyAction()
  const [done, setDone] = useState(false)
  // One id for this form: a retried submit is stored once.
  const clientEventId = useRef(uuidV4(random))
  const set = (patch: Partial<LeadFormState>) => {
    setForm((f) => ({ ...f, ...patch }))
    // A field's complaint goes as soon as the person changes that field.
    setErrors((e) => {
      const next = { ...e }
      for (const key of Object.keys(patch) as (keyof LeadFormState)[]) delete next[key]
      return next
    })
  }
  const toggleNeed = (code: string) =>
    set({ needs: form.needs.includes(code) ? form.needs.filter((n) => n !== code) : [...form.needs, code] })

  const submit = async () => {
    if (!passesCheck(validateLeadForm(form, { weChatPhone: canUseWeChatPhone }), setErrors)) return
    await run(async () => {
      await api().submitLead(toLeadRequest(form, s, clientEventId.current))
      setDone(true)
    }, (e) => {
      const onCode = e instanceof ApiError ? e.details.find((d) => d.field === 'phoneCode') : undefined
      if (onCode) {
        // A phone code works once and expires: let the person tap again or type the number.
        set({ phoneCode: '' })
        setErrors((found) => ({ ...found, phone: onCode.reason }))
      }
      return onCode?.reason || failureText(e, '提交失败，请稍后再试')
    })
  }

  const onGetPhoneNumber = (e: { detail?: { code?: string; errMsg?: string } }) => {
    const got = phoneCodeFrom(e.detail)
    if ('code' in got) set({ phoneCode: got.code, phone: '' })
    else void Taro.showToast({ title: got.refused, icon: 'none' })
  }

  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/customer/read/index?s=${encodeURIComponent(s)}` }))

  if (done) {
    return (
      <View className='page lead lead--done' id='lead-done'>
        <View className='lead__done-title'>提交成功</View>
        <View className='muted'>您的专属顾问会尽快与您联系。</View>
        <Button className='btn-plain lead__back' onClick={back}>
          返回继续阅读
        </Button>
      </View>
    )
  }

  return (
    <View className='page lead'>
      <View className='lead__intro'>{from === 'consult' ? '留下联系方式，顾问将为您一对一解答。' : '留下联系方式，免费获取为您定制的保障方案。'}</View>
      <View className='section'>
        <View className='field'>
          <View className='field__label'>您的称呼 *</View>
          <Input className='field__input' id='lead-name' placeholder='如：王女士' value={form.name} maxlength={32} onInput={(e) => set({ name: e.detail.value })} />
          {errors.name ? <View className='field__error'>{errors.name}</View> : null}
        </View>
        <View className='field'>
          <View className='field__label'>手机号 *</View>
          {form.phoneCode ? (
            <View className='lead__wx-phone-used' id='lead-wx-phone-used'>
              <Text>已使用微信手机号（由微信验证）</Text>
              <Text className='lead__phone-switch' id='lead-phone-type-instead' onClick={() => set({ phoneCode: '' })}>
                改为手动填写
              </Text>
            </View>
          ) : (
            <View className='lead__phone-row'>
              <Input className='field__input lead__phone-input' id='lead-phone' type='number' placeholder='11位手机号' value={form.phone} maxlength={11} onInput={(e) => set({ phone: e.detail.value })} />
              {canUseWeChatPhone ? (
                <Button className='btn-plain lead__wx-phone' id='lead-wx-phone' size='mini' openType='getPhoneNumber' onGetPhoneNumber={onGetPhoneNumber}>
                  使用微信手机号
                </Button>
              ) : null}
            </View>
          )}
          {errors.phone ? <View className='field__error'>{errors.phone}</View> : null}
        </View>
        <View className='field'>
          <View className='field__label'>年度保费预算（元）</View>
          <Input className='field__input' id='lead-budget' placeholder='如：5000 或 1.5万' value={form.budgetYuan} onInput={(e) => set({ budgetYuan: e.detail.value })} />
          {errors.budgetYuan ? <View className='field__error'>{errors.budgetYuan}</View> : null}
        </View>
        <View className='field'>
          <View className='field__label'>为谁投保</View>
          <View className='chips'>
            {INSURED_PERSON_OPTIONS.map((p) => (
              <Text key={p} className={`chip ${form.insuredPerson === p ? 'chip--active' : ''}`} onClick={() => set({ insuredPerson: form.insuredPerson === p ? '' : p })}>
                {p}
              </Text>
            ))}
          </View>
        </View>
        <View className='field'>
          <View className='field__label'>关注的保障（可多选）</View>
          <View className='chips'>
            {NEED_CODES.map((n) => (
              <Text key={n} id={`need-${n}`} className={`chip ${form.needs.includes(n) ? 'chip--active' : ''}`} onClick={() => toggleNeed(n)}>
                {needName(n)}
              </Text>
            ))}
          </View>
        </View>
      </View>
      <View className='section lead__privacy'>
        <View className='lead__privacy-title'>个人信息保护说明</View>
        <View className='lead__privacy-text' id='privacy-text'>
          {PRIVACY_TEXT}
        </View>
        {/* A plain View, not a Label: a Label would pass the tap to the checkbox too and toggle twice. */}
        <View className='lead__consent' id='lead-consent' onClick={() => set({ consent: !form.consent })}>
          <Checkbox value='consent' checked={form.consent} color='#c8102e' />
          <Text>我已阅读并同意上述说明，同意顾问联系我</Text>
        </View>
        {errors.consent ? <View className='field__error'>{errors.consent}</View> : null}
        {namesHealthNeed(form) ? (
          <View className='lead__health'>
            <View className='lead__privacy-text'>{HEALTH_CONSENT_TEXT}</View>
            <View className='lead__consent' id='lead-health-consent' onClick={() => set({ healthConsent: !form.healthConsent })}>
              <Checkbox value='health' checked={form.healthConsent} color='#c8102e' />
              <Text>我单独同意处理上述健康相关信息</Text>
            </View>
            {errors.healthConsent ? <View className='field__error'>{errors.healthConsent}</View> : null}
          </View>
        ) : null}
      </View>
      <View className='lead__submit'>
        <Button className='btn-primary' id='lead-submit' loading={busy} onClick={submit}>
          提交
        </Button>
        <View className='lead__skip' onClick={back}>
          暂不填写，继续阅读
        </View>
      </View>
    </View>
  )
}
