import { In, type DataSource, type EntityManager } from 'typeorm';
import type { StaffActor } from '../../../permissions/actor';
import { whereAgentInScope } from '../../../permissions/scope-query';
import { Contact } from '../contact.entity';

/**
 * What the privacy module reads and changes of contacts (PIPL export, opt-out, erasure), by name.
 */
export type PersonContact = Pick<Contact,
  'id' | 'agentId' | 'viewerUserId' | 'displayName' | 'createdAtMs' | 'optedOut' | 'trust' | 'intent' | 'cell' | 'stage' | 'referralClass'>;

type Db = DataSource | EntityManager;

/** The contacts bound to these WeChat users, and the contacts with these ids. */
export function contactsOfUsersOrIds(db: Db, userIds: readonly string[], contactIds: readonly string[]): Promise<PersonContact[]> {
  const where = [...(userIds.length > 0 ? [{ viewerUserId: In([...userIds]) }] : []), ...(contactIds.length > 0 ? [{ id: In([...contactIds]) }] : [])];
  return where.length === 0 ? Promise.resolve([]) : db.getRepository(Contact).find({ where });
}

/** A contact the actor may handle a privacy request for: operators company-wide, everyone else within their own scope. */
export function contactForPrivacyRequest(db: DataSource, actor: StaffActor, contactId: string): Promise<PersonContact | null> {
  const qb = db.getRepository(Contact).createQueryBuilder('contact').where('contact.id = :contactId', { contactId });
  return actor.role === 'operator' ? qb.getOne() : whereAgentInScope(qb, actor, 'contact.agent_id').getOne();
}

export async function setContactsOptedOut(manager: EntityManager, contactIds: readonly string[], optedOut: boolean): Promise<void> {
  await manager.update(Contact, { id: In([...contactIds]) }, { optedOut });
}

export async function setContactDisplayName(manager: EntityManager, contactId: string, displayName: string): Promise<void> {
  await manager.update(Contact, { id: contactId }, { displayName });
}

/** Before contacts are erased: the contacts they referred no longer name them. */
export async function forgetReferrer(manager: EntityManager, contactIds: readonly string[]): Promise<void> {
  await manager.update(Contact, { referredByContactId: In([...contactIds]) }, { referredByContactId: null });
}
