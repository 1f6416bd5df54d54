import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Rows written straight into their tables, for tests that need a contact or a lead and not the
 * services that make them. Raw SQL, so they also serve migration tests at an earlier schema.
 */

/** A contact with only what every schema requires (an owner, a name); returns its id. */
export async function insertBareContact(db: DataSource, contact: { id?: string; agentId?: string; displayName?: string } = {}): Promise<string> {
  const id = contact.id ?? randomUUID();
  await db.query('INSERT INTO contact (id, agent_id, display_name, created_at_ms) VALUES (?, ?, ?, 0)', [id, contact.agentId ?? randomUUID(), contact.displayName ?? '客户']);
  return id;
}

/** A lead form, for tests that seed budgets without the lead service (its phone, consent and share are placeholders); returns its id. */
export async function insertLeadForm(
  db: DataSource,
  lead: { contactId: string; budgetFen: number | null; createdAtMs: number; agentId?: string; id?: string },
): Promise<string> {
  const id = lead.id ?? randomUUID();
  await db.query(
    // `lead` is a word of MariaDB's (the LEAD window function): named, it is escaped.
    `INSERT INTO ${db.driver.escape('lead')} (id, client_event_id, contact_id, agent_id, name, phone_cipher, phone_hash, phone_last4, phone_prefix3, budget_fen, needs, consent_id, created_at_ms)
     VALUES (?, ?, ?, ?, '客户', 'x', ?, '0000', '138', ?, '[]', ?, ?)`,
    [id, randomUUID(), lead.contactId, lead.agentId ?? randomUUID(), randomUUID().replace(/-/g, ''), lead.budgetFen, randomUUID(), lead.createdAtMs],
  );
  return id;
}
