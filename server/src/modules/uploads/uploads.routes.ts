import { route, RouteDef } from '../../http/route';
import { OPERATORS, SHARERS } from '../../permissions/access';
import type { Services } from '../../services';
import { readUploadBody } from './read-upload-body';
import { UPLOAD_MAX_BYTES } from './uploads.service';

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
      method: 'get', path: '/api/uploads/:uploadId', access: 'public', tag,
      summary: 'An uploaded image. Public: customers see card images in <Image>, which sends no token; the id is the SHA-256 of the bytes, so it cannot be guessed and never changes',
      responds: { media: ['image/png', 'image/jpeg', 'image/webp'], returns: 'the image' },
      handler: async ({ params, ctx }) => {
        const image = await s.uploads.readImage(params.uploadId);
        ctx.type = image.contentType;
        // The id names the bytes, so the answer never changes: cached for good, never revalidated.
        ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
        ctx.set('ETag', `"${params.uploadId}"`);
        return image.bytes;
      },
    }),
  ];
}
