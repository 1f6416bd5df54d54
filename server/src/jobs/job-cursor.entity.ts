import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../db/columns';

/** Where a background job got to, so that after a restart it catches up rather than starts over. */
@Entity('job_cursor')
export class JobCursor {
  @PrimaryColumn({ type: 'varchar', length: 64 }) name!: string;
  @EpochMsColumn({ name: 'position_ms' }) positionMs!: number;
  @Column({ type: 'varchar', length: 200, nullable: true }) note!: string | null;
}
