import type { EntityManager } from 'typeorm';

/**
 * Takes the contact's row lock (MySQL/MariaDB) to the end of the caller's transaction, as the scorer
 * does, so whatever hangs on the contact is decided by one writer at a time; SQLite serialises writers itself.
 */
export async function lockContact(manager: EntityManager, contactId: string): Promise<void> {
  if (manager.connection.options.type === 'better-sqlite3') return;
  await manager.query('SELECT id FROM contact WHERE id = ? FOR UPDATE', [contactId]);
}
