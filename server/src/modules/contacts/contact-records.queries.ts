import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { ContactNote } from './contact-note.entity';
import { ContactPhone } from './contact-phone.entity';

/**
 * What the contacts module lets others read and erase of its agent-written records (notes and
 * entered phones): the privacy export and erasure go through these, not through the entities.
 */
export interface NoteRow {
  noteId: string;
  contactId: string;
  authorId: string;
  body: string;
  createdAtMs: number;
  updatedAtMs: number;
}
export interface PhoneRow {
  phoneId: string;
  contactId: string;
  agentId: string;
  phoneCipher: string;
  basis: ContactPhone['basis'];
  position: number;
}

/** Notes on these contacts, oldest first. */
export async function notesOfContacts(db: DataSource | EntityManager, contactIds: string[]): Promise<NoteRow[]> {
  if (contactIds.length === 0) return [];
  const rows = await db.getRepository(ContactNote).find({ where: { contactId: In(contactIds) }, order: { createdAtMs: 'ASC', id: 'ASC' } });
  return rows.map((n) => ({ noteId: n.id, contactId: n.contactId, authorId: n.authorId, body: n.body, createdAtMs: n.createdAtMs, updatedAtMs: n.updatedAtMs }));
}

/** Phones the agent entered on these contacts, in the agent's order. */
export async function phonesOfContacts(db: DataSource | EntityManager, contactIds: string[]): Promise<PhoneRow[]> {
  if (contactIds.length === 0) return [];
  const rows = await db.getRepository(ContactPhone).find({ where: { contactId: In(contactIds) }, order: { position: 'ASC', id: 'ASC' } });
  return rows.map((p) => ({ phoneId: p.id, contactId: p.contactId, agentId: p.agentId, phoneCipher: p.phoneCipher, basis: p.basis, position: p.position }));
}

/** Erases notes and entered phones with their contacts; returns how many of each went. */
export async function eraseContactRecords(manager: EntityManager, contactIds: string[]): Promise<{ notes: number; phones: number }> {
  if (contactIds.length === 0) return { notes: 0, phones: 0 };
  // Counted first: not every driver reports how many rows a DELETE took.
  const notes = await manager.count(ContactNote, { where: { contactId: In(contactIds) } });
  const phones = await manager.count(ContactPhone, { where: { contactId: In(contactIds) } });
  await manager.delete(ContactNote, { contactId: In(contactIds) });
  await manager.delete(ContactPhone, { contactId: In(contactIds) });
  return { notes, phones };
}
