import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PhoneSource } from '@kejing/shared';
import { EpochMsColumn, FenColumn, UuidColumn } from '../../db/columns';

/** A lead form (留资). The phone is encrypted (AES-GCM) and found by a keyed hash. */
@Entity('lead')
@Index('uq_lead_client', ['contactId', 'clientEventId'], { unique: true })
export class Lead {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @UuidColumn({ name: 'client_event_id' }) clientEventId!: string;
  @UuidColumn({ name: 'contact_id' }) contactId!: string;
  @Index('idx_lead_agent') @UuidColumn({ name: 'agent_id' }) agentId!: string;
  @UuidColumn({ name: 'share_id', nullable: true }) shareId!: string | null;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ name: 'phone_cipher', type: 'varchar', length: 200 }) phoneCipher!: string;
  @Index('idx_lead_phone_hash') @Column({ name: 'phone_hash', type: 'varchar', length: 64 }) phoneHash!: string;
  @Column({ name: 'phone_last4', type: 'varchar', length: 4 }) phoneLast4!: string;
  /** 'wechat': the number came from WeChat's phone-number flow; 'typed': the person typed it, and nothing vouches for it. */
  @Column({ name: 'phone_source', type: 'varchar', length: 8, default: 'typed' }) phoneSource!: PhoneSource;
  @Column({ name: 'phone_prefix3', type: 'varchar', length: 3 }) phonePrefix3!: string;
  @FenColumn({ name: 'budget_fen', nullable: true })
  budgetFen!: number | null;
  @Column({ name: 'insured_person', type: 'varchar', length: 100, nullable: true }) insuredPerson!: string | null;
  @Column({ type: 'simple-json' }) needs!: string[];
  @UuidColumn({ name: 'consent_id' }) consentId!: string;
  /** The separate consent that health-related needs (medical, critical illness) require. */
  @UuidColumn({ name: 'health_consent_id', nullable: true }) healthConsentId!: string | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
