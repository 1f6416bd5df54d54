import { maskPolicyNumber, type PolicyView } from '@kejing/shared';
import type { Policy } from './policy.entity';

const iso = (ms: number) => new Date(ms).toISOString();

/** A policy as staff see it: the number masked, decrypted only to make the mask. */
export function presentPolicy(p: Policy, policyNumber: string, actorStaffId: string): PolicyView {
  return {
    policyId: p.id, contactId: p.contactId, agentId: p.agentId, productName: p.productName, need: p.need, insurer: p.insurer,
    policyNumberMasked: maskPolicyNumber(policyNumber), insured: { relation: p.insuredRelation, name: p.insuredName },
    annualPremiumFen: p.annualPremiumFen, paymentFrequency: p.paymentFrequency, paymentTermYears: p.paymentTermYears,
    effectiveDate: p.effectiveDate, nextPremiumDate: p.nextPremiumDate, signedDate: p.signedDate, status: p.status,
    mine: p.agentId === actorStaffId, createdAt: iso(p.createdAtMs), updatedAt: iso(p.updatedAtMs),
  };
}
