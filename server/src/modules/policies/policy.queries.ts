import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { AfterSalePolicy, SignedPolicy } from '@kejing/shared';
import { Policy } from './policy.entity';

/** Active policies per contact: "policies held" for trust (the scorer reads it). */
export async function activePolicyCounts(db: DataSource | EntityManager, contactIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (contactIds.length === 0) return counts;
  const rows: { contact_id: string; n: number | string }[] = await db.getRepository(Policy).createQueryBuilder('p')
    .select('p.contact_id', 'contact_id').addSelect('COUNT(*)', 'n')
    .where('p.contact_id IN (:...ids)', { ids: [...contactIds] }).andWhere("p.status = 'active'")
    .groupBy('p.contact_id').getRawMany();
  for (const row of rows) counts.set(row.contact_id, Number(row.n));
  return counts;
}

/** Active policies of some contacts, as the after-sale planner reads them. */
export async function afterSalePoliciesOf(db: DataSource | EntityManager, contactIds: readonly string[]): Promise<Map<string, AfterSalePolicy[]>> {
  const byContact = new Map<string, AfterSalePolicy[]>();
  if (contactIds.length === 0) return byContact;
  const rows = await db.getRepository(Policy).find({ where: { contactId: In([...contactIds]), status: 'active' }, order: { signedDate: 'ASC', id: 'ASC' } });
  for (const p of rows) {
    const list = byContact.get(p.contactId) ?? [];
    list.push({
      policyId: p.id, productName: p.productName, need: p.need, insuredRelation: p.insuredRelation, insuredName: p.insuredName,
      effectiveDate: p.effectiveDate, nextPremiumDate: p.nextPremiumDate, signedDate: p.signedDate,
    });
    byContact.set(p.contactId, list);
  }
  return byContact;
}

/** Contacts holding an active policy, in id order after `afterId` (the planner pages through them). */
export async function contactsWithPolicies(db: DataSource | EntityManager, afterId: string, limit: number): Promise<string[]> {
  const rows: { contact_id: string }[] = await db.getRepository(Policy).createQueryBuilder('p')
    .select('DISTINCT p.contact_id', 'contact_id').where("p.status = 'active'").andWhere('p.contact_id > :afterId', { afterId })
    .orderBy('p.contact_id', 'ASC').limit(limit).getRawMany();
  return rows.map((r) => r.contact_id);
}

/** Policies signed by some agents in a period, as the actuals count them (for the seller, wherever the policy is now). */
export async function signedPoliciesOf(db: DataSource | EntityManager, agentIds: readonly string[], fromDate: string, toDate: string): Promise<SignedPolicy[]> {
  if (agentIds.length === 0) return [];
  const rows = await db.getRepository(Policy).createQueryBuilder('p')
    .where('p.signed_by_agent_id IN (:...agentIds)', { agentIds: [...agentIds] }).andWhere('p.signed_date >= :fromDate AND p.signed_date <= :toDate', { fromDate, toDate })
    .getMany();
  return rows.map((p) => ({ agentId: p.signedByAgentId, annualPremiumFen: p.annualPremiumFen, signedDate: p.signedDate }));
}

/**
 * Moves a contact's policies to another agent and/or contact (a merge of two records of one
 * person), inside the caller's transaction; returns how many moved. The seller keeps the sale.
 */
export async function movePoliciesOfContact(
  manager: EntityManager, fromContactId: string, to: { agentId: string; contactId?: string }, nowMs: number,
): Promise<number> {
  const result = await manager.update(Policy, { contactId: fromContactId }, { agentId: to.agentId, contactId: to.contactId ?? fromContactId, updatedAtMs: nowMs });
  return result.affected ?? 0;
}

/** Erases the policies of contacts being erased (a privacy request), inside the caller's transaction; returns how many. */
export async function erasePoliciesOfContacts(manager: EntityManager, contactIds: readonly string[]): Promise<number> {
  if (contactIds.length === 0) return 0;
  const result = await manager.delete(Policy, { contactId: In([...contactIds]) });
  return result.affected ?? 0;
}

/** Moves the policies of contacts to another agent (a handover), in the caller's transaction; the seller keeps the sale. */
export async function movePoliciesOfContacts(manager: EntityManager, contactIds: readonly string[], toAgentId: string, nowMs: number): Promise<number> {
  if (contactIds.length === 0) return 0;
  const result = await manager.update(Policy, { contactId: In([...contactIds]) }, { agentId: toAgentId, updatedAtMs: nowMs });
  return result.affected ?? 0;
}
