import type { EntityManager } from 'typeorm';

/**
 * Takes the contact's row lock (MySQL/MariaDB) to the end of the caller's transaction, as the scorer
 * does, so whatever hangs on the contact is decided by one writer at a time; SQLite serialises writers itself.
 */
export async function lockContact(manager: EntityManager, contactId: string): Promise<void> {
  if (manager.connection.options.type === 'better-sqlite3') return;
  await manager.query('SELECT id FROM contact WHERE id = ? FOR UPDATE', [contactId]);
}

/**
 * Several contacts' row locks in one statement, taken in id order so that two writers locking
 * overlapping sets cannot deadlock on each other; SQLite serialises writers itself.
 */
export async function lockContacts(manager: EntityManager, contactIds: readonly string[]): Promise<void> {
  if (manager.connection.options.type === 'better-sqlite3') return;
  const ids = [...new Set(contactIds)].sort();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await manager.query(`SELECT id FROM contact WHERE id IN (${chunk.map(() => '?').join(',')}) ORDER BY id FOR UPDATE`, chunk);
  }
}
