import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../db/columns';

/** An agent's quiet hours (minutes after midnight, China time) and daily cap of pushes. */
@Entity('notice_setting')
export class NoticeSetting {
  @PrimaryColumn({ name: 'agent_id', type: 'varchar', length: 36 }) agentId!: string;
  @Column({ name: 'quiet_start_minute', type: 'int' }) quietStartMinute!: number;
  @Column({ name: 'quiet_end_minute', type: 'int' }) quietEndMinute!: number;
  @Column({ name: 'daily_cap', type: 'int' }) dailyCap!: number;
  @EpochMsColumn({ name: 'updated_at_ms' }) updatedAtMs!: number;
}
