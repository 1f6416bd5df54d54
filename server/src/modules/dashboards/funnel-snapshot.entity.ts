import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FunnelSnapshot } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

export type FunnelGroupKind = 'agent' | 'team' | 'branch' | 'company';

/** One group's process funnel on one China day; trends are drawn from these rows. */
@Entity('funnel_snapshot')
@Index('idx_funnel_snapshot_company', ['companyId', 'day'])
export class FunnelSnapshotRow {
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 36 }) groupId!: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  @Column({ name: 'group_kind', type: 'varchar', length: 8 }) groupKind!: FunnelGroupKind;
  @UuidColumn({ name: 'company_id' }) companyId!: string;
  @Column({ type: 'int' }) contacts!: number;
  @Column({ type: 'simple-json' }) snapshot!: FunnelSnapshot;
  @EpochMsColumn({ name: 'computed_at_ms' }) computedAtMs!: number;
}
