import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ShareChannel } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/**
 * An open of a share by a reader without a login (WeChat's single-page mode from Moments has no
 * wx.login). No person, no contact: the share, its agent, where it was opened, when. Keyed by the
 * reader's random id for that open, so a retried call is counted once.
 */
@Entity('anonymous_share_open')
@Index('idx_anonymous_share_open_share', ['shareId', 'openedAtMs'])
@Index('idx_anonymous_share_open_agent', ['agentId', 'openedAtMs'])
export class AnonymousShareOpen {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'client_event_id' }) clientEventId!: string;
  @UuidColumn({ name: 'share_id' }) shareId!: string;
  @UuidColumn({ name: 'agent_id' }) agentId!: string;
  /** 好友 / 群聊 / 朋友圈 / 海报 by the entry scene; null when the scene does not say. */
  @Column({ type: 'varchar', length: 16, nullable: true }) channel!: ShareChannel | null;
  @Column({ type: 'int', nullable: true }) scene!: number | null;
  @EpochMsColumn({ name: 'opened_at_ms' }) openedAtMs!: number;
}
