import type { DataSource, EntityManager } from 'typeorm';

type Num = number | string;

/** What a lead form told about the person, as the scorer and the deal index read it. */
export interface LeadFormRow {
  contactId: string;
  /** The lead_submit touchpoint's client id, which the lead shares. */
  clientEventId: string;
  createdAtMs: number;
  budgetFen: number | null;
  insuredPerson: string | null;
  needs: string[];
}

/** Every lead form of some contacts, in no particular order. */
export async function leadFormsOf(db: DataSource | EntityManager, contactIds: readonly string[]): Promise<LeadFormRow[]> {
  if (contactIds.length === 0) return [];
  const rows: { contact_id: string; client_event_id: string; created_at_ms: Num; budget_fen: Num | null; insured_person: string | null; needs: string | null }[] = await db.query(
    `SELECT contact_id, client_event_id, created_at_ms, budget_fen, insured_person, needs FROM lead WHERE contact_id IN (${contactIds.map(() => '?').join(',')})`,
    [...contactIds],
  );
  return rows.map((l) => ({
    contactId: l.contact_id,
    clientEventId: l.client_event_id,
    createdAtMs: Number(l.created_at_ms),
    budgetFen: l.budget_fen === null ? null : Number(l.budget_fen),
    insuredPerson: l.insured_person,
    needs: l.needs ? (JSON.parse(l.needs) as string[]) : [],
  }));
}
