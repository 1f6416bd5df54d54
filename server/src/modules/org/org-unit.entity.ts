import { Entity, Index, PrimaryColumn, Column } from 'typeorm';
import type { OrgUnitKind } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** company → branch → team. `path` ("/company/branch/team/") makes subtree scoping one LIKE. */
@Entity('org_unit')
export class OrgUnit {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: OrgUnitKind;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @UuidColumn({ name: 'parent_id', nullable: true }) parentId!: string | null;
  @Index('idx_org_unit_path') @Column({ type: 'varchar', length: 400 }) path!: string;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
