import { In, type DataSource, type EntityManager } from 'typeorm';
import { HEALTH_NEEDS } from '@kejing/shared';
import { Consent } from '../consent.entity';
import { Lead } from '../lead.entity';

/**
 * What the privacy module reads and erases of leads and consents (PIPL export, withdrawal,
 * erasure, retention), by name: the leads module owns both tables.
 */
export type ConsentRow = Pick<Consent, 'id' | 'contactId' | 'kind' | 'textVersion' | 'purpose' | 'givenAtMs' | 'withdrawnAtMs'>;
export type LeadRow = Pick<Lead,
  'id' | 'contactId' | 'name' | 'phoneCipher' | 'phoneHash' | 'phonePrefix3' | 'phoneLast4' | 'phoneSource' | 'budgetFen' | 'insuredPerson' | 'needs' | 'createdAtMs'>;

type Db = DataSource | EntityManager;

/** The consents of some contacts, oldest first. */
export function consentsOf(db: Db, contactIds: readonly string[]): Promise<ConsentRow[]> {
  return contactIds.length === 0 ? Promise.resolve([]) : db.getRepository(Consent).find({ where: { contactId: In([...contactIds]) }, order: { givenAtMs: 'ASC' } });
}

export function consentById(db: Db, consentId: string): Promise<ConsentRow | null> {
  return db.getRepository(Consent).findOneBy({ id: consentId });
}

export async function recordConsent(manager: EntityManager, consent: ConsentRow): Promise<void> {
  await manager.insert(Consent, consent);
}

/**
 * Marks the consent withdrawn and stops what it allowed: a health consent's needs come off the
 * leads that rested on it; a contact-details consent's leads are returned for erasure.
 */
export async function withdrawConsentRow(manager: EntityManager, consent: ConsentRow, nowMs: number): Promise<LeadRow[]> {
  await manager.update(Consent, { id: consent.id }, { withdrawnAtMs: nowMs });
  if (consent.kind === 'health') {
    const leads = await manager.getRepository(Lead).findBy({ healthConsentId: consent.id });
    for (const lead of leads) {
      await manager.update(Lead, { id: lead.id }, { needs: lead.needs.filter((n) => !HEALTH_NEEDS.includes(n)), healthConsentId: null });
    }
    return [];
  }
  return manager.getRepository(Lead).findBy({ consentId: consent.id });
}

/** The leads of some contacts, oldest first. */
export function leadsOf(db: Db, contactIds: readonly string[]): Promise<LeadRow[]> {
  return contactIds.length === 0 ? Promise.resolve([]) : db.getRepository(Lead).find({ where: { contactId: In([...contactIds]) }, order: { createdAtMs: 'ASC' } });
}

/** The contacts with a lead carrying one of these phones (by keyed hash). */
export async function contactIdsWithLeadPhones(db: Db, phoneHashes: readonly string[]): Promise<string[]> {
  if (phoneHashes.length === 0) return [];
  const rows = await db.getRepository(Lead).find({ select: { contactId: true }, where: { phoneHash: In([...new Set(phoneHashes)]) } });
  return [...new Set(rows.map((l) => l.contactId))];
}

/** The phones (keyed hashes) on some contacts' leads, each once. */
export async function leadPhoneHashesOf(db: Db, contactIds: readonly string[]): Promise<string[]> {
  if (contactIds.length === 0) return [];
  const rows = await db.getRepository(Lead).find({ select: { phoneHash: true }, where: { contactId: In([...contactIds]) } });
  return [...new Set(rows.map((l) => l.phoneHash))];
}

/**
 * Deletes leads and answers, per contact they were on, the name of its latest lead left (null when
 * none is left), for the contact's shown name.
 */
export async function eraseLeadRows(manager: EntityManager, leads: readonly LeadRow[]): Promise<Map<string, string | null>> {
  const namesLeft = new Map<string, string | null>();
  if (leads.length === 0) return namesLeft;
  await manager.delete(Lead, { id: In(leads.map((l) => l.id)) });
  const contactIds = [...new Set(leads.map((l) => l.contactId))];
  const left = await manager.getRepository(Lead).find({ where: { contactId: In(contactIds) }, order: { createdAtMs: 'DESC' } });
  for (const contactId of contactIds) namesLeft.set(contactId, left.find((l) => l.contactId === contactId)?.name ?? null);
  return namesLeft;
}

/**
 * Leads created before `beforeMs` whose contact did nothing after them but the lead's own
 * submission (a read, a reply, an agent's call … would count as engaged): retention erases these.
 */
export function unengagedLeadsBefore(db: Db, beforeMs: number): Promise<LeadRow[]> {
  return db.getRepository(Lead).createQueryBuilder('lead')
    .where('lead.created_at_ms < :before', { before: beforeMs })
    .andWhere(`NOT EXISTS (SELECT 1 FROM touchpoint_event e WHERE e.contact_id = lead.contact_id AND e.occurred_at_ms > lead.created_at_ms AND e.type <> 'lead_submit')`)
    .getMany();
}
