import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InsuredRelation, NeedCode, PaymentFrequency, PolicyStatus } from '@kejing/shared';
import { EpochMsColumn, FenColumn, UuidColumn } from '../../db/columns';

/**
 * A signed policy (保单) of a contact, recorded by the contact's agent. The number is encrypted
 * like a phone (found by a keyed hash, masked to agents); money in fen; dates are China days.
 */
@Entity('policy')
@Index('idx_policy_contact', ['contactId'])
@Index('idx_policy_signer_signed', ['signedByAgentId', 'signedDate'])
export class Policy {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The agent who holds the policy now (scope, editing); moves with the contact on a handover. */
  @UuidColumn({ name: 'agent_id' }) agentId!: string;
  /** The agent who sold it: the premium actuals count for them, whoever holds it later. */
  @UuidColumn({ name: 'signed_by_agent_id' }) signedByAgentId!: string;
  @UuidColumn({ name: 'contact_id' }) contactId!: string;
  @Column({ name: 'product_name', type: 'varchar', length: 60 }) productName!: string;
  @Column({ type: 'varchar', length: 40 }) need!: NeedCode;
  @Column({ type: 'varchar', length: 40 }) insurer!: string;
  @Column({ name: 'number_cipher', type: 'varchar', length: 200 }) numberCipher!: string;
  /** One policy number is recorded once in the company. */
  @Index('uq_policy_number_hash', { unique: true }) @Column({ name: 'number_hash', type: 'varchar', length: 64 }) numberHash!: string;
  @Column({ name: 'insured_relation', type: 'varchar', length: 16 }) insuredRelation!: InsuredRelation;
  @Column({ name: 'insured_name', type: 'varchar', length: 30 }) insuredName!: string;
  @FenColumn({ name: 'annual_premium_fen' }) annualPremiumFen!: number;
  @Column({ name: 'payment_frequency', type: 'varchar', length: 12 }) paymentFrequency!: PaymentFrequency;
  @Column({ name: 'payment_term_years', type: 'int' }) paymentTermYears!: number;
  @Column({ name: 'effective_date', type: 'varchar', length: 10 }) effectiveDate!: string;
  @Column({ name: 'next_premium_date', type: 'varchar', length: 10, nullable: true }) nextPremiumDate!: string | null;
  @Column({ name: 'signed_date', type: 'varchar', length: 10 }) signedDate!: string;
  @Column({ type: 'varchar', length: 8, default: 'active' }) status!: PolicyStatus;
  /** The policy_signed touchpoint's client id: a retried request finds the policy it made. */
  @Index('uq_policy_signed_event', { unique: true }) @Column({ name: 'signed_event_id', type: 'varchar', length: 36 }) signedEventId!: string;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
  @EpochMsColumn({ name: 'updated_at_ms' }) updatedAtMs!: number;
}
