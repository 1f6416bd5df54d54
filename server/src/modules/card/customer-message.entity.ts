import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** A customer's 留言 to the agent behind a share. */
@Entity('customer_message')
@Index('uq_customer_message_client', ['viewerUserId', 'clientMessageId'], { unique: true })
@Index('idx_customer_message_viewer', ['viewerUserId', 'createdAtMs'])
export class CustomerMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @UuidColumn({ name: 'client_message_id' }) clientMessageId!: string;
  @UuidColumn({ name: 'viewer_user_id' }) viewerUserId!: string;
  @UuidColumn({ name: 'agent_id' }) agentId!: string;
  @UuidColumn({ name: 'contact_id' }) contactId!: string;
  @Column({ type: 'text' }) body!: string;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
