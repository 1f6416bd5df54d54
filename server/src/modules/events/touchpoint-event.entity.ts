import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TouchpointType } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/**
 * One touchpoint. (contact_id, client_event_id) is unique: a retried event is stored once by
 * the database itself, with no read-then-write race.
 */
@Entity('touchpoint_event')
@Index('uq_touchpoint_event_client', ['contactId', 'clientEventId'], { unique: true })
@Index('idx_touchpoint_event_contact_time', ['contactId', 'occurredAtMs'])
@Index('idx_touchpoint_event_agent_time', ['agentId', 'occurredAtMs'])
@Index('idx_touchpoint_event_received', ['receivedAtMs'])
@Index('idx_touchpoint_event_unscored', ['scored', 'contactId'])
export class TouchpointEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @UuidColumn({ name: 'client_event_id' }) clientEventId!: string;
  @UuidColumn({ name: 'contact_id' }) contactId!: string;
  @UuidColumn({ name: 'agent_id' }) agentId!: string;
  @UuidColumn({ name: 'share_id', nullable: true }) shareId!: string | null;
  @UuidColumn({ name: 'content_version_id', nullable: true }) contentVersionId!: string | null;
  @Column({ type: 'varchar', length: 24 }) type!: TouchpointType;
  /** Server-corrected time: received − (sent − created) on the device. */
  @EpochMsColumn({ name: 'occurred_at_ms' }) occurredAtMs!: number;
  @EpochMsColumn({ name: 'received_at_ms' }) receivedAtMs!: number;
  @Column({ name: 'depth_pct', type: 'int', nullable: true }) depthPct!: number | null;
  @Column({ name: 'dwell_ms', type: 'int', nullable: true }) dwellMs!: number | null;
  @Column({ name: 'video_pct', type: 'int', nullable: true }) videoPct!: number | null;
  @Column({ name: 'video_position_sec', type: 'int', nullable: true }) videoPositionSec!: number | null;
  @Column({ name: 'nps_score', type: 'int', nullable: true }) npsScore!: number | null;
  /** Free text an agent attached to an offline action. */
  @Column({ type: 'varchar', length: 1000, nullable: true }) note!: string | null;
  /** Taken in by the scorer (its follow-up planned). Unscored rows are the scorer's work queue. */
  @Column({ type: 'boolean', default: false }) scored!: boolean;
}
