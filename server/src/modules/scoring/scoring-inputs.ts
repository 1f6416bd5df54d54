import type { DataSource, EntityManager } from 'typeorm';
import type { ContactContext, ScoringEvent, TagCode, TouchpointType } from '@kejing/shared';
import { descendantsOf, referralRowsOf } from '../contacts/referral-chain.queries';
import { leadFormsOf, type LeadFormRow } from '../leads/queries/lead-forms';
import { activePolicyCounts } from '../policies/policy.queries';

/** A touchpoint row with what the scorer needs about its content and lead. */
export interface LoadedEvent extends ScoringEvent {
  rowId: string;
  scored: boolean;
  contentVersionId: string | null;
  contentTitle: string | null;
}

interface EventQueryRow {
  id: string;
  client_event_id: string;
  type: TouchpointType;
  occurred_at_ms: number | string;
  content_version_id: string | null;
  depth_pct: number | null;
  dwell_ms: number | null;
  video_pct: number | null;
  nps_score: number | null;
  scored: number | boolean;
  item_id: string | null;
  title: string | null;
  tags: string | null;
}

/**
 * Every touchpoint of some contacts, as ScoringEvents, in one query; with `unscoredOnly`, only those
 * not taken in yet (the scorer folding them into stored states), found through the unscored index
 * without reading the contacts' histories.
 */
export async function loadScoringEvents(db: DataSource | EntityManager, contactIds: string[], options: { unscoredOnly?: boolean } = {}): Promise<Map<string, LoadedEvent[]>> {
  const byContact = new Map<string, LoadedEvent[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0) return byContact;
  const rows: (EventQueryRow & { contact_id: string })[] = await db.query(
    `SELECT e.id, e.contact_id, e.client_event_id, e.type, e.occurred_at_ms, e.content_version_id, e.depth_pct, e.dwell_ms,
            e.video_pct, e.nps_score, e.scored, v.item_id, v.title, v.tags
       FROM touchpoint_event e
       LEFT JOIN content_version v ON v.id = e.content_version_id
      WHERE ${options.unscoredOnly ? 'e.scored = 0 AND ' : ''}e.contact_id IN (${contactIds.map(() => '?').join(',')})`,
    contactIds,
  );
  // A lead_submit touchpoint carries its lead form (the lead shares its client id); one whose lead was erased carries nothing.
  const forms = new Map<string, LeadFormRow>();
  if (rows.some((r) => r.type === 'lead_submit')) for (const f of await leadFormsOf(db, contactIds)) forms.set(`${f.contactId}|${f.clientEventId}`, f);
  for (const row of rows) {
    const form = row.type === 'lead_submit' ? forms.get(`${row.contact_id}|${row.client_event_id}`) : undefined;
    const event: LoadedEvent = {
      rowId: row.id,
      id: row.client_event_id,
      type: row.type,
      occurredAtMs: Number(row.occurred_at_ms),
      contentTags: row.tags ? (JSON.parse(row.tags) as TagCode[]) : [],
      ...(row.item_id ? { contentId: row.item_id } : {}),
      ...(row.depth_pct !== null ? { depthPct: Number(row.depth_pct) } : {}),
      ...(row.dwell_ms !== null ? { dwellMs: Number(row.dwell_ms) } : {}),
      ...(row.video_pct !== null ? { videoPct: Number(row.video_pct) } : {}),
      ...(row.nps_score !== null ? { npsScore: Number(row.nps_score) } : {}),
      ...(row.type === 'lead_submit'
        ? {
            lead: {
              budgetFen: form?.budgetFen ?? undefined,
              insuredPerson: form?.insuredPerson ?? undefined,
              needs: form?.needs,
            },
          }
        : {}),
      scored: row.scored === true || Number(row.scored) === 1,
      contentVersionId: row.content_version_id,
      contentTitle: row.title,
    };
    byContact.get(row.contact_id)?.push(event);
  }
  return byContact;
}

// A referred contact "engaged" when it did more than open: read, watched, tapped, left details, forwarded.
export const ENGAGED_TYPES: readonly TouchpointType[] = ['read_progress', 'read_complete', 'video_progress', 'live_join', 'card_view', 'consult_tap', 'lead_submit', 'forward'];

/**
 * Which of these contacts engaged at some time (the referral credit they give up their chain): from
 * their stored scoring states (one row each, whatever their histories), and from the touchpoints of
 * those without a state only.
 */
export async function engagedContactIds(db: DataSource | EntityManager, contactIds: readonly string[]): Promise<Set<string>> {
  const engaged = new Set<string>();
  const withState = new Set<string>();
  for (let i = 0; i < contactIds.length; i += 500) {
    const chunk = contactIds.slice(i, i + 500);
    const rows: { contact_id: string; engaged: number | boolean }[] = await db.query(
      `SELECT contact_id, engaged FROM contact_score_state WHERE contact_id IN (${chunk.map(() => '?').join(',')})`, chunk,
    );
    for (const row of rows) {
      withState.add(row.contact_id);
      if (row.engaged === true || Number(row.engaged) === 1) engaged.add(row.contact_id);
    }
  }
  const rest = contactIds.filter((id) => !withState.has(id));
  for (let i = 0; i < rest.length; i += 500) {
    const chunk = rest.slice(i, i + 500);
    const rows: { contact_id: string }[] = await db.query(
      `SELECT DISTINCT contact_id FROM touchpoint_event WHERE contact_id IN (${chunk.map(() => '?').join(',')}) AND type IN (${ENGAGED_TYPES.map(() => '?').join(',')})`,
      [...chunk, ...ENGAGED_TYPES],
    );
    for (const row of rows) engaged.add(row.contact_id);
  }
  return engaged;
}

/**
 * Standing facts: opt-out, what the agent recorded (WeChat friend, policies held: the larger of the
 * count the agent typed and the active policies recorded), and how many contacts this one brought
 * in who engaged — down the whole forward chain, not one level: a friend's friend who engages
 * credits everyone above them (新客开来).
 */
export async function loadContactContexts(
  db: DataSource | EntityManager,
  contacts: { id: string; optedOut: boolean; wechatFriend?: boolean; policiesHeld?: number }[],
): Promise<Map<string, ContactContext>> {
  const ids = contacts.map((c) => c.id);
  const recorded = await activePolicyCounts(db, ids);
  const contexts = new Map<string, ContactContext>(contacts.map((c) => [
    c.id, {
      optedOut: c.optedOut, engagedReferrals: 0, isWeChatFriend: c.wechatFriend === true,
      policiesHeld: Math.max(c.policiesHeld ?? 0, recorded.get(c.id) ?? 0),
    },
  ]));
  if (contacts.length === 0) return contexts;
  // A scored contact may be below another in the same batch: it is one of the roots, not among those found below.
  const below = await descendantsOf(db, ids);
  const parent = new Map([...(await referralRowsOf(db, ids)), ...below].map((r) => [r.id, r.referredByContactId]));
  for (const id of await engagedContactIds(db, [...ids, ...below.map((r) => r.id)])) {
    const seen = new Set<string>();
    for (let up = parent.get(id); up && !seen.has(up); up = parent.get(up)) {
      seen.add(up);
      const context = contexts.get(up);
      if (context) context.engagedReferrals += 1;
    }
  }
  return contexts;
}
