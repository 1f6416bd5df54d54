import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ImportJobStatus, ImportMappingEntry, ImportRowOutcome } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** One uploaded file on its way in: previewed, then committed row by row (progress is processedRows). */
@Entity('import_job')
@Index('idx_import_job_owner', ['ownerId', 'createdAtMs'])
export class ImportJob {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: string;
  /** The staff member who uploaded it; only they see or commit it. */
  @UuidColumn({ name: 'owner_id' }) ownerId!: string;
  @Column({ name: 'file_name', type: 'varchar', length: 200 }) fileName!: string;
  @Column({ type: 'varchar', length: 12 }) status!: ImportJobStatus;
  @Column({ type: 'simple-json' }) headers!: string[];
  @Column({ type: 'simple-json', nullable: true }) mapping!: ImportMappingEntry[] | null;
  @Column({ name: 'total_rows', type: 'int' }) totalRows!: number;
  @Column({ name: 'processed_rows', type: 'int', default: 0 }) processedRows!: number;
  @Column({ type: 'simple-json' }) counts!: Record<ImportRowOutcome, number>;
  /** While running, the process working on it holds it until then; a lapsed lease is taken over. */
  @EpochMsColumn({ name: 'lease_until_ms', nullable: true }) leaseUntilMs!: number | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
  @EpochMsColumn({ name: 'finished_at_ms', nullable: true }) finishedAtMs!: number | null;
}
