import { Entity, Index, PrimaryColumn } from 'typeorm';

/** Version ↔ tag rows, so that content and analytics can be queried by tag. */
@Entity('content_version_tag')
export class ContentVersionTag {
  @PrimaryColumn({ name: 'version_id', type: 'varchar', length: 36 }) versionId!: string;
  @Index('idx_content_version_tag_tag') @PrimaryColumn({ type: 'varchar', length: 80 }) tag!: string;
}
