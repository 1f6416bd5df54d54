import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../db/columns';

/**
 * A phone number WeChat's phone-number flow (getPhoneNumber) proved belongs to a user. Only these
 * let the user's own privacy requests reach contacts by phone; a typed number never does.
 */
@Entity('verified_phone')
export class VerifiedPhone {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  @Index('idx_verified_phone_hash') @PrimaryColumn({ name: 'phone_hash', type: 'varchar', length: 64 }) phoneHash!: string;
  @Column({ name: 'phone_cipher', type: 'varchar', length: 200 }) phoneCipher!: string;
  @Column({ name: 'country_code', type: 'varchar', length: 8 }) countryCode!: string;
  @EpochMsColumn({ name: 'verified_at_ms' }) verifiedAtMs!: number;
}
