import type { SubmitLeadRequest } from '@kejing/shared'
import { isMainlandMobile, parseYuanToFen } from '../format'

/** The privacy text the customer agrees to; its version goes with every lead. */
export const PRIVACY_TEXT_VERSION = 'lead-privacy-2026-11'
export const PRIVACY_PURPOSE = '保险咨询与方案建议'
export const PRIVACY_TEXT =
  '您提交的姓名、手机号、预算、被保险人与需求，仅用于为您提供保险咨询与方案建议，由您的专属顾问及其所属保险公司按照《个人信息保护法》保管和使用，不会出售或提供给无关第三方。您可随时联系顾问查询、更正或删除您的信息，或撤回同意。不提交不影响您继续阅读。'

export const INSURED_PERSON_OPTIONS = ['本人', '配偶', '子女', '父母', '其他'] as const

export interface LeadFormState {
  name: string
  phone: string
  budgetYuan: string
  insuredPerson: string
  needs: string[]
  consent: boolean
}

export const EMPTY_LEAD_FORM: LeadFormState = { name: '', phone: '', budgetYuan: '', insuredPerson: '', needs: [], consent: false }

export type LeadFormErrors = Partial<Record<keyof LeadFormState, string>>

export function validateLeadForm(form: LeadFormState): LeadFormErrors {
  const errors: LeadFormErrors = {}
  const name = form.name.trim()
  if (!name) errors.name = '请填写称呼'
  else if (name.length > 32) errors.name = '称呼太长了'
  if (!isMainlandMobile(form.phone)) errors.phone = '请填写11位手机号'
  if (form.budgetYuan.trim() !== '') {
    const fen = parseYuanToFen(form.budgetYuan)
    if (fen === null || fen < 0) errors.budgetYuan = '预算请填写数字，如 5000 或 1.5万'
  }
  if (!form.consent) errors.consent = '请先阅读并勾选同意隐私说明'
  return errors
}

/** The request body; only call when validateLeadForm found nothing. */
export function toLeadRequest(form: LeadFormState, shareId: string, clientEventId: string): SubmitLeadRequest {
  const budgetFen = form.budgetYuan.trim() ? parseYuanToFen(form.budgetYuan) ?? undefined : undefined
  return {
    clientEventId,
    shareId,
    name: form.name.trim(),
    phone: form.phone.trim(),
    ...(budgetFen !== undefined ? { budgetFen } : {}),
    ...(form.insuredPerson ? { insuredPerson: form.insuredPerson } : {}),
    ...(form.needs.length ? { needs: form.needs } : {}),
    consent: { given: form.consent, textVersion: PRIVACY_TEXT_VERSION, purpose: PRIVACY_PURPOSE },
  }
}
