import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NoticeTemplate } from '@kejing/shared';
import { EpochMsColumn } from '../../db/columns';

/** Sends left for one template: WeChat allows one per 允许 the agent tapped in requestSubscribeMessage. */
@Entity('notice_grant')
export class NoticeGrant {
  @PrimaryColumn({ name: 'agent_id', type: 'varchar', length: 36 }) agentId!: string;
  @PrimaryColumn({ type: 'varchar', length: 24 }) template!: NoticeTemplate;
  @Column({ type: 'int' }) remaining!: number;
  @EpochMsColumn({ name: 'updated_at_ms' }) updatedAtMs!: number;
}
