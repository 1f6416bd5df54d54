import type { FamilyMember, PolicyView } from '@kejing/shared'
import { checkPolicyForm, emptyPolicyForm, formFromPolicy, toCreatePolicyRequest, toUpdatePolicyRequest, type PolicyFormState } from '../../src/forms/policy-form'

const family: FamilyMember[] = [{ name: '小宝', relation: 'child', birthday: '2018-06-01', gender: 'male' }]
const filled = (patch: Partial<PolicyFormState> = {}): PolicyFormState => ({
  ...emptyPolicyForm('2026-11-02'), productName: '守护重疾', insurer: '客经人寿', policyNumber: 'P2026000123', annualPremiumYuan: '5000', ...patch,
})

describe('the policy form', () => {
  it('checks with the shared row rule and says what is wrong beside the field, in Chinese', () => {
    const { errors, policy } = checkPolicyForm(filled({ productName: ' ', annualPremiumYuan: '0', policyNumber: '12' }), family, '2026-11-02', false)
    expect(policy).toBeNull()
    expect(errors).toEqual({ productName: '必填，最多 60 字', policyNumber: '保单号为 6–40 位字母或数字', annualPremiumYuan: '年缴保费须为正数（元）' })
  })

  it('sends the premium in fen, the insured family member by name, and a blank next premium date as null (the server derives it)', () => {
    const form = filled({ insured: 0, annualPremiumYuan: '5000.5' })
    const { policy } = checkPolicyForm(form, family, '2026-11-02', false)
    expect(toCreatePolicyRequest(policy!, 'e1', form)).toEqual(expect.objectContaining({
      clientEventId: 'e1', annualPremiumFen: 500_050, insuredRelation: 'child', insuredName: '小宝', nextPremiumDate: null, signedDate: '2026-11-02',
    }))
  })

  it('keeps the old number when editing with the number left blank', () => {
    const view = {
      policyId: 'p1', contactId: 'c1', agentId: 'a', productName: '守护重疾', need: 'critical_illness', insurer: '客经人寿', policyNumberMasked: '****0123',
      insured: { relation: 'child', name: '小宝' }, annualPremiumFen: 500_000, paymentFrequency: 'annual', paymentTermYears: 20, effectiveDate: '2026-03-15',
      nextPremiumDate: '2027-03-15', signedDate: '2026-03-10', status: 'active', mine: true, createdAt: '', updatedAt: '',
    } satisfies PolicyView
    const form = formFromPolicy(view, family)
    expect(form.insured).toBe(0)
    const { policy } = checkPolicyForm(form, family, '2026-11-02', true)
    const update = toUpdatePolicyRequest(policy!, form)
    expect(update).not.toHaveProperty('policyNumber')
    expect(update).toEqual(expect.objectContaining({ annualPremiumFen: 500_000, nextPremiumDate: '2027-03-15', status: 'active' }))
  })
})
