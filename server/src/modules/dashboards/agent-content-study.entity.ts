import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../db/columns';

/** How deep an agent read a content item themselves on one China day (KYB134 Knowledge reads it). */
@Entity('agent_content_study')
export class AgentContentStudy {
  @PrimaryColumn({ name: 'agent_id', type: 'varchar', length: 36 }) agentId!: string;
  @PrimaryColumn({ name: 'item_id', type: 'varchar', length: 36 }) itemId!: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  /** Deepest read that day, 0..100. */
  @Column({ name: 'depth_pct', type: 'int' }) depthPct!: number;
  @EpochMsColumn({ name: 'updated_at_ms' }) updatedAtMs!: number;
}
