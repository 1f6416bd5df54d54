import type { DataSource } from 'typeorm';
import type { TouchpointType } from '@kejing/shared';

/** A touchpoint row as the writer inserts it. */
export interface EventRow {
  id: string;
  clientEventId: string;
  contactId: string;
  agentId: string;
  shareId: string | null;
  contentVersionId: string | null;
  type: TouchpointType;
  occurredAtMs: number;
  receivedAtMs: number;
  depthPct: number | null;
  dwellMs: number | null;
  videoPct: number | null;
  videoPositionSec: number | null;
  npsScore: number | null;
  note: string | null;
}

const COLUMNS: [keyof EventRow, string][] = [
  ['id', 'id'], ['clientEventId', 'client_event_id'], ['contactId', 'contact_id'], ['agentId', 'agent_id'], ['shareId', 'share_id'],
  ['contentVersionId', 'content_version_id'], ['type', 'type'], ['occurredAtMs', 'occurred_at_ms'], ['receivedAtMs', 'received_at_ms'],
  ['depthPct', 'depth_pct'], ['dwellMs', 'dwell_ms'], ['videoPct', 'video_pct'], ['videoPositionSec', 'video_position_sec'],
  ['npsScore', 'nps_score'], ['note', 'note'],
];
const ROW_PLACEHOLDERS = `(${COLUMNS.map(() => '?').join(',')})`;

/**
 * Inserts many rows in one statement and says which were new. The unique key on
 * (contact_id, client_event_id) drops replays inside the database, so concurrent retries cannot
 * both land; the row ids we generated tell which of ours were the ones stored.
 */
export class EventStore {
  private readonly insertVerb: string;

  constructor(private readonly dataSource: DataSource) {
    this.insertVerb = dataSource.options.type === 'better-sqlite3' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  }

  async insertIgnoringReplays(rows: EventRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const sql = `${this.insertVerb} INTO touchpoint_event (${COLUMNS.map(([, c]) => c).join(',')}) VALUES ${rows.map(() => ROW_PLACEHOLDERS).join(',')}`;
    const params = rows.flatMap((row) => COLUMNS.map(([key]) => row[key]));
    const runner = this.dataSource.createQueryRunner();
    let affected: number;
    try {
      affected = (await runner.query(sql, params, true)).affected ?? 0;
    } finally {
      await runner.release();
    }
    if (affected === rows.length) return new Set(rows.map((r) => r.id));
    // Some were replays: ask which of our ids made it (a primary-key lookup).
    const found: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM touchpoint_event WHERE id IN (${rows.map(() => '?').join(',')})`,
      rows.map((r) => r.id),
    );
    return new Set(found.map((r) => r.id));
  }
}
