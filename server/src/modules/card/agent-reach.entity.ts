import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WeChatQrKind } from '@kejing/shared';
import { EpochMsColumn } from '../../db/columns';

/** How customers may reach an agent: the agent's own phone (shown only if chosen) and a QR code. */
@Entity('agent_reach')
export class AgentReach {
  @PrimaryColumn({ name: 'agent_id', type: 'varchar', length: 36 }) agentId!: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) phone!: string | null;
  @Column({ name: 'phone_public', type: 'boolean', default: false }) phonePublic!: boolean;
  @Column({ name: 'wechat_qr_upload_id', type: 'varchar', length: 64, nullable: true }) wechatQrUploadId!: string | null;
  @Column({ name: 'wechat_qr_kind', type: 'varchar', length: 8, nullable: true }) wechatQrKind!: WeChatQrKind | null;
  @EpochMsColumn({ name: 'updated_at_ms' }) updatedAtMs!: number;
}
