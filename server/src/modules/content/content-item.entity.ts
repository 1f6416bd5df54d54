import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ContentKind } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** The review state of the item's latest version, or retired (see content-workflow.ts). */
export type ContentStatus = 'draft' | 'in_review' | 'approved' | 'rejected' | 'retired';

/** A piece of content; its text lives in immutable versions. */
@Entity('content_item')
export class ContentItem {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: ContentKind;
  /** Where the latest version stands in review; 'retired' once withdrawn, for good. */
  @Column({ type: 'varchar', length: 16 }) status!: ContentStatus;
  /** The version agents share now (the latest approved one); it stays while a newer draft is reviewed. */
  @UuidColumn({ name: 'published_version_id', nullable: true }) publishedVersionId!: string | null;
  /** Org units that may see it; empty means the whole company. */
  @Column({ name: 'visible_org_unit_ids', type: 'simple-json' }) visibleOrgUnitIds!: string[];
  @EpochMsColumn({ name: 'visible_from_ms', nullable: true }) visibleFromMs!: number | null;
  @EpochMsColumn({ name: 'visible_until_ms', nullable: true }) visibleUntilMs!: number | null;
  /** Where an imported item came from (the Markdown file's slug), so a re-import updates it. */
  @Index('uq_content_item_source_key', { unique: true })
  @Column({ name: 'source_key', type: 'varchar', length: 200, nullable: true })
  sourceKey!: string | null;
  @EpochMsColumn({ name: 'retired_at_ms', nullable: true }) retiredAtMs!: number | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
