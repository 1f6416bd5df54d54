import type { EntityManager } from 'typeorm';
import { Contact } from './contact.entity';

/** A lead form names the contact: the name given becomes the contact's display name, in the lead's own transaction. */
export async function nameContactFromLead(manager: EntityManager, contactId: string, name: string): Promise<void> {
  await manager.update(Contact, { id: contactId }, { displayName: name });
}
