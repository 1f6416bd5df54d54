import type { LeadView } from '@kejing/shared';
import { maskPhone } from '../../lib/phone-crypto';
import type { Lead } from './lead.entity';

/** A lead as agents see it: the phone masked. Revealing goes through an audited endpoint. */
export function presentLead(lead: Lead): LeadView {
  return {
    leadId: lead.id,
    contactId: lead.contactId,
    name: lead.name,
    phone: maskPhone(lead.phonePrefix3, lead.phoneLast4),
    phoneSource: lead.phoneSource,
    budgetFen: lead.budgetFen,
    insuredPerson: lead.insuredPerson,
    needs: lead.needs,
    createdAt: new Date(lead.createdAtMs).toISOString(),
  };
}
