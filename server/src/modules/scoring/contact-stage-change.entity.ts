import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DealOutcome, Stage } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** One move of a contact between sales stages: the funnel's and content analytics' raw material. */
@Entity('contact_stage_change')
@Index('idx_contact_stage_change_contact', ['contactId', 'atMs'])
@Index('idx_contact_stage_change_agent', ['agentId', 'atMs'])
export class ContactStageChange {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @UuidColumn({ name: 'contact_id' }) contactId!: string;
  @UuidColumn({ name: 'agent_id' }) agentId!: string;
  @Column({ name: 'from_stage', type: 'int', nullable: true }) fromStage!: Stage | null;
  @Column({ name: 'to_stage', type: 'int' }) toStage!: Stage;
  @Column({ type: 'varchar', length: 8 }) outcome!: DealOutcome;
  /** The touchpoint that proved the new stage; null for a step back on silence. */
  @UuidColumn({ name: 'event_id', nullable: true }) eventId!: string | null;
  /** The content that touchpoint was about, so analytics can credit it. */
  @UuidColumn({ name: 'content_version_id', nullable: true }) contentVersionId!: string | null;
  @EpochMsColumn({ name: 'at_ms' }) atMs!: number;
}
