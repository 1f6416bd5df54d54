import { Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../db/columns';

/** The agent opened the morning follow-up list on this China day (KYB134 Habit reads it). */
@Entity('morning_list_open')
export class MorningListOpen {
  @PrimaryColumn({ name: 'agent_id', type: 'varchar', length: 36 }) agentId!: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  @EpochMsColumn({ name: 'opened_at_ms' }) openedAtMs!: number;
}
