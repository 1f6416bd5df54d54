import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * A lead form row written straight into the table, for tests that seed budgets without the lead
 * service (its phone, consent and share are placeholders). Raw SQL, so it also serves migration
 * tests at an earlier schema. Returns the lead's id.
 */
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
