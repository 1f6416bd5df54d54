import { AppError, dbUnavailable } from '../../lib/app-error';
import { retryOnLockConflict } from '../../lib/lock-conflict';
import { ALL_STORED, EventRow, EventStore } from './event-store';

export interface WriteResult {
  stored: number;
  duplicates: number;
}

export interface EventWriterOptions {
  /** Rows one group commit may carry (a single request larger than this still goes in one). */
  maxRows: number;
  /** Group commits running at once (1 for SQLite, which has one writer anyway). */
  maxInFlight: number;
  /** How long a request waits for its commit before answering 503. */
  timeoutMs: number;
}

/** The store as the writer sees it (tests pass a fake). */
export type EventSink = Pick<EventStore, 'insertIgnoringReplays'>;

/**
 * One request's rows, waiting for their commit. Until answered it is also a link in the writer's
 * list of unanswered requests, oldest first (see EventWriter.expire).
 */
class Pending {
  /** Answered (committed, failed or timed out): nothing more may happen to it. */
  settled = false;
  older: Pending | null = null;
  newer: Pending | null = null;

  constructor(
    readonly rows: EventRow[],
    /** performance.now() after which the request answers 503. */
    readonly deadline: number,
    private readonly onResolve: (result: WriteResult) => void,
    private readonly onReject: (error: unknown) => void,
    private readonly onSettled: (pending: Pending) => void,
  ) {}

  resolve(result: WriteResult): void {
    if (this.settled) return;
    this.settled = true;
    this.onSettled(this);
    this.onResolve(result);
  }

  reject(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.onSettled(this);
    this.onReject(error);
  }
}

const shuttingDown = () => new AppError(503, 'shutting_down', undefined, undefined, { 'Retry-After': '1' });

/**
 * Group commit. Requests queue their rows; whenever a commit slot is free (checked at the end of
 * the event-loop turn that queued them), everything queued so far (up to maxRows) goes to the
 * database in one commit, and each request is answered when the commit that carried its rows
 * returns. At low load that is one commit per request with no added wait beyond that turn; under
 * load, the requests that arrive while a commit runs share the next one. A request
 * is only ever acknowledged after the commit that carried it; if that commit fails, every request
 * it carried is rejected and none acknowledged. A request that times out answers 503 (its rows
 * may still commit later: the client retries and the unique key stores them once); if it was
 * still queued, its rows are dropped rather than written for nobody.
 */
export class EventWriter {
  private queue: Pending[] = [];
  /**
   * The unanswered requests, a list from oldest to newest. All wait the same timeoutMs, so their
   * deadlines come in this order, and one timer set for the oldest stands in for a timer per
   * request (which cost more than the rest of the writer's own work for each).
   */
  private oldest: Pending | null = null;
  private newest: Pending | null = null;
  private readonly unlink = (pending: Pending): void => {
    if (pending.older) pending.older.newer = pending.newer;
    else this.oldest = pending.newer;
    if (pending.newer) pending.newer.older = pending.older;
    else this.newest = pending.older;
    pending.older = pending.newer = null;
  };
  private deadlineTimer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  private readonly listeners: ((rows: EventRow[]) => void)[] = [];
  private stopped = false;
  private pumpScheduled = false;

  constructor(private readonly store: EventSink, private readonly options: EventWriterOptions) {}

  /** Called after every commit with the rows it stored (the scorer listens). */
  onCommitted(listener: (rows: EventRow[]) => void): void {
    this.listeners.push(listener);
  }

  /** Counters since start: commits made, requests and rows they carried (rows per commit tells how well grouping works). */
  readonly totals = { commits: 0, requests: 0, rows: 0, failedCommits: 0 };

  /** Commits in progress and requests waiting for a slot, for tests and metrics. */
  get load(): { inFlight: number; queued: number } {
    return { inFlight: this.inFlight, queued: this.queue.length };
  }

  write(rows: EventRow[]): Promise<WriteResult> {
    if (this.stopped) return Promise.reject(shuttingDown());
    if (rows.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    return new Promise<WriteResult>((resolve, reject) => {
      const pending = new Pending(rows, performance.now() + this.options.timeoutMs, resolve, reject, this.unlink);
      this.queue.push(pending);
      pending.older = this.newest;
      if (this.newest) this.newest.newer = pending;
      else this.oldest = pending;
      this.newest = pending;
      if (!this.deadlineTimer) this.armDeadlineTimer(pending.deadline);
      this.schedulePump();
    });
  }

  private armDeadlineTimer(deadline: number): void {
    this.deadlineTimer = setTimeout(() => this.expire(), Math.max(0, Math.ceil(deadline - performance.now())));
    // drain() waits for the commits themselves; this timer alone must not keep a process alive.
    this.deadlineTimer.unref();
  }

  /** Answers 503 to every request past its deadline, then waits for the oldest one left. */
  private expire(): void {
    this.deadlineTimer = null;
    const now = performance.now();
    while (this.oldest && this.oldest.deadline <= now) this.oldest.reject(dbUnavailable());
    if (this.oldest) this.armDeadlineTimer(this.oldest.deadline);
  }

  /**
   * A new request waits for the end of the current event-loop turn before a free slot commits it,
   * so the requests read from sockets in one turn share a commit. Without that, a store that
   * commits synchronously (better-sqlite3) would commit each request alone, blocking the loop
   * once per request; with MySQL it only saves round trips. A finished commit pumps at once.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Stops taking writes and waits for the queued and in-flight commits. */
  async drain(): Promise<void> {
    this.stopped = true;
    while (this.inFlight > 0 || this.queue.length > 0) {
      this.pump();
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = this.takeGroup();
      if (group.length === 0) continue;
      this.inFlight += 1;
      void this.commit(group).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** The head of the queue up to maxRows (at least one request), skipping requests already answered. */
  private takeGroup(): Pending[] {
    const queue = this.queue;
    let rowCount = 0;
    let taken = 0;
    const group: Pending[] = [];
    while (taken < queue.length) {
      const next = queue[taken] as Pending;
      if (!next.settled) {
        if (group.length > 0 && rowCount + next.rows.length > this.options.maxRows) break;
        group.push(next);
        rowCount += next.rows.length;
      }
      taken += 1;
    }
    this.queue = taken === queue.length ? [] : queue.slice(taken);
    return group;
  }

  private async commit(group: Pending[]): Promise<void> {
    const rows = group.length === 1 ? (group[0] as Pending).rows : group.flatMap((p) => p.rows);
    let stored;
    try {
      // Concurrent INSERT IGNOREs of replayed ids can deadlock on the unique key's gap locks; the
      // loser was rolled back whole, and the unique key keeps a repeat from storing anything twice.
      stored = await retryOnLockConflict(() => this.store.insertIgnoringReplays(rows));
    } catch (error) {
      this.totals.failedCommits += 1;
      for (const pending of group) pending.reject(error);
      return;
    }
    this.totals.commits += 1;
    this.totals.requests += group.length;
    this.totals.rows += rows.length;
    let committed = rows;
    if (stored === ALL_STORED) {
      for (const pending of group) pending.resolve({ stored: pending.rows.length, duplicates: 0 });
    } else {
      for (const pending of group) {
        let mine = 0;
        for (const row of pending.rows) if (stored.has(row.id)) mine += 1;
        pending.resolve({ stored: mine, duplicates: pending.rows.length - mine });
      }
      committed = rows.filter((r) => stored.has(r.id));
    }
    if (committed.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(committed);
      } catch {
        // A listener's failure must not touch requests that are already committed and answered.
      }
    }
  }
}
