import type { DataSource } from 'typeorm';
import type { TouchpointType } from '@kejing/shared';
import { dbUnavailable } from '../../lib/app-error';

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

/** Every row of the batch was new: the usual case, answered without building a set of ids. */
export const ALL_STORED = 'all' as const;
/** Which rows of a batch the database kept: all of them, or the ids of those that were new. */
export type StoredRows = typeof ALL_STORED | ReadonlySet<string>;

const COLUMN_NAMES =
  'id,client_event_id,contact_id,agent_id,share_id,content_version_id,type,occurred_at_ms,received_at_ms,depth_pct,dwell_ms,video_pct,video_position_sec,nps_score,note';
const COLUMN_COUNT = 15;
const ROW_PLACEHOLDERS = `(${Array.from({ length: COLUMN_COUNT }, () => '?').join(',')})`;

/** The row's values in COLUMN_NAMES order, appended to params (no per-row arrays). */
function pushValues(params: unknown[], row: EventRow): void {
  params.push(
    row.id, row.clientEventId, row.contactId, row.agentId, row.shareId, row.contentVersionId, row.type, row.occurredAtMs, row.receivedAtMs,
    row.depthPct, row.dwellMs, row.videoPct, row.videoPositionSec, row.npsScore, row.note,
  );
}

/** The parts of mysql2's callback pool we use (TypeORM's MySQL driver holds one). */
interface MysqlPool {
  query(sql: string, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

/** The parts of a better-sqlite3 Database we use (TypeORM's better-sqlite3 driver holds one). */
interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
}
interface SqliteDatabase {
  open: boolean;
  inTransaction: boolean;
  prepare(sql: string): SqliteStatement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
}

/** How long an SQLite commit waits for a transaction someone else holds open on the shared handle. */
const SQLITE_WAIT_STEP_MS = 1;
const SQLITE_WAIT_LIMIT_MS = 5000;

/**
 * Inserts many rows in one commit and says which were new. The unique key on
 * (contact_id, client_event_id) drops replays inside the database, so concurrent retries cannot
 * both land; the row ids we generated tell which of ours were the ones stored.
 *
 * It talks to the driver's own handle rather than through a TypeORM query runner: this is the
 * hottest write path, and the runner's per-query work (a runner object, parameter normalising,
 * logging and subscriber broadcasts) is pure overhead here.
 *  - MySQL/MariaDB: one multi-row INSERT IGNORE on TypeORM's mysql2 pool (autocommit: one
 *    statement, one commit). If fewer rows were affected than sent, a primary-key lookup says
 *    which of our ids made it.
 *  - SQLite: one transaction running a prepared single-row INSERT OR IGNORE per row; each run's
 *    `changes` says whether that row was new, and the statement is parsed once for the process.
 */
export class EventStore {
  private sqliteInsert: { db: SqliteDatabase; insertAll: (rows: EventRow[]) => Set<string> | null } | null = null;

  constructor(private readonly dataSource: DataSource) {}

  insertIgnoringReplays(rows: EventRow[]): Promise<StoredRows> {
    if (rows.length === 0) return Promise.resolve(ALL_STORED);
    return this.dataSource.options.type === 'better-sqlite3' ? this.insertSqlite(rows, Date.now()) : this.insertMysql(rows);
  }

  private mysqlPool(): MysqlPool {
    const pool = (this.dataSource.driver as unknown as { pool?: MysqlPool }).pool;
    if (!this.dataSource.isInitialized || !pool) throw dbUnavailable();
    return pool;
  }

  private async insertMysql(rows: EventRow[]): Promise<StoredRows> {
    const pool = this.mysqlPool();
    const params: unknown[] = [];
    let values = ROW_PLACEHOLDERS;
    pushValues(params, rows[0] as EventRow);
    for (let i = 1; i < rows.length; i++) {
      values += `,${ROW_PLACEHOLDERS}`;
      pushValues(params, rows[i] as EventRow);
    }
    const result = await query<{ affectedRows: number }>(pool, `INSERT IGNORE INTO touchpoint_event (${COLUMN_NAMES}) VALUES ${values}`, params);
    if (result.affectedRows === rows.length) return ALL_STORED;
    // Some were replays: ask which of our ids made it (a primary-key lookup).
    const ids = rows.map((r) => r.id);
    const found = await query<{ id: string }[]>(this.mysqlPool(), `SELECT id FROM touchpoint_event WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
    return new Set(found.map((r) => r.id));
  }

  private sqlite(): { db: SqliteDatabase; insertAll: (rows: EventRow[]) => Set<string> | null } {
    const db = (this.dataSource.driver as unknown as { databaseConnection?: SqliteDatabase }).databaseConnection;
    if (!this.dataSource.isInitialized || !db || !db.open) throw dbUnavailable();
    if (this.sqliteInsert?.db === db) return this.sqliteInsert;
    const statement = db.prepare(`INSERT OR IGNORE INTO touchpoint_event (${COLUMN_NAMES}) VALUES ${ROW_PLACEHOLDERS}`);
    const insertAll = db.transaction((batch: EventRow[]): Set<string> | null => {
      let skipped: Set<string> | null = null;
      for (const r of batch) {
        const { changes } = statement.run(
          r.id, r.clientEventId, r.contactId, r.agentId, r.shareId, r.contentVersionId, r.type, r.occurredAtMs, r.receivedAtMs,
          r.depthPct, r.dwellMs, r.videoPct, r.videoPositionSec, r.npsScore, r.note,
        );
        if (changes === 0) (skipped ??= new Set()).add(r.id);
      }
      return skipped;
    });
    this.sqliteInsert = { db, insertAll };
    return this.sqliteInsert;
  }

  /**
   * better-sqlite3 is synchronous and TypeORM shares its one connection: if a TypeORM transaction
   * is open on it right now (between awaits), committing here would nest inside it and our rows
   * would share its fate. So wait until the handle is free; the commit itself never yields.
   */
  private async insertSqlite(rows: EventRow[], startedMs: number): Promise<StoredRows> {
    const { db, insertAll } = this.sqlite();
    while (db.inTransaction) {
      if (Date.now() - startedMs > SQLITE_WAIT_LIMIT_MS) throw dbUnavailable();
      await new Promise((resolve) => setTimeout(resolve, SQLITE_WAIT_STEP_MS));
      if (!db.open) throw dbUnavailable();
    }
    const skipped = insertAll(rows);
    if (!skipped) return ALL_STORED;
    const stored = new Set<string>();
    for (const r of rows) if (!skipped.has(r.id)) stored.add(r.id);
    return stored;
  }
}

function query<T>(pool: MysqlPool, sql: string, values: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => pool.query(sql, values, (error, result) => (error ? reject(error) : resolve(result as T))));
}
