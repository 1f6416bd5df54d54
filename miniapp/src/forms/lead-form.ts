import { HEALTH_NEEDS, LEAD_NAME_MAX, type ConsentInput, type SubmitLeadRequest } from '@kejing/shared'
import { isMainlandMobile, parseYuanToFen } from '../format'

/** The privacy text the customer agrees to; its version goes with every lead. */
export const PRIVACY_TEXT_VERSION = 'lead-privacy-2026-11'
export const PRIVACY_PURPOSE = '保险咨询与方案建议'
export const PRIVACY_TEXT =
  '您提交的姓名、手机号、预算、被保险人与需求，仅用于为您提供保险咨询与方案建议，由您的专属顾问及其所属保险公司按照《个人信息保护法》保管和使用，不会出售或提供给无关第三方。您可随时联系顾问查询、更正或删除您的信息，或撤回同意。不提交不影响您继续阅读。'

export const HEALTH_TEXT_VERSION = 'lead-health-2026-11'
export const HEALTH_PURPOSE = '根据健康相关保障需求设计保险方案'
export const HEALTH_CONSENT_TEXT = '您选择的医疗、重疾需求属于健康相关的敏感个人信息，仅用于为您设计相应保障方案，需要您单独同意。'

/** The lead body, with the separate health consent the server asks for when a health need is named. */
export type LeadRequest = SubmitLeadRequest & { healthConsent?: ConsentInput }

export const INSURED_PERSON_OPTIONS = ['本人', '配偶', '子女', '父母', '其他'] as const

export interface LeadFormState {
  name: string
  /** A typed number; ignored while phoneCode is set. */
  phone: string
  /**
   * The code from the getPhoneNumber button (使用微信手机号): the server asks WeChat for the number,
   * so the lead's phone counts as verified. '' when the person types their number (always on H5).
   */
  phoneCode: string
  budgetYuan: string
  insuredPerson: string
  needs: string[]
  consent: boolean
  /** Separate consent for health-related needs; starts unticked like the main one. */
  healthConsent: boolean
}

export const EMPTY_LEAD_FORM: LeadFormState = { name: '', phone: '', phoneCode: '', budgetYuan: '', insuredPerson: '', needs: [], consent: false, healthConsent: false }

export type LeadFormErrors = Partial<Record<keyof LeadFormState, string>>

/** `weChatPhone`: the platform offers 使用微信手机号 (the weapp build; H5 has no getPhoneNumber), so the hint can name it. */
export function validateLeadForm(form: LeadFormState, options: { weChatPhone?: boolean } = {}): LeadFormErrors {
  const errors: LeadFormErrors = {}
  const name = form.name.trim()
  if (!name) errors.name = '请填写称呼'
  else if (name.length > LEAD_NAME_MAX) errors.name = `称呼请不超过${LEAD_NAME_MAX}个字`
  if (!form.phoneCode && !isMainlandMobile(form.phone)) errors.phone = options.weChatPhone ? '请填写11位手机号，或使用微信手机号' : '请填写11位手机号'
  if (form.budgetYuan.trim() !== '') {
    const fen = parseYuanToFen(form.budgetYuan)
    if (fen === null || fen < 0) errors.budgetYuan = '预算请填写数字，如 5000 或 1.5万'
  }
  if (!form.consent) errors.consent = '请先阅读并勾选同意隐私说明'
  if (namesHealthNeed(form) && !form.healthConsent) errors.healthConsent = '选择了医疗或重疾需求，请单独勾选同意，或取消这些选项'
  return errors
}

export function namesHealthNeed(form: Pick<LeadFormState, 'needs'>): boolean {
  // Needs that reveal health (PIPL art. 28–29: sensitive data, separate consent), as the server rules.
  return form.needs.some((n) => HEALTH_NEEDS.includes(n))
}

/**
 * What a getPhoneNumber event gives: the code, or why there is none (the person declined, or the
 * mini program may not use the phone API). A lead can always fall back to a typed number.
 */
export function phoneCodeFrom(detail: { code?: string; errMsg?: string } | undefined): { code: string } | { refused: string } {
  if (detail?.code) return { code: detail.code }
  return { refused: /deny|cancel/i.test(detail?.errMsg ?? '') ? '未使用微信手机号，可手动填写' : '暂时无法获取微信手机号，请手动填写' }
}

/** The request body; only call when validateLeadForm found nothing. */
export function toLeadRequest(form: LeadFormState, shareId: string, clientEventId: string): LeadRequest {
  const budgetFen = form.budgetYuan.trim() ? parseYuanToFen(form.budgetYuan) ?? undefined : undefined
  return {
    clientEventId,
    shareId,
    name: form.name.trim(),
    ...(form.phoneCode ? { phoneCode: form.phoneCode } : { phone: form.phone.trim() }),
    ...(budgetFen !== undefined ? { budgetFen } : {}),
    ...(form.insuredPerson ? { insuredPerson: form.insuredPerson } : {}),
    ...(form.needs.length ? { needs: form.needs } : {}),
    consent: { given: form.consent, textVersion: PRIVACY_TEXT_VERSION, purpose: PRIVACY_PURPOSE },
    ...(namesHealthNeed(form) ? { healthConsent: { given: form.healthConsent, textVersion: HEALTH_TEXT_VERSION, purpose: HEALTH_PURPOSE } } : {}),
  }
}
