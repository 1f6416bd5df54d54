import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TagCode } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** A version's own review state; a version's text never changes, only these review fields. */
export type VersionStatus = 'draft' | 'in_review' | 'approved' | 'rejected' | 'retired';

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
  /** A live's 视频号 id ("sph…"), which wx.openChannelsLive opens; null for other kinds and older lives. */
  @Column({ name: 'channels_finder_id', type: 'varchar', length: 64, nullable: true }) channelsFinderId!: string | null;
  /** 朋友圈文案 the operator wrote (≤ 300 characters); null: made from the title and summary when shown. */
  @Column({ name: 'moments_copy', type: 'varchar', length: 500, nullable: true }) momentsCopy!: string | null;
  @Column({ type: 'simple-json' }) tags!: TagCode[];
  /** The review state of this version: only an approved version can be shared. */
  @Column({ type: 'varchar', length: 16 }) status!: VersionStatus;
  @EpochMsColumn({ name: 'approved_at_ms', nullable: true }) approvedAtMs!: number | null;
  @UuidColumn({ name: 'submitted_by', nullable: true }) submittedBy!: string | null;
  @EpochMsColumn({ name: 'submitted_at_ms', nullable: true }) submittedAtMs!: number | null;
  @UuidColumn({ name: 'reviewed_by', nullable: true }) reviewedBy!: string | null;
  @EpochMsColumn({ name: 'reviewed_at_ms', nullable: true }) reviewedAtMs!: number | null;
  /** Why the reviewer sent it back; shown to the author. */
  @Column({ name: 'rejection_reason', type: 'varchar', length: 500, nullable: true }) rejectionReason!: string | null;
  @UuidColumn({ name: 'created_by', nullable: true }) createdBy!: string | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
