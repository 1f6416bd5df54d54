import {
  validatePolicyRow, type CreatePolicyRequest, type FamilyMember, type InsuredRelation, type NeedCode, type PaymentFrequency, type PolicyInput,
  type PolicyStatus, type PolicyView, type UpdatePolicyRequest,
} from '@kejing/shared'

/** The policy form as typed: money in yuan and numbers as text, as the inputs hold them. */
export interface PolicyFormState {
  productName: string
  need: NeedCode
  insurer: string
  /** Empty when editing and the number is kept (it is only ever shown masked). */
  policyNumber: string
  /** 'self', or the index of the family member insured. */
  insured: 'self' | number
  annualPremiumYuan: string
  paymentFrequency: PaymentFrequency
  paymentTermYears: string
  effectiveDate: string
  signedDate: string
  /** Empty: the server derives it. */
  nextPremiumDate: string
  status: PolicyStatus
}

export type PolicyFormErrors = Partial<Record<keyof PolicyFormState | 'insuredName' | 'insuredRelation', string>>

export function emptyPolicyForm(today: string): PolicyFormState {
  return {
    productName: '', need: 'critical_illness', insurer: '', policyNumber: '', insured: 'self', annualPremiumYuan: '', paymentFrequency: 'annual',
    paymentTermYears: '20', effectiveDate: today, signedDate: today, nextPremiumDate: '', status: 'active',
  }
}

export function formFromPolicy(p: PolicyView, family: readonly FamilyMember[]): PolicyFormState {
  const index = family.findIndex((m) => m.name === p.insured.name && m.relation === p.insured.relation)
  return {
    productName: p.productName, need: p.need, insurer: p.insurer, policyNumber: '', insured: p.insured.relation === 'self' || index < 0 ? 'self' : index,
    annualPremiumYuan: String(p.annualPremiumFen / 100), paymentFrequency: p.paymentFrequency, paymentTermYears: String(p.paymentTermYears),
    effectiveDate: p.effectiveDate, signedDate: p.signedDate, nextPremiumDate: p.nextPremiumDate ?? '', status: p.status,
  }
}

const insuredOf = (form: PolicyFormState, family: readonly FamilyMember[]): { insuredRelation: InsuredRelation; insuredName?: string } => {
  const member = form.insured === 'self' ? undefined : family[form.insured]
  return member ? { insuredRelation: member.relation, insuredName: member.name } : { insuredRelation: 'self' }
}

/**
 * The form checked by the same rule an importer uses (validatePolicyRow, shared with the server),
 * so the errors beside the fields are the server's. When editing, a blank number keeps the old one.
 */
export function checkPolicyForm(form: PolicyFormState, family: readonly FamilyMember[], today: string, editing: boolean): { errors: PolicyFormErrors; policy: PolicyInput | null } {
  const result = validatePolicyRow({
    ...form, ...insuredOf(form, family), policyNumber: editing && !form.policyNumber.trim() ? 'KEEP-OLD-NUMBER' : form.policyNumber,
  }, today)
  if (result.ok) return { errors: {}, policy: result.policy }
  const errors: PolicyFormErrors = {}
  for (const e of result.errors) {
    const field = (e.field === 'annualPremiumFen' ? 'annualPremiumYuan' : e.field) as keyof PolicyFormErrors
    errors[field] ??= e.reason
  }
  return { errors, policy: null }
}

export function toCreatePolicyRequest(policy: PolicyInput, clientEventId: string, form: PolicyFormState): CreatePolicyRequest {
  return { ...policy, clientEventId, nextPremiumDate: form.nextPremiumDate || null }
}

export function toUpdatePolicyRequest(policy: PolicyInput, form: PolicyFormState): UpdatePolicyRequest {
  const { policyNumber, ...rest } = policy
  return { ...rest, ...(form.policyNumber.trim() ? { policyNumber } : {}), nextPremiumDate: form.nextPremiumDate || null, status: form.status }
}
