import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../db/columns';

/** A WeChat identity: everyone who logs in, customers and staff alike. */
@Entity('app_user')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index('uq_app_user_openid', { unique: true }) @Column({ type: 'varchar', length: 128 }) openid!: string;
  @Column({ type: 'varchar', length: 128, nullable: true }) unionid!: string | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
  /** Sessions carry the epoch they were issued in; raising it ends every older one (SessionGuard). */
  @Column({ name: 'session_epoch', type: 'integer', default: 0 }) sessionEpoch!: number;
}
