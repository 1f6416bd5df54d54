import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AgentLayer } from '@kejing/shared';
import { EpochMsColumn, FenColumn, UuidColumn } from '../../db/columns';
import type { AgentKyb134Record } from './kyb134-record';

/** One agent's KYB134 on one China day: activity, assets, KASH with percentiles, MCIP. */
@Entity('kyb134_agent_day')
@Index('idx_kyb134_agent_day_team', ['teamId', 'day'])
@Index('idx_kyb134_agent_day_branch', ['branchId', 'day'])
@Index('idx_kyb134_agent_day_company', ['companyId', 'day'])
export class Kyb134AgentDay {
  @PrimaryColumn({ name: 'agent_id', type: 'varchar', length: 36 }) agentId!: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  @UuidColumn({ name: 'team_id' }) teamId!: string;
  @UuidColumn({ name: 'branch_id', nullable: true }) branchId!: string | null;
  @UuidColumn({ name: 'company_id' }) companyId!: string;
  @Column({ type: 'varchar', length: 16 }) layer!: AgentLayer;
  @Column({ type: 'int' }) contacts!: number;
  @FenColumn({ name: 'forecast_fen' }) forecastFen!: number;
  /** The whole record, read back as is. */
  @Column({ type: 'simple-json' }) detail!: AgentKyb134Record;
  @EpochMsColumn({ name: 'computed_at_ms' }) computedAtMs!: number;
}
