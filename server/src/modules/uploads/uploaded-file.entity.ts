import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** An uploaded file, an image or an MP4; its id is the SHA-256 of its bytes, so a URL names one content for good. */
@Entity('uploaded_file')
export class UploadedFile {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @UuidColumn({ name: 'owner_id' }) ownerId!: string;
  @Column({ name: 'content_type', type: 'varchar', length: 16 }) contentType!: 'image/png' | 'image/jpeg' | 'image/webp' | 'video/mp4';
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes!: number;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
