import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TagCode } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** One immutable version of a content item: a share pins it, so every view is traceable (可回溯). */
@Entity('content_version')
@Index('uq_content_version_item_no', ['itemId', 'versionNo'], { unique: true })
export class ContentVersion {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @UuidColumn({ name: 'item_id' }) itemId!: string;
  @Column({ name: 'version_no', type: 'int' }) versionNo!: number;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) summary!: string | null;
  @Column({ name: 'cover_url', type: 'varchar', length: 500, nullable: true }) coverUrl!: string | null;
  /** Sanitised HTML (articles). */
  @Column({ name: 'body_html', type: 'text', nullable: true }) bodyHtml!: string | null;
  @Column({ name: 'video_url', type: 'varchar', length: 500, nullable: true }) videoUrl!: string | null;
  @Column({ name: 'duration_sec', type: 'int', nullable: true }) durationSec!: number | null;
  @EpochMsColumn({ name: 'live_starts_at_ms', nullable: true }) liveStartsAtMs!: number | null;
  @EpochMsColumn({ name: 'live_ends_at_ms', nullable: true }) liveEndsAtMs!: number | null;
  @Column({ name: 'replay_url', type: 'varchar', length: 500, nullable: true }) replayUrl!: string | null;
  @Column({ type: 'simple-json' }) tags!: TagCode[];
  /** The review state of this version: only an approved version can be shared. */
  @Column({ type: 'varchar', length: 16 }) status!: 'draft' | 'in_review' | 'approved' | 'rejected' | 'retired';
  @EpochMsColumn({ name: 'approved_at_ms', nullable: true }) approvedAtMs!: number | null;
  @UuidColumn({ name: 'created_by', nullable: true }) createdBy!: string | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
