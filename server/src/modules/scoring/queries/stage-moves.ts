import type { DataSource, EntityManager } from 'typeorm';
import type { Stage } from '@kejing/shared';

type Db = DataSource | EntityManager;

/** Deals recorded lost in (fromMs, toMs]: the contact and when. */
export async function lossesBetween(db: Db, fromMs: number, toMs: number): Promise<{ contactId: string; atMs: number }[]> {
  const rows: { contact_id: string; at_ms: number | string }[] = await db.query(
    "SELECT contact_id, at_ms FROM contact_stage_change WHERE outcome = 'lost' AND at_ms <= ? AND at_ms > ?", [toMs, fromMs],
  );
  return rows.map((r) => ({ contactId: r.contact_id, atMs: Number(r.at_ms) }));
}

/** A step back to an earlier stage. */
export interface StepBack {
  changeId: string;
  contactId: string;
  fromStage: Stage;
  toStage: Stage;
  atMs: number;
}

/** Steps back in (fromMs, toMs] that no touchpoint caused (the daily job's step-backs on silence). */
export async function silentStepBacksBetween(db: Db, fromMs: number, toMs: number): Promise<StepBack[]> {
  const rows: { id: string; contact_id: string; from_stage: number | string; to_stage: number | string; at_ms: number | string }[] = await db.query(
    'SELECT id, contact_id, from_stage, to_stage, at_ms FROM contact_stage_change WHERE event_id IS NULL AND to_stage < from_stage AND at_ms <= ? AND at_ms > ?',
    [toMs, fromMs],
  );
  return rows.map((r) => ({
    changeId: r.id, contactId: r.contact_id, fromStage: Number(r.from_stage) as Stage, toStage: Number(r.to_stage) as Stage, atMs: Number(r.at_ms),
  }));
}
