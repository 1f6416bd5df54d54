import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContentKind } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

export type ContentStatus = 'draft' | 'in_review' | 'approved' | 'rejected' | 'retired';

/** A piece of content; its text lives in immutable versions. */
@Entity('content_item')
export class ContentItem {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: ContentKind;
  @Column({ type: 'varchar', length: 16 }) status!: ContentStatus;
  /** The version agents share now (the latest approved one). */
  @UuidColumn({ name: 'published_version_id', nullable: true }) publishedVersionId!: string | null;
  /** Org units that may see it; empty means the whole company. */
  @Column({ name: 'visible_org_unit_ids', type: 'simple-json' }) visibleOrgUnitIds!: string[];
  @EpochMsColumn({ name: 'visible_from_ms', nullable: true }) visibleFromMs!: number | null;
  @EpochMsColumn({ name: 'visible_until_ms', nullable: true }) visibleUntilMs!: number | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
