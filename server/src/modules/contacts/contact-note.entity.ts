import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** A note the agent wrote on a contact (跟进记录); only its author edits or deletes it. */
@Entity('contact_note')
@Index('idx_contact_note_contact', ['contactId', 'createdAtMs'])
export class ContactNote {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @UuidColumn({ name: 'contact_id' }) contactId!: string;
  @UuidColumn({ name: 'author_id' }) authorId!: string;
  @Column({ type: 'text' }) body!: string;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
  @EpochMsColumn({ name: 'updated_at_ms' }) updatedAtMs!: number;
}
