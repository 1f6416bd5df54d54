import { AppError, dbUnavailable } from '../../lib/app-error';
import type { EventRow, EventStore } from './event-store';

interface Pending {
  rows: EventRow[];
  resolve: (result: WriteResult) => void;
  reject: (error: unknown) => void;
}

export interface WriteResult {
  stored: number;
  duplicates: number;
  /** Ids of this request's rows that were new. */
  storedIds: Set<string>;
}

export interface EventWriterOptions {
  /** Rows one group commit may carry. */
  maxRows: number;
  /** Group commits running at once (1 for SQLite, which has one writer anyway). */
  maxInFlight: number;
  /** How long a request waits for its commit before answering 503. */
  timeoutMs: number;
}

/**
 * Group commit. Requests queue their rows; whenever a commit slot is free, everything queued so
 * far goes to the database in one multi-row INSERT, and each request is answered when the commit
 * that carried its rows returns. At low load that is one commit per request with no added wait;
 * under load, many requests share a commit. A request is only ever acknowledged after commit.
 */
export class EventWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  private readonly listeners: ((rows: EventRow[]) => void)[] = [];
  private stopped = false;

  constructor(private readonly store: EventStore, private readonly options: EventWriterOptions) {}

  /** Called after every commit with the rows it stored (the scorer listens). */
  onCommitted(listener: (rows: EventRow[]) => void): void {
    this.listeners.push(listener);
  }

  write(rows: EventRow[]): Promise<WriteResult> {
    if (this.stopped) return Promise.reject(new AppError(503, 'shutting_down', 'the server is restarting; retry', undefined, { 'Retry-After': '1' }));
    if (rows.length === 0) return Promise.resolve({ stored: 0, duplicates: 0, storedIds: new Set() });
    return new Promise<WriteResult>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(dbUnavailable());
      }, this.options.timeoutMs);
      this.queue.push({
        rows,
        resolve: (r) => {
          clearTimeout(timer);
          if (!settled) resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          if (!settled) reject(e);
        },
      });
      this.pump();
    });
  }

  /** Stops taking writes and waits for commits in flight. */
  async drain(): Promise<void> {
    this.stopped = true;
    while (this.inFlight > 0 || this.queue.length > 0) {
      this.pump();
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group: Pending[] = [];
      let rowCount = 0;
      while (this.queue.length > 0 && (group.length === 0 || rowCount + (this.queue[0] as Pending).rows.length <= this.options.maxRows)) {
        const next = this.queue.shift() as Pending;
        group.push(next);
        rowCount += next.rows.length;
      }
      this.inFlight += 1;
      void this.commit(group).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async commit(group: Pending[]): Promise<void> {
    const rows = group.flatMap((p) => p.rows);
    let storedIds: Set<string>;
    try {
      storedIds = await this.store.insertIgnoringReplays(rows);
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    for (const pending of group) {
      const mine = new Set(pending.rows.filter((r) => storedIds.has(r.id)).map((r) => r.id));
      pending.resolve({ stored: mine.size, duplicates: pending.rows.length - mine.size, storedIds: mine });
    }
    const committed = rows.filter((r) => storedIds.has(r.id));
    if (committed.length > 0) for (const listener of this.listeners) listener(committed);
  }
}
