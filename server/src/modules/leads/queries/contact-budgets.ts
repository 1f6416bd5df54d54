import type { DataSource, EntityManager } from 'typeorm';

/**
 * The budget each contact's latest lead form named (a later form without one leaves it standing),
 * kept on the contact so the morning list and the forecast read it with the contact's own row (a
 * thousand-id lookup in the lead table cost the MariaDB morning list about 4 ms of its 20 at
 * 10,000,000 contacts). Worked out again from the leads left whenever a lead is written or erased,
 * in the same transaction: the lead table stays the one source.
 */
export async function refreshContactBudgets(db: DataSource | EntityManager, contactIds: readonly string[]): Promise<void> {
  const ids = [...new Set(contactIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await db.query(
      `UPDATE contact SET budget_fen = (
         SELECT l.budget_fen FROM lead l WHERE l.contact_id = contact.id AND l.budget_fen IS NOT NULL ORDER BY l.created_at_ms DESC, l.id DESC LIMIT 1
       ) WHERE id IN (${chunk.map(() => '?').join(',')})`,
      chunk,
    );
  }
}
