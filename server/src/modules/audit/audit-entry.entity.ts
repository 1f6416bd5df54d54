import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

export type AuditDetail = Record<string, string | number | boolean | null>;

/** Append-only: who did what to whom, and when. No code path updates or deletes a row. */
@Entity('audit_entry')
@Index('idx_audit_entry_subject', ['subjectType', 'subjectId'])
export class AuditEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @UuidColumn({ name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ name: 'subject_type', type: 'varchar', length: 32 }) subjectType!: string;
  @Column({ name: 'subject_id', type: 'varchar', length: 36 }) subjectId!: string;
  @Column({ type: 'simple-json', nullable: true }) detail!: AuditDetail | null;
  @EpochMsColumn({ name: 'at_ms' }) atMs!: number;
}
