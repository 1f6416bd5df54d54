import type { DataSource, EntityManager } from 'typeorm';

/** Touchpoints that are a service to the client: what an NPS answer after them is about. */
const SERVICE_TYPES = ['visit', 'anniversary_service', 'policy_signed'] as const;
/** How long after a service the reader page asks the NPS question. */
export const NPS_ASK_WITHIN_MS = 30 * 24 * 3_600_000;

/** A contact's latest NPS answer and the latest service before it. */
export interface NpsAfterService {
  contactId: string;
  /** The stored row's id (stable: a task is keyed by it). */
  eventId: string;
  score: number;
  atMs: number;
  serviceAtMs: number | null;
}

/** Contacts who answered NPS at or above `minScore` since `sinceMs` (those a referral ask may follow). */
export async function recentPromoterIds(db: DataSource | EntityManager, sinceMs: number, minScore: number): Promise<string[]> {
  const rows: { contact_id: string }[] = await db.query(
    "SELECT DISTINCT contact_id FROM touchpoint_event WHERE type = 'nps_answer' AND occurred_at_ms >= ? AND nps_score >= ? ORDER BY contact_id",
    [sinceMs, minScore],
  );
  return rows.map((r) => r.contact_id);
}

/** The latest NPS answer (up to `untilMs`) of each contact, with the latest service touchpoint before it. */
export async function latestNpsAfterService(db: DataSource | EntityManager, contactIds: readonly string[], untilMs: number): Promise<Map<string, NpsAfterService>> {
  const result = new Map<string, NpsAfterService>();
  if (contactIds.length === 0) return result;
  const marks = contactIds.map(() => '?').join(',');
  const rows: { id: string; contact_id: string; type: string; occurred_at_ms: number | string; nps_score: number | string | null }[] = await db.query(
    `SELECT id, contact_id, type, occurred_at_ms, nps_score FROM touchpoint_event
      WHERE contact_id IN (${marks}) AND occurred_at_ms <= ? AND type IN ('nps_answer', ${SERVICE_TYPES.map(() => '?').join(',')})
      ORDER BY occurred_at_ms ASC, id ASC`,
    [...contactIds, untilMs, ...SERVICE_TYPES],
  );
  const lastService = new Map<string, number>();
  for (const row of rows) {
    const atMs = Number(row.occurred_at_ms);
    if (row.type !== 'nps_answer') {
      lastService.set(row.contact_id, atMs);
      continue;
    }
    if (row.nps_score === null) continue;
    result.set(row.contact_id, { contactId: row.contact_id, eventId: row.id, score: Number(row.nps_score), atMs, serviceAtMs: lastService.get(row.contact_id) ?? null });
  }
  return result;
}

/**
 * Whether the reader page should ask this contact the NPS question (推荐评分): the agent logged a
 * service (a visit, an anniversary service, a signing) within the last 30 days, and the contact has
 * not answered since. Asked after a service only, so the answer is about the agent's service.
 */
export async function npsQuestionDue(db: DataSource | EntityManager, contactId: string, nowMs: number): Promise<boolean> {
  const rows: { service_at: number | string | null; answered_at: number | string | null }[] = await db.query(
    `SELECT (SELECT MAX(occurred_at_ms) FROM touchpoint_event WHERE contact_id = ? AND type IN (${SERVICE_TYPES.map(() => '?').join(',')})) AS service_at,
            (SELECT MAX(occurred_at_ms) FROM touchpoint_event WHERE contact_id = ? AND type = 'nps_answer') AS answered_at`,
    [contactId, ...SERVICE_TYPES, contactId],
  );
  const serviceAt = rows[0]?.service_at == null ? null : Number(rows[0].service_at);
  const answeredAt = rows[0]?.answered_at == null ? null : Number(rows[0].answered_at);
  if (serviceAt === null || serviceAt < nowMs - NPS_ASK_WITHIN_MS) return false;
  return answeredAt === null || answeredAt < serviceAt;
}
