import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../db/columns';

/**
 * One run of a once-a-day job for one China day, shared by every process: the first to arrive
 * creates it (and its parts), the rest join. `asOfMs` is the instant the run is dated at, stored so
 * the parts agree whoever runs them; `doneAtMs` and `summary` are set once every part is done.
 */
@Entity('job_day')
export class JobDay {
  @PrimaryColumn({ type: 'varchar', length: 32 }) job!: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  @EpochMsColumn({ name: 'as_of_ms' }) asOfMs!: number;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
  @EpochMsColumn({ name: 'done_at_ms', nullable: true }) doneAtMs!: number | null;
  @Column({ type: 'text', nullable: true }) summary!: string | null;
}

export type JobPartStatus = 'pending' | 'running' | 'done';

/**
 * A slice of a job's day that one process at a time holds with a lease and heartbeats; a part
 * whose lease ran out (its process died) is taken by another, which resumes at `position`.
 * Phases run in order: a part of phase n is claimed only once every part of phase n−1 is done.
 */
@Entity('job_part')
export class JobPart {
  @PrimaryColumn({ type: 'varchar', length: 32 }) job!: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  @PrimaryColumn({ type: 'varchar', length: 32 }) part!: string;
  @Column({ type: 'int' }) phase!: number;
  /** Key range [lo, hi) of the rows this part covers; null = unbounded. */
  @Column({ type: 'varchar', length: 36, nullable: true }) lo!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) hi!: string | null;
  @Column({ type: 'varchar', length: 12 }) status!: JobPartStatus;
  @Column({ type: 'varchar', length: 64, nullable: true }) owner!: string | null;
  @EpochMsColumn({ name: 'lease_until_ms', nullable: true }) leaseUntilMs!: number | null;
  /** The last key done, so a part taken over after a crash does not start again from lo. */
  @Column({ type: 'varchar', length: 36, nullable: true }) position!: string | null;
  /** Claims so far: 1 when nobody died holding it. */
  @Column({ type: 'int' }) attempts!: number;
  /** The part's counts as JSON, summed into the day's summary. */
  @Column({ type: 'text', nullable: true }) result!: string | null;
  @EpochMsColumn({ name: 'finished_at_ms', nullable: true }) finishedAtMs!: number | null;
}
