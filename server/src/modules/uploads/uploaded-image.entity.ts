import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/**
 * An uploaded image or video (the table kept its first name when videos joined it); its id is the
 * SHA-256 of its bytes, so a URL names one content for good.
 */
@Entity('uploaded_image')
export class UploadedImage {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @UuidColumn({ name: 'owner_id' }) ownerId!: string;
  @Column({ name: 'content_type', type: 'varchar', length: 16 }) contentType!: 'image/png' | 'image/jpeg' | 'image/webp' | 'video/mp4';
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes!: number;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
}
