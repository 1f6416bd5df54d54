import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DataSource, EntityManager } from 'typeorm';
import type { ContactState } from '@kejing/shared';
import type { ContactMergeStep } from '../contacts/contact-merge-step';

/** What is stored of a contact's state: the fold, and whether it has engaged yet. */
export interface StoredScoreState {
  state: ContactState | null;
  engaged: boolean;
}

/**
 * A state whose stored text is larger than this is not stored (the contact's history is replayed each
 * time instead): a flood of touchpoints on one day keeps all of that day's evidence, and MySQL's TEXT
 * holds 64 KB.
 */
export const MAX_STATE_BYTES = 60_000;

/**
 * How a state is stored: without the closed days' contributions, its JSON deflated, in base64
 * behind this mark. The contributions are the explanation's part of a state (the score itself is
 * kept as a running total beside them) and were 6.7 of its 8.5 KB; the contact page works the
 * explanation out by replaying the history instead (score-explanation.ts), so every night's
 * scoring parses, folds, serialises and writes about a fifth of what it did. The rest deflates to
 * about a third (the stage and interest entries repeat their keys). A state stored whole, or as
 * plain JSON (before this), still reads.
 */
const DEFLATED = 'z1:';

export function encodeScoreState(state: ContactState): string {
  const stored: ContactState = { ...state, scores: { ...state.scores, closed: [] } };
  // Level 1: a tenth larger than the default level, in two thirds of the time.
  return DEFLATED + deflateRawSync(Buffer.from(JSON.stringify(stored)), { level: 1 }).toString('base64');
}

/** The state stored as `text`; null for one that does not read (it is replaced by replaying the history). */
export function decodeScoreState(text: string): ContactState | null {
  try {
    const json = text.startsWith(DEFLATED) ? inflateRawSync(Buffer.from(text.slice(DEFLATED.length), 'base64')).toString() : text;
    return JSON.parse(json) as ContactState;
  } catch {
    return null;
  }
}

const isMysql = (manager: EntityManager) => manager.connection.options.type !== 'better-sqlite3';
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** The stored states of these contacts; a contact without one (or with one that does not parse) is absent. */
export async function loadScoreStates(manager: DataSource | EntityManager, contactIds: readonly string[]): Promise<Map<string, StoredScoreState>> {
  const out = new Map<string, StoredScoreState>();
  for (let i = 0; i < contactIds.length; i += 500) {
    const chunk = contactIds.slice(i, i + 500);
    const rows: { contact_id: string; state: string; engaged: number | boolean }[] = await manager.query(
      `SELECT contact_id, state, engaged FROM contact_score_state WHERE contact_id IN (${marks(chunk.length)})`, chunk,
    );
    for (const row of rows) out.set(row.contact_id, { state: decodeScoreState(row.state), engaged: row.engaged === true || Number(row.engaged) === 1 });
  }
  return out;
}

/** Stores states (insert or replace), in the scorer's transaction; one too large to store is dropped instead. */
export async function saveScoreStates(manager: EntityManager, rows: { contactId: string; state: ContactState; engaged: boolean }[], nowMs: number): Promise<void> {
  const keep: unknown[][] = [];
  const drop: string[] = [];
  for (const row of rows) {
    const text = encodeScoreState(row.state);
    if (text.length > MAX_STATE_BYTES) drop.push(row.contactId);
    else keep.push([row.contactId, text, row.engaged ? 1 : 0, nowMs]);
  }
  await forgetScoreStates(manager, drop);
  for (let i = 0; i < keep.length; i += 200) {
    const chunk = keep.slice(i, i + 200);
    const values = chunk.map(() => '(?,?,?,?)').join(',');
    const upsert = isMysql(manager)
      ? 'ON DUPLICATE KEY UPDATE state = VALUES(state), engaged = VALUES(engaged), updated_at_ms = VALUES(updated_at_ms)'
      : 'ON CONFLICT(contact_id) DO UPDATE SET state = excluded.state, engaged = excluded.engaged, updated_at_ms = excluded.updated_at_ms';
    await manager.query(`INSERT INTO contact_score_state (contact_id, state, engaged, updated_at_ms) VALUES ${values} ${upsert}`, chunk.flat());
  }
}

/**
 * Drops the states of contacts whose stored history changed other than by new touchpoints
 * (touchpoints or lead forms deleted, moved by a merge): their next scoring replays the history.
 */
export async function forgetScoreStates(manager: EntityManager, contactIds: readonly string[]): Promise<void> {
  for (let i = 0; i < contactIds.length; i += 500) {
    const chunk = contactIds.slice(i, i + 500);
    await manager.query(`DELETE FROM contact_score_state WHERE contact_id IN (${marks(chunk.length)})`, chunk);
  }
}

/**
 * A merge (and its undo) moves touchpoints between the two contacts: both histories are replayed.
 * The contact merged away is hidden: the daily job has nothing to recheck on it (undo rescores it).
 */
export const scoreStateMergeStep: ContactMergeStep = {
  name: 'score_states',
  async move(manager, fromContactId, intoContactId) {
    await forgetScoreStates(manager, [fromContactId, intoContactId]);
    await manager.query('UPDATE contact SET next_recheck_at_ms = NULL WHERE id = ?', [fromContactId]);
    return [];
  },
  async undo(manager, fromContactId, intoContactId) {
    await forgetScoreStates(manager, [fromContactId, intoContactId]);
  },
};
