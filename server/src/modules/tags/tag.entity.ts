import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TagCode, TagFamily } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** One node of the tag tree (标签体系): a family's tag, optionally under a parent of the same family. */
@Entity('tag')
@Index('idx_tag_family', ['family', 'sortOrder'])
export class Tag {
  /** "family:code", as content versions carry it. */
  @PrimaryColumn({ type: 'varchar', length: 80 }) code!: TagCode;
  @Column({ type: 'varchar', length: 16 }) family!: TagFamily;
  /** The name operators and agents read, in Chinese. */
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ name: 'parent_code', type: 'varchar', length: 80, nullable: true }) parentCode!: TagCode | null;
  @Column({ name: 'sort_order', type: 'int', default: 0 }) sortOrder!: number;
  @UuidColumn({ name: 'created_by', nullable: true }) createdBy!: string | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
