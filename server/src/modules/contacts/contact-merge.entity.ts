import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ContactMergeReason } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** Two contacts of one agent made one: what `into` was before, so that undo restores both. */
@Entity('contact_merge')
@Index('idx_contact_merge_into', ['intoContactId', 'createdAtMs'])
export class ContactMerge {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @UuidColumn({ name: 'agent_id' }) agentId!: string;
  @UuidColumn({ name: 'actor_id' }) actorId!: string;
  @Index('idx_contact_merge_from') @UuidColumn({ name: 'from_contact_id' }) fromContactId!: string;
  @UuidColumn({ name: 'into_contact_id' }) intoContactId!: string;
  @Column({ type: 'varchar', length: 16 }) reason!: ContactMergeReason;
  /** The agent-set fields of `into` before the merge filled its gaps, and whose viewer moved. */
  @Column({ name: 'into_before', type: 'simple-json' }) intoBefore!: Record<string, string | number | boolean | null | string[] | object>;
  /** Rows moved per step, counted (the rows themselves are in contact_merge_row). */
  @Column({ type: 'simple-json' }) moved!: Record<string, number>;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
  @EpochMsColumn({ name: 'undone_at_ms', nullable: true }) undoneAtMs!: number | null;
}

/** One row a merge step moved, with what undo needs to put it back as it was. */
@Entity('contact_merge_row')
export class ContactMergeRow {
  @PrimaryColumn({ name: 'merge_id', type: 'varchar', length: 36 }) mergeId!: string;
  @PrimaryColumn({ type: 'varchar', length: 30 }) step!: string;
  @PrimaryColumn({ name: 'row_id', type: 'varchar', length: 36 }) rowId!: string;
  /** The row's state before the move where more than its contact changed (a task's status). */
  @Column({ type: 'varchar', length: 100, nullable: true }) prior!: string | null;
}
