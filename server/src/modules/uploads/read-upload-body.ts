import type { Context } from 'koa';
import { AppError, badRequest } from '../../lib/app-error';

/** Room for multipart's boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

/** What is uploaded: an image (cards, covers, article images) or a video (video items). */
export type UploadKind = 'image' | 'video';

const WORD: Record<UploadKind, string> = { image: '图片', video: '视频' };

const tooLarge = (maxBytes: number, kind: UploadKind) => {
  const limit = `${WORD[kind]}不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`;
  return new AppError(413, kind === 'video' ? 'video_too_large' : 'upload_too_large', `${limit}，请压缩后重新上传`, [{ field: 'file', reason: limit }]);
};

/** Reads the request body, refusing (413) as soon as it passes the limit rather than after. */
async function readCapped(ctx: Context, capBytes: number, maxBytes: number, kind: UploadKind): Promise<Buffer> {
  const declared = Number(ctx.get('content-length'));
  if (Number.isFinite(declared) && declared > capBytes) throw tooLarge(maxBytes, kind);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > capBytes) throw tooLarge(maxBytes, kind);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The first part of a multipart/form-data body that carries a file (Taro.uploadFile's `file` field). */
function fileFromMultipart(body: Buffer, boundary: string): Buffer | null {
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const headersStart = at + delimiter.length + 2;
    const headersEnd = body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd === -1) return null;
    const headers = body.toString('utf8', headersStart, headersEnd);
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headersEnd + 4);
    if (next === -1) return null;
    if (/content-disposition:[^\r\n]*filename=/i.test(headers)) return body.subarray(headersEnd + 4, next);
    at = next + 2;
  }
  return null;
}

/**
 * The file bytes of an upload: a multipart/form-data body (Taro.uploadFile, an H5 form) with one
 * file part, or the bytes themselves as the body. At most `maxBytes` of file.
 */
export async function readUploadBody(ctx: Context, maxBytes: number, kind: UploadKind = 'image'): Promise<Buffer> {
  const type = ctx.get('content-type');
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(type)?.[1];
  const body = await readCapped(ctx, boundary ? maxBytes + MULTIPART_OVERHEAD_BYTES : maxBytes, maxBytes, kind);
  const bytes = boundary ? fileFromMultipart(body, boundary) : body;
  if (!bytes || bytes.length === 0) throw badRequest([{ field: 'file', reason: `没有收到${WORD[kind]}文件，请重新选择${WORD[kind]}` }]);
  if (bytes.length > maxBytes) throw tooLarge(maxBytes, kind);
  return bytes;
}
