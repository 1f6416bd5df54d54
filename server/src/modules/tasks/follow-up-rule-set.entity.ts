import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FollowUpRule } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** A published set of follow-up rules. Each edit adds a set; the newest is in force (history kept). */
@Entity('follow_up_rule_set')
export class FollowUpRuleSet {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'simple-json' }) rules!: FollowUpRule[];
  @UuidColumn({ name: 'created_by', nullable: true }) createdBy!: string | null;
  @Index('idx_follow_up_rule_set_created') @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
