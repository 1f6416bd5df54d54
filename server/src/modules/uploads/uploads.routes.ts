import { OPERATORS, SHARERS } from '../../permissions/access';
import { route, RouteDef } from '../../http/route';
import type { Services } from '../../services';
import { readUploadBody } from './read-upload-body';
import { UPLOAD_MAX_BYTES, VIDEO_MAX_BYTES } from './uploads.service';

const tag = 'uploads';

export function uploadsRoutes(s: Pick<Services, 'uploads'>): RouteDef[] {
  return [
    route({
      // Agents upload card images; operators upload covers and the images in an article's body.
      method: 'post', path: '/api/uploads', access: [...SHARERS, ...OPERATORS], tag, status: 201, responds: 'UploadedImageView',
      summary: 'Upload an image for the card (QR code, photo) or for content (cover, article images): multipart/form-data with one file part (Taro.uploadFile), or the bytes as the body. PNG, JPEG or WebP by their bytes, at most 2 MB',
      errors: { 413: 'larger than 2 MB', 415: 'not a PNG, JPEG or WebP image' },
      handler: async ({ actor, ctx }) => s.uploads.storeImage(actor.staffId, await readUploadBody(ctx, UPLOAD_MAX_BYTES)),
    }),
    route({
      // Only operators make video items; agents share them.
      method: 'post', path: '/api/uploads/videos', access: OPERATORS, tag, status: 201, responds: 'UploadedVideoView',
      summary: 'Upload the video of a video item (or a live item\'s replay): multipart/form-data with one file part, or the bytes as the body. MP4 by its bytes (an ftyp box with an MP4 brand), at most 50 MB; answers the running time read from the file',
      errors: { 413: 'larger than 50 MB', 415: 'not an MP4 video' },
      handler: async ({ actor, ctx }) => s.uploads.storeVideo(actor.staffId, await readUploadBody(ctx, VIDEO_MAX_BYTES, 'video')),
    }),
    route({
      method: 'get', path: '/api/uploads/:uploadId', access: 'public', tag,
      summary: 'An uploaded image or video. Public: customers see card images in <Image> and play videos in <video>, which send no token; the id is the SHA-256 of the bytes, so it cannot be guessed and never changes. Answers Range: bytes=… with 206 and that range (players seek and stream by ranges), 416 past the end',
      responds: { media: ['image/png', 'image/jpeg', 'image/webp', 'video/mp4'], returns: 'the file, or the requested byte range of it' },
      alsoAnswers: { 206: 'the byte range asked for with Range, with Content-Range' },
      errors: { 416: 'the range starts past the end of the file' },
      handler: async ({ params, ctx }) => {
        const part = await s.uploads.readUpload(params.uploadId, ctx.get('range') || undefined);
        ctx.type = part.contentType;
        ctx.set('Accept-Ranges', 'bytes');
        // The id names the bytes, so the answer never changes: cached for good, never revalidated.
        ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
        ctx.set('ETag', `"${params.uploadId}"`);
        if (part.partial) {
          ctx.status = 206;
          ctx.set('Content-Range', `bytes ${part.start}-${part.end}/${part.sizeBytes}`);
        }
        ctx.length = part.end - part.start + 1;
        return part.body;
      },
    }),
  ];
}
