import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** A phrase that blocks submission for review (稳赚, 保本高收益 …); operators keep the list. */
@Entity('compliance_word')
export class ComplianceWord {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('uq_compliance_word_word', { unique: true }) @Column({ type: 'varchar', length: 100 }) word!: string;
  /** Why it is forbidden: guaranteed_returns, misleading, superlative, disparaging, or an operator's own. */
  @Column({ type: 'varchar', length: 32 }) category!: string;
  @UuidColumn({ name: 'created_by', nullable: true }) createdBy!: string | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
