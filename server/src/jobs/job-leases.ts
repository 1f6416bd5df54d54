import type { DataSource } from 'typeorm';
import type { Clock } from '../lib/clock';
import { JobDay, JobPart } from './job-lease.entity';

/** A part as a job declares it: its name, its phase and the key range it covers. */
export interface PartSpec {
  part: string;
  phase: number;
  lo: string | null;
  hi: string | null;
}

export interface LeaseOptions {
  /** How long a claim holds without a heartbeat; a process silent this long is taken as dead. */
  leaseMs: number;
}

/**
 * Leases on the parts of a once-a-day job, shared by every process on the database (ARCHITECTURE
 * convention 10). Every change is one conditional UPDATE whose affected-row count says whether this
 * process won (claim) or still holds the part (heartbeat, checkpoint, complete), so no process
 * needs to know the others exist. Times come from `clock`, the live one, never a job's as-of date.
 */
export class JobLeases {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    readonly owner: string,
    private readonly options: LeaseOptions,
  ) {}

  /** Creates the day and its parts unless another process already did; returns the day as stored. */
  async openDay(job: string, day: string, asOfMs: number, parts: PartSpec[]): Promise<JobDay> {
    const now = this.clock.nowMs();
    await this.dataSource.createQueryBuilder().insert().into(JobDay)
      .values({ job, day, asOfMs, createdAtMs: now, doneAtMs: null, summary: null }).orIgnore().execute();
    // Each part on its own: a process that died between the day and its parts leaves them to the next.
    await this.dataSource.createQueryBuilder().insert().into(JobPart)
      .values(parts.map((p) => ({ job, day, ...p, status: 'pending' as const, owner: null, leaseUntilMs: null, position: null, attempts: 0, result: null, finishedAtMs: null })))
      .orIgnore().execute();
    return this.dataSource.getRepository(JobDay).findOneByOrFail({ job, day });
  }

  async day(job: string, day: string): Promise<JobDay | null> {
    return this.dataSource.getRepository(JobDay).findOneBy({ job, day });
  }

  async parts(job: string, day: string): Promise<JobPart[]> {
    return this.dataSource.getRepository(JobPart).find({ where: { job, day }, order: { phase: 'ASC', part: 'ASC' } });
  }

  /**
   * Takes a part of the earliest unfinished phase that is free (pending, or its holder's lease ran
   * out); 'wait' when every such part is held, 'done' when every part is done.
   */
  async claimNext(job: string, day: string): Promise<JobPart | 'wait' | 'done'> {
    const open = (await this.parts(job, day)).filter((p) => p.status !== 'done');
    if (open.length === 0) return 'done';
    const phase = Math.min(...open.map((p) => p.phase));
    const now = this.clock.nowMs();
    const free = open.filter((p) => p.phase === phase && (p.status === 'pending' || (p.leaseUntilMs ?? 0) < now));
    // Start at a different part in each process so that processes arriving together rarely collide.
    const start = free.length > 0 ? hashOf(this.owner) % free.length : 0;
    for (let i = 0; i < free.length; i += 1) {
      const candidate = free[(start + i) % free.length] as JobPart;
      const claimed = await this.dataSource.createQueryBuilder().update(JobPart)
        .set({ status: 'running', owner: this.owner, leaseUntilMs: now + this.options.leaseMs, attempts: () => 'attempts + 1' })
        .where('job = :job AND day = :day AND part = :part', { job, day, part: candidate.part })
        .andWhere("(status = 'pending' OR (status = 'running' AND lease_until_ms < :now))", { now })
        .execute();
      if (claimed.affected === 1) {
        return { ...candidate, status: 'running', owner: this.owner, leaseUntilMs: now + this.options.leaseMs, attempts: candidate.attempts + 1 };
      }
    }
    return 'wait';
  }

  /** Extends the lease; false when it was lost (another process took the part over). */
  async heartbeat(part: JobPart): Promise<boolean> {
    return this.whileHeld(part, { leaseUntilMs: this.clock.nowMs() + this.options.leaseMs });
  }

  /** Records how far the part got (and extends the lease); false when it was lost. */
  async checkpoint(part: JobPart, position: string, result: unknown): Promise<boolean> {
    return this.whileHeld(part, { position, result: JSON.stringify(result), leaseUntilMs: this.clock.nowMs() + this.options.leaseMs });
  }

  /** Marks the part done with its result; false when it was lost meanwhile (the other holder finishes it). */
  async complete(part: JobPart, result: unknown): Promise<boolean> {
    return this.whileHeld(part, { status: 'done', result: JSON.stringify(result), leaseUntilMs: null, finishedAtMs: this.clock.nowMs() });
  }

  /** Hands a held part back (keeping how far it got), for another process to take at once. */
  async release(part: JobPart): Promise<boolean> {
    return this.whileHeld(part, { status: 'pending', owner: null, leaseUntilMs: null });
  }

  /** Marks the day done with its summary, once: a second caller changes nothing. */
  async finishDay(job: string, day: string, summary: unknown): Promise<void> {
    await this.dataSource.createQueryBuilder().update(JobDay).set({ doneAtMs: this.clock.nowMs(), summary: JSON.stringify(summary) })
      .where('job = :job AND day = :day AND done_at_ms IS NULL', { job, day }).execute();
  }

  private async whileHeld(part: JobPart, change: Partial<JobPart>): Promise<boolean> {
    const updated = await this.dataSource.createQueryBuilder().update(JobPart).set(change)
      .where("job = :job AND day = :day AND part = :part AND owner = :owner AND status = 'running'", { job: part.job, day: part.day, part: part.part, owner: this.owner })
      .execute();
    return updated.affected === 1;
  }
}

function hashOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}
