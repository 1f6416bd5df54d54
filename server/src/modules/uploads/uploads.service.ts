import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { UploadedImageView } from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { sniffImage, type ImageType } from './image-kind';
import type { UploadStore } from './upload-store';
import { UploadedImage } from './uploaded-image.entity';

/** WeChat's own avatar and QR images are far smaller; 2 MB leaves room for a phone photo. */
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

export const uploadUrl = (id: string) => `/api/uploads/${id}`;

/** Uploaded images (QR codes, photos): checked by their bytes, stored by content hash, served back. */
export class UploadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly store: UploadStore,
  ) {}

  async storeImage(ownerId: string, bytes: Buffer): Promise<UploadedImageView> {
    const contentType = sniffImage(bytes);
    if (!contentType) {
      throw new AppError(415, 'upload_not_image', undefined, [{ field: 'file', reason: '只支持 PNG、JPEG 或 WebP 图片' }]);
    }
    if (bytes.length > UPLOAD_MAX_BYTES) throw badRequest([{ field: 'file', reason: '图片不能超过 2 MB' }]);
    const id = createHash('sha256').update(bytes).digest('hex');
    // Bytes first, then the row: a row always has its bytes; bytes without a row are unreachable.
    await this.store.put(id, bytes);
    await this.dataSource.createQueryBuilder().insert().into(UploadedImage)
      .values({ id, ownerId, contentType, sizeBytes: bytes.length, createdAtMs: this.clock.nowMs() }).orIgnore().execute();
    return { uploadId: id, url: uploadUrl(id), contentType, sizeBytes: bytes.length };
  }

  async readImage(id: string): Promise<{ contentType: ImageType; bytes: Buffer }> {
    if (!/^[0-9a-f]{64}$/.test(id)) throw notFound('image');
    const row = await this.dataSource.getRepository(UploadedImage).findOneBy({ id });
    const bytes = row ? await this.store.get(id) : null;
    if (!row || !bytes) throw notFound('image');
    return { contentType: row.contentType, bytes };
  }

  /** Whether this image exists and someone with this id uploaded it (content-addressed: the first uploader holds the row). */
  async exists(id: string): Promise<boolean> {
    return /^[0-9a-f]{64}$/.test(id) && (await this.dataSource.getRepository(UploadedImage).existsBy({ id }));
  }
}
