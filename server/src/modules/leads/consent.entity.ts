import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ConsentKind } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** A consent given by a person: which text they saw, for what purpose, when; withdrawable. */
@Entity('consent')
export class Consent {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('idx_consent_contact') @UuidColumn({ name: 'contact_id' }) contactId!: string;
  @Column({ name: 'text_version', type: 'varchar', length: 64 }) textVersion!: string;
  @Column({ type: 'varchar', length: 200 }) purpose!: string;
  /** contact_details, or health: needs that reveal health are PIPL sensitive data with their own consent. */
  @Column({ type: 'varchar', length: 24, default: 'contact_details' }) kind!: ConsentKind;
  @EpochMsColumn({ name: 'given_at_ms' }) givenAtMs!: number;
  @EpochMsColumn({ name: 'withdrawn_at_ms', nullable: true }) withdrawnAtMs!: number | null;
}
