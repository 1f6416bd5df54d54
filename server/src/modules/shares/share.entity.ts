import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ShareChannel } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** A tracked share of one content version by one agent; forwards are child shares. */
@Entity('share')
export class Share {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('idx_share_agent') @UuidColumn({ name: 'agent_id' }) agentId!: string;
  @UuidColumn({ name: 'content_version_id' }) contentVersionId!: string;
  @Column({ type: 'varchar', length: 16 }) channel!: ShareChannel;
  @UuidColumn({ name: 'parent_share_id', nullable: true }) parentShareId!: string | null;
  /** The contact who forwarded, for a child share. */
  @UuidColumn({ name: 'forwarded_by_contact_id', nullable: true }) forwardedByContactId!: string | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
