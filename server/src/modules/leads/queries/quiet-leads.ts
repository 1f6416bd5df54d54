import type { DataSource, EntityManager } from 'typeorm';

/** A contact's latest lead form, followed by nothing but its own submission. */
export interface QuietLead {
  leadId: string;
  contactId: string;
  createdAtMs: number;
}

/**
 * Leads sent in (toMs, fromMs] that are their contact's latest and after which the contact did
 * nothing but the lead's own submission (follow-up memory: a lead gone quiet).
 */
export async function quietLatestLeads(db: DataSource | EntityManager, fromMs: number, toMs: number): Promise<QuietLead[]> {
  const rows: { id: string; contact_id: string; created_at_ms: number | string }[] = await db.query(
    `SELECT l.id, l.contact_id, l.created_at_ms FROM lead l
      WHERE l.created_at_ms <= ? AND l.created_at_ms > ?
        AND NOT EXISTS (SELECT 1 FROM lead l2 WHERE l2.contact_id = l.contact_id AND l2.created_at_ms > l.created_at_ms)
        AND NOT EXISTS (SELECT 1 FROM touchpoint_event e WHERE e.contact_id = l.contact_id AND e.occurred_at_ms > l.created_at_ms AND e.type <> 'lead_submit')`,
    [toMs, fromMs],
  );
  return rows.map((r) => ({ leadId: r.id, contactId: r.contact_id, createdAtMs: Number(r.created_at_ms) }));
}
