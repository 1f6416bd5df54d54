import type { DataSource, EntityManager } from 'typeorm';
import { Not } from 'typeorm';
import { Lead } from './lead.entity';

/** What other modules may read of leads, by name (the contact book's reveal and duplicate check). */
export interface LeadPhoneRow {
  leadId: string;
  contactId: string;
  phoneCipher: string;
}

const row = (lead: Lead | null): LeadPhoneRow | null => (lead ? { leadId: lead.id, contactId: lead.contactId, phoneCipher: lead.phoneCipher } : null);

/** The contact's latest lead, or null. */
export async function latestLeadOf(db: DataSource | EntityManager, contactId: string): Promise<LeadPhoneRow | null> {
  return row(await db.getRepository(Lead).findOne({ where: { contactId }, order: { createdAtMs: 'DESC' } }));
}

/** One lead of the contact, or null. */
export async function leadOfContact(db: DataSource | EntityManager, contactId: string, leadId: string): Promise<LeadPhoneRow | null> {
  return row(await db.getRepository(Lead).findOneBy({ id: leadId, contactId }));
}

/** A lead of this agent with this phone hash under another contact, or null. */
export async function leadWithPhoneElsewhere(db: DataSource | EntityManager, agentId: string, phoneHash: string, exceptContactId: string): Promise<LeadPhoneRow | null> {
  return row(await db.getRepository(Lead).findOneBy({ agentId, phoneHash, contactId: Not(exceptContactId) }));
}
