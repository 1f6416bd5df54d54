import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PhoneBasis } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/**
 * A phone the agent entered for a contact, with the basis for holding it. Encrypted like a
 * lead's; found by a keyed hash of the whole number (duplicates) and of its last four digits
 * (search). No digit is stored in the clear: the mask is made from the decrypted number.
 */
@Entity('contact_phone')
@Index('uq_contact_phone_agent_hash', ['agentId', 'phoneHash'], { unique: true })
@Index('idx_contact_phone_contact', ['contactId'])
export class ContactPhone {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @UuidColumn({ name: 'contact_id' }) contactId!: string;
  @UuidColumn({ name: 'agent_id' }) agentId!: string;
  @Column({ name: 'phone_cipher', type: 'varchar', length: 200 }) phoneCipher!: string;
  @Column({ name: 'phone_hash', type: 'varchar', length: 64 }) phoneHash!: string;
  @Column({ name: 'last4_hash', type: 'varchar', length: 64 }) last4Hash!: string;
  @Column({ type: 'varchar', length: 16 }) basis!: PhoneBasis;
  /** Order in the agent's list: the first is the one 拨打 calls. */
  @Column({ type: 'int' }) position!: number;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
