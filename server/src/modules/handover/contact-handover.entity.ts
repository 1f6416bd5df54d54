import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { HandoverKind } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** One move of one contact between agents or a pool: the contact's ownership history. */
@Entity('contact_handover')
@Index('idx_contact_handover_contact', ['contactId', 'atMs'])
@Index('idx_contact_handover_claims', ['toAgentId', 'kind', 'atMs'])
export class ContactHandover {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The moves made together (one handover, one take-back run). */
  @UuidColumn({ name: 'batch_id' }) batchId!: string;
  @UuidColumn({ name: 'contact_id' }) contactId!: string;
  /** Null when the contact came from a pool. */
  @Index('idx_contact_handover_from') @UuidColumn({ name: 'from_agent_id', nullable: true }) fromAgentId!: string | null;
  /** Null when the contact went to a pool. */
  @UuidColumn({ name: 'to_agent_id', nullable: true }) toAgentId!: string | null;
  @UuidColumn({ name: 'pool_org_unit_id', nullable: true }) poolOrgUnitId!: string | null;
  @Column({ type: 'varchar', length: 12 }) kind!: HandoverKind;
  /** Null for the daily job's take-back. */
  @UuidColumn({ name: 'by_staff_id', nullable: true }) byStaffId!: string | null;
  @EpochMsColumn({ name: 'at_ms' }) atMs!: number;
}
