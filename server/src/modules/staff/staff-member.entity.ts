import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

export type StaffRole = Exclude<Role, 'viewer'>;

/** An agent, team leader, manager, content operator or admin; agents carry their card here. */
@Entity('staff_member')
export class StaffMember {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('uq_staff_member_user', { unique: true }) @UuidColumn({ name: 'user_id', nullable: true }) userId!: string | null;
  @Column({ type: 'varchar', length: 16 }) role!: StaffRole;
  @Index('idx_staff_member_org_unit') @UuidColumn({ name: 'org_unit_id' }) orgUnitId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ name: 'employee_no', type: 'varchar', length: 64, nullable: true }) employeeNo!: string | null;
  @Column({ name: 'licence_no', type: 'varchar', length: 64, nullable: true }) licenceNo!: string | null;
  @Column({ name: 'photo_url', type: 'varchar', length: 500, nullable: true }) photoUrl!: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) intro!: string | null;
  @Column({ name: 'persona_template', type: 'varchar', length: 64, nullable: true }) personaTemplate!: string | null;
  @Index('uq_staff_member_invite', { unique: true })
  @Column({ name: 'invite_code_hash', type: 'varchar', length: 64, nullable: true })
  inviteCodeHash!: string | null;
  @EpochMsColumn({ name: 'invite_expires_at_ms', nullable: true }) inviteExpiresAtMs!: number | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
  /** Set when the person left: they cannot log in or bind again, and own no contacts. */
  @EpochMsColumn({ name: 'deactivated_at_ms', nullable: true }) deactivatedAtMs!: number | null;
}
