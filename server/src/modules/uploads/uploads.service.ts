import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import type { UploadedImageView, UploadedVideoView } from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { sniffImage, type ImageType } from './image-kind';
import type { UploadStore } from './upload-store';
import { UploadedFile } from './uploaded-file.entity';
import { mp4DurationSec, sniffVideo, type VideoType } from './video-kind';

/** WeChat's own avatar and QR images are far smaller; 2 MB leaves room for a phone photo. */
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Short explainer clips (a few minutes of 720p H.264 are 20–40 MB); longer talks belong on 视频号,
 * not in a request body the server holds in memory while it checks the bytes.
 */
export const VIDEO_MAX_BYTES = 50 * 1024 * 1024;

export const uploadUrl = (id: string) => `/api/uploads/${id}`;

const UPLOAD_ID = /^[0-9a-f]{64}$/;

/** What GET /api/uploads/:id sends: the whole file or one byte range of it. */
export interface UploadPart {
  contentType: ImageType | VideoType;
  /** The file's full length. */
  sizeBytes: number;
  /** Inclusive range of `bytes` within the file; [0, size - 1] for the whole file. */
  start: number;
  end: number;
  /** True when a range was asked for and is answered (206), false for the whole file (200). */
  partial: boolean;
  /** The bytes [start, end], streamed from the store. */
  body: Readable;
}

/** A Range header's one range as inclusive offsets, 'unsatisfiable', or null to send the whole file. */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  // Several ranges (multipart/byteranges) or a malformed header: RFC 9110 lets us answer the whole file.
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '') {
    // "bytes=-500": the last 500 bytes.
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return end < start ? null : { start, end };
}

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
    await this.dataSource.createQueryBuilder().insert().into(UploadedFile)
      .values({ id, ownerId, contentType, sizeBytes: bytes.length, createdAtMs: this.clock.nowMs() }).orIgnore().execute();
    return { uploadId: id, url: uploadUrl(id), contentType, sizeBytes: bytes.length };
  }

  /** An MP4 for a video item: checked by its bytes (ftyp brand), stored by content hash like images. */
  async storeVideo(ownerId: string, bytes: Buffer): Promise<UploadedVideoView> {
    const contentType = sniffVideo(bytes);
    if (!contentType) throw new AppError(415, 'upload_not_mp4', undefined, [{ field: 'file', reason: '只支持 MP4 视频' }]);
    if (bytes.length > VIDEO_MAX_BYTES) throw new AppError(413, 'video_too_large', undefined, [{ field: 'file', reason: '视频不能超过 50 MB' }]);
    const id = createHash('sha256').update(bytes).digest('hex');
    await this.store.put(id, bytes);
    await this.dataSource.createQueryBuilder().insert().into(UploadedFile)
      .values({ id, ownerId, contentType, sizeBytes: bytes.length, createdAtMs: this.clock.nowMs() }).orIgnore().execute();
    return { uploadId: id, url: uploadUrl(id), contentType, sizeBytes: bytes.length, durationSec: mp4DurationSec(bytes) };
  }

  /** An upload, whole or the range a player asked for (Range: bytes=…); 416 for a range past its end. */
  async readUpload(id: string, rangeHeader?: string): Promise<UploadPart> {
    const row = UPLOAD_ID.test(id) ? await this.dataSource.getRepository(UploadedFile).findOneBy({ id }) : null;
    if (!row) throw notFound('upload');
    const size = row.sizeBytes;
    const range = byteRange(rangeHeader, size);
    if (range === 'unsatisfiable') throw new AppError(416, 'range_not_satisfiable', undefined, undefined, { 'Content-Range': `bytes */${size}` });
    const { start, end } = range ?? { start: 0, end: size - 1 };
    const body = await this.store.stream(id, start, end + 1);
    if (!body) throw notFound('upload');
    return { contentType: row.contentType, sizeBytes: size, start, end, partial: range !== null, body };
  }

  /** Whether this image exists (content-addressed: the first uploader holds the row); a video is not an image for a card. */
  async exists(id: string): Promise<boolean> {
    if (!UPLOAD_ID.test(id)) return false;
    const row = await this.dataSource.getRepository(UploadedFile).findOneBy({ id });
    return row !== null && row.contentType.startsWith('image/');
  }
}
