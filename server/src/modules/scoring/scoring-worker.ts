import type { DataSource } from 'typeorm';
import type { Logger } from '../../lib/logger';
import type { ContactChanges, ScoringTurn } from '../events/contact-changes';
import { TOUCHPOINT_TYPES, isProgressReport } from '@kejing/shared';
import { referrersOf } from '../contacts/referral-chain.queries';
import type { ScorerService } from './scorer.service';

const PROGRESS_REPORT_TYPES = TOUCHPOINT_TYPES.filter(isProgressReport);
const UNSCORED_ACTS = `SELECT DISTINCT contact_id FROM touchpoint_event WHERE scored = 0 AND type NOT IN (${PROGRESS_REPORT_TYPES.map(() => '?').join(', ')}) LIMIT 5000`;

export interface ScoringWorkerOptions {
  /** How often to look for touchpoints nobody told us about (after a restart, another process). */
  pollMs: number;
  /** Contacts scored in one transaction. */
  batchSize: number;
  /**
   * Contacts scored in one transaction while draining a backlog (the daily job, the CLI): nobody waits
   * on one of them in particular, and each commit costs the same whatever it holds. Default: batchSize.
   */
  drainBatchSize?: number;
}

/**
 * Runs the scorer after ingestion commits, never inside it: ingestion only publishes contact ids.
 * Unscored touchpoints are the durable queue, so a worker that was down (or a notice that was
 * missed) is caught up by the next poll, with the same results.
 *
 * Contacts wait in two lines: those with an act that may start a follow-up (咨询, a lead, an open)
 * are scored first, a batch of them at a time; those with only reading progress wait their turn.
 * With a thousand customers reading at once, one line made a customer's 咨询 wait behind a pass
 * over all of them (seconds) before the agent saw the task.
 */
export class ScoringWorker {
  private readonly lines: Record<ScoringTurn, Set<string>> = { first: new Set(), in_turn: new Set() };
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  /** How many drain() calls are under way: while any is, batches are drainBatchSize. */
  private draining = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scorer: Pick<ScorerService, 'scoreContacts'>,
    private readonly logger: Logger,
    private readonly options: ScoringWorkerOptions,
  ) {}

  /** Subscribes to ingestion's notices and starts polling. */
  start(changes: ContactChanges): void {
    this.stopped = false;
    changes.subscribe((ids, turn) => {
      if (this.stopped) return;
      this.add(ids, turn);
      this.kick();
    });
    this.timer = setInterval(() => void this.findUnscored().then(() => this.kick()), this.options.pollMs);
    this.timer.unref();
    void this.findUnscored().then(() => this.kick());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * Scores everything pending now and resolves when done (tests, the daily job, the CLI). One look
   * finds at most 5,000 contacts, so it looks again until nothing is left — or until a look finds
   * only contacts it found before (their scoring fails; the next poll retries them).
   */
  async drain(): Promise<void> {
    this.draining += 1;
    try {
      await this.drainAll();
    } finally {
      this.draining -= 1;
    }
  }

  private async drainAll(): Promise<void> {
    let before = new Set<string>();
    for (;;) {
      const found = await this.findUnscored();
      if (found.length > 0 && found.every((id) => before.has(id))) return;
      before = new Set(found);
      if (this.waiting === 0 && !this.running) return;
      while (this.waiting > 0 || this.running) {
        this.kick();
        await this.running;
      }
      if (found.length === 0) return;
    }
  }

  /** Contacts waiting to be scored, in both lines. */
  get waiting(): number {
    return this.lines.first.size + this.lines.in_turn.size;
  }

  /** A contact already waiting first stays first; one waiting its turn moves up when it acts. */
  private add(ids: Iterable<string>, turn: ScoringTurn): void {
    for (const id of ids) {
      if (turn === 'first') {
        this.lines.in_turn.delete(id);
        this.lines.first.add(id);
      } else if (!this.lines.first.has(id)) {
        this.lines.in_turn.add(id);
      }
    }
  }

  /** The next batch: from the first line while anyone is in it, then in turn; oldest first in each. */
  private takeBatch(): string[] {
    const line = this.lines.first.size > 0 ? this.lines.first : this.lines.in_turn;
    const size = this.draining > 0 ? this.options.drainBatchSize ?? this.options.batchSize : this.options.batchSize;
    const batch: string[] = [];
    for (const id of line) {
      if (batch.length === size) break;
      batch.push(id);
    }
    for (const id of batch) line.delete(id);
    return batch;
  }

  private kick(): void {
    if (this.running || this.waiting === 0) return;
    this.running = this.loop().finally(() => {
      this.running = null;
      if (this.waiting > 0 && !this.stopped) this.kick();
    });
  }

  private async loop(): Promise<void> {
    while (this.waiting > 0) {
      const batch = this.takeBatch();
      try {
        const outcomes = await this.scorer.scoreContacts(batch);
        await this.rescoreReferrers(outcomes.filter((o) => o.becameEngaged).map((o) => o.contactId)).catch((error: unknown) => {
          // The referee is scored; the referrers catch up with the daily job's rescoring.
          this.logger.warn('rescoring referrers failed', { detail: (error as Error).message?.slice(0, 200) });
        });
      } catch (error) {
        // The touchpoints stay unscored, so the next poll retries them; ingestion is unaffected.
        this.logger.warn('scoring failed; will retry', { contacts: batch.length, detail: (error as Error).message?.slice(0, 200) });
        return;
      }
    }
  }

  /**
   * A referee who engages moves their referrers' referral class (the credit runs up the whole
   * chain), so the referrers are rescored now, after the referee's commit, not at night.
   */
  private async rescoreReferrers(engagedIds: string[]): Promise<void> {
    if (engagedIds.length === 0) return;
    const referrers = await referrersOf(this.dataSource, engagedIds);
    for (let i = 0; i < referrers.length; i += this.options.batchSize) await this.scorer.scoreContacts(referrers.slice(i, i + this.options.batchSize));
  }

  /**
   * Adds contacts with touchpoints not taken in yet to the work, those with an act first (what a
   * worker in another process than the API learns only from here); returns them.
   */
  private async findUnscored(): Promise<string[]> {
    try {
      const acted: { contact_id: string }[] = await this.dataSource.query(UNSCORED_ACTS, PROGRESS_REPORT_TYPES);
      this.add(acted.map((row) => row.contact_id), 'first');
      const rows: { contact_id: string }[] = await this.dataSource.query(
        'SELECT DISTINCT contact_id FROM touchpoint_event WHERE scored = 0 LIMIT 5000',
      );
      this.add(rows.map((row) => row.contact_id), 'in_turn');
      return [...new Set([...acted, ...rows].map((row) => row.contact_id))];
    } catch (error) {
      this.logger.warn('scorer could not look for work', { detail: (error as Error).message?.slice(0, 200) });
      return [];
    }
  }
}
