import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ImportRowOutcome } from '@kejing/shared';

/** One data row of an uploaded file, by its line; its outcome once committed. */
@Entity('import_row')
@Index('idx_import_row_outcome', ['jobId', 'outcome'])
export class ImportRow {
  @PrimaryColumn({ name: 'job_id', type: 'varchar', length: 36 }) jobId!: string;
  @PrimaryColumn({ type: 'int' }) line!: number;
  /** The row's cells as text, in the file's column order. */
  @Column({ type: 'simple-json' }) cells!: string[];
  @Column({ type: 'varchar', length: 10, nullable: true }) outcome!: ImportRowOutcome | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) reason!: string | null;
  /** What the row became (a contact's id …), when it became something. */
  @Column({ name: 'record_id', type: 'varchar', length: 36, nullable: true }) recordId!: string | null;
}
