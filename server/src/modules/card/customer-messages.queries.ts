import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { CustomerMessage } from './customer-message.entity';

/** What the card module lets the privacy export and erasure read and erase of customers' 留言. */
export interface MessageRow {
  contactId: string;
  body: string;
  createdAtMs: number;
}

/** Messages left under these contacts, oldest first. */
export async function messagesOfContacts(db: DataSource | EntityManager, contactIds: string[]): Promise<MessageRow[]> {
  if (contactIds.length === 0) return [];
  const rows = await db.getRepository(CustomerMessage).find({ where: { contactId: In(contactIds) }, order: { createdAtMs: 'ASC', id: 'ASC' } });
  return rows.map((m) => ({ contactId: m.contactId, body: m.body, createdAtMs: m.createdAtMs }));
}

/** Erases the messages left under these contacts; how many went. */
export async function eraseCustomerMessages(manager: EntityManager, contactIds: string[]): Promise<number> {
  if (contactIds.length === 0) return 0;
  return (await manager.delete(CustomerMessage, { contactId: In(contactIds) })).affected ?? 0;
}
