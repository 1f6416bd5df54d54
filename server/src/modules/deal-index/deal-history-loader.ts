/**
 * Reads what shared's extractDealFeatures needs for a set of contacts, a few grouped queries per
 * chunk: touchpoints with their content's tags, stage entries, lead forms, and the referrer.
 */
import type { DataSource } from 'typeorm';
import type { DealHistory, DealLead, DealTouchpoint, Stage, TagCode, TouchpointType } from '@kejing/shared';
import { leadFormsOf } from '../leads/queries/lead-forms';

type Num = number | string;
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');
const CHUNK = 500;

/** Each contact's history, cut at asOf(contactId) (features only use what came strictly before). */
export async function loadDealHistories(db: DataSource, contactIds: readonly string[], asOf: (contactId: string) => number): Promise<Map<string, DealHistory>> {
  const out = new Map<string, DealHistory>();
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    const ids = contactIds.slice(i, i + CHUNK);
    const marks = placeholders(ids.length);
    const contacts: { id: string; referred_by_contact_id: string | null }[] = await db.query(
      `SELECT id, referred_by_contact_id FROM contact WHERE id IN (${marks})`, ids,
    );
    for (const c of contacts) {
      out.set(c.id, { contactId: c.id, asOfMs: asOf(c.id), touchpoints: [], stageEnteredAt: [], leads: [], referredByContactId: c.referred_by_contact_id });
    }
    const events: { contact_id: string; type: TouchpointType; occurred_at_ms: Num; depth_pct: Num | null; dwell_ms: Num | null; nps_score: Num | null; item_id: string | null; tags: string | null }[] =
      await db.query(
        `SELECT e.contact_id, e.type, e.occurred_at_ms, e.depth_pct, e.dwell_ms, e.nps_score, v.item_id, v.tags
           FROM touchpoint_event e LEFT JOIN content_version v ON v.id = e.content_version_id WHERE e.contact_id IN (${marks})`,
        ids,
      );
    for (const e of events) {
      const touchpoint: DealTouchpoint = {
        type: e.type,
        atMs: Number(e.occurred_at_ms),
        contentId: e.item_id,
        tags: e.tags ? (JSON.parse(e.tags) as TagCode[]) : [],
        depthPct: e.depth_pct === null ? null : Number(e.depth_pct),
        dwellMs: e.dwell_ms === null ? null : Number(e.dwell_ms),
        npsScore: e.nps_score === null ? null : Number(e.nps_score),
      };
      (out.get(e.contact_id)?.touchpoints as DealTouchpoint[] | undefined)?.push(touchpoint);
    }
    const moves: { contact_id: string; to_stage: Num; at_ms: Num }[] = await db.query(
      `SELECT contact_id, to_stage, at_ms FROM contact_stage_change WHERE contact_id IN (${marks})`, ids,
    );
    for (const m of moves) {
      (out.get(m.contact_id)?.stageEnteredAt as { stage: Stage; atMs: number }[] | undefined)?.push({ stage: Number(m.to_stage) as Stage, atMs: Number(m.at_ms) });
    }
    for (const l of await leadFormsOf(db, ids)) {
      const lead: DealLead = { atMs: l.createdAtMs, budgetFen: l.budgetFen, insuredPerson: l.insuredPerson, needs: l.needs };
      (out.get(l.contactId)?.leads as DealLead[] | undefined)?.push(lead);
    }
  }
  return out;
}

/**
 * Closed contacts and the moment each outcome was recorded (the cut-off of its training example):
 * those settled in Kejing, then those with an imported past outcome (deal_past_outcome) and none
 * recorded here — an outcome recorded in Kejing wins, so no contact counts twice.
 */
export async function loadClosedContacts(db: DataSource): Promise<{ contactId: string; won: boolean; closedAtMs: number; maxStage: Stage }[]> {
  const settled = await loadSettledContacts(db);
  // `+c.merged_into_contact_id`: else SQLite walks every unmerged contact (idx_contact_merged_into) to probe
  // the imported outcomes, 70 ms at 100,000 contacts even with none imported, twice a night (training, priors).
  const past: { contact_id: string; won: Num | boolean; outcome_date: string }[] = await db.query(
    `SELECT p.contact_id, p.won, p.outcome_date FROM deal_past_outcome p JOIN contact c ON c.id = p.contact_id
      WHERE c.outcome NOT IN ('won', 'lost') AND +c.merged_into_contact_id IS NULL ORDER BY p.contact_id`,
  );
  // The start of the outcome's China day: only what came before it may explain it, the furthest stage included.
  const cutOf = new Map(past.map((r) => [r.contact_id, Date.parse(`${r.outcome_date}T00:00:00+08:00`)]));
  const maxStage = new Map<string, number>();
  for (let i = 0; i < past.length; i += CHUNK) {
    const ids = past.slice(i, i + CHUNK).map((r) => r.contact_id);
    const moves: { contact_id: string; to_stage: Num; at_ms: Num }[] = await db.query(
      `SELECT contact_id, to_stage, at_ms FROM contact_stage_change WHERE contact_id IN (${placeholders(ids.length)})`, ids,
    );
    for (const m of moves) {
      if (Number(m.at_ms) < (cutOf.get(m.contact_id) ?? 0)) maxStage.set(m.contact_id, Math.max(maxStage.get(m.contact_id) ?? 1, Number(m.to_stage)));
    }
  }
  return [
    ...settled,
    ...past.map((r) => ({
      contactId: r.contact_id, won: Boolean(Number(r.won)), closedAtMs: cutOf.get(r.contact_id) ?? 0, maxStage: (maxStage.get(r.contact_id) ?? 1) as Stage,
    })),
  ];
}

async function loadSettledContacts(db: DataSource): Promise<{ contactId: string; won: boolean; closedAtMs: number; maxStage: Stage }[]> {
  const rows: { id: string; outcome: string; closed_at_ms: Num | null; last_touch_at_ms: Num | null; created_at_ms: Num; max_stage: Num | null }[] = await db.query(
    `SELECT c.id, c.outcome, c.last_touch_at_ms, c.created_at_ms,
            (SELECT MIN(e.occurred_at_ms) FROM touchpoint_event e WHERE e.contact_id = c.id AND e.type IN ('policy_signed', 'closed_lost')) AS closed_at_ms,
            (SELECT MAX(sc.to_stage) FROM contact_stage_change sc WHERE sc.contact_id = c.id) AS max_stage
       FROM contact c WHERE c.outcome IN ('won', 'lost') ORDER BY c.id`,
  );
  return rows.map((r) => ({
    contactId: r.id,
    won: r.outcome === 'won',
    closedAtMs: Number(r.closed_at_ms ?? r.last_touch_at_ms ?? r.created_at_ms),
    maxStage: Math.max(1, Number(r.max_stage ?? 1)) as Stage,
  }));
}
