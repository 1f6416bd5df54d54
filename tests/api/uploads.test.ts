import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'supertest';
import type { UploadedImageView, UploadedVideoView } from '@kejing/shared';
import { DiskUploadStore } from '../../server/src/modules/uploads/upload-store';
import { bearer, buildWorld, login, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(32, 2)]);
const MAX = 2 * 1024 * 1024;
// The demo library's own clip: 12 s of H.264 with the movie header first (scripts/render-demo-videos.sh).
const MP4 = readFileSync(join(__dirname, '..', '..', 'content', 'demo', 'videos', 'medical-million.mp4'));
const VIDEO_MAX = 50 * 1024 * 1024;
/** An MP4's first box with another major brand: QuickTime's is 'qt  ', HEIF images' 'heic'. */
const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`), Buffer.alloc(64, 0)]);
/** A request whose answer is read as raw bytes, whatever its type (supertest parses only text and JSON). */
const raw = (request: Test) => request.buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});

/** An app whose uploads go to a folder of its own, removed afterwards; its world's people by key. */
function appWithUploads(prefix: string) {
  const app = { t: undefined as unknown as TestApp, world: undefined as unknown as World, dir: '' };
  beforeAll(async () => {
    app.dir = mkdtempSync(join(tmpdir(), prefix));
    app.t = await startTestApp({ uploadsDir: app.dir });
    app.world = await buildWorld(app.t);
  }, 60_000);
  afterAll(async () => {
    await app.t.close();
    rmSync(app.dir, { recursive: true, force: true });
  });
  return app;
}

describe('image uploads (名片二维码、头像)', () => {
  const app = appWithUploads('kejing-uploads-');
  const as = (key: string) => bearer((app.world.people[key] as { token: string }).token);

  const upload = (bytes: Buffer, filename = 'qr.png') => app.t.http.post('/api/uploads').set(as('a')).attach('file', bytes, { filename, contentType: 'image/png' });

  it.each<[string, Buffer, string]>([['PNG', PNG, 'image/png'], ['JPEG', JPEG, 'image/jpeg'], ['WebP', WEBP, 'image/webp']])(
    'takes a %s sent as Taro.uploadFile sends it (multipart, field file) and serves it back with long-lived cache headers', async (_kind, bytes, contentType) => {
      const view = (await upload(bytes).expect(201)).body as UploadedImageView;
      expect(view).toEqual({ uploadId: expect.stringMatching(/^[0-9a-f]{64}$/), url: `/api/uploads/${view.uploadId}`, contentType, sizeBytes: bytes.length });
      const served = await app.t.http.get(view.url).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(served.headers['content-type']).toBe(contentType);
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Buffer.compare(served.body as Buffer, bytes)).toBe(0);
      expect(served.headers.etag).toBe(`"${view.uploadId}"`);
    });

  it('keeps the bytes under the uploads directory, where a fresh store reads them', async () => {
    const view = (await upload(PNG).expect(201)).body as UploadedImageView;
    expect(await new DiskUploadStore(app.dir).get(view.uploadId)).toEqual(PNG);
  });

  it('takes the bytes as the body too (an H5 file input posting the file itself)', async () => {
    const res = await app.t.http.post('/api/uploads').set(as('a')).set('Content-Type', 'image/jpeg').send(JPEG).expect(201);
    expect(res.body.contentType).toBe('image/jpeg');
  });

  it.each<[string, Buffer, string]>([
    ['a GIF', Buffer.from('GIF89a\u0001\u0000\u0001\u0000'), 'gif.png'],
    ['an SVG named .png (script inside)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'evil.png'],
    ['HTML', Buffer.from('<html><body>hi</body></html>'), 'page.png'],
  ])('refuses %s by its bytes, whatever its name or declared type, with 415 in Chinese', async (_name, bytes, filename) => {
    const res = await upload(bytes, filename).expect(415);
    expect(res.body.error).toEqual(expect.objectContaining({ code: 'upload_not_image', details: [expect.objectContaining({ field: 'file', reason: '只支持 PNG、JPEG 或 WebP 图片' })] }));
  });

  it('refuses an image over 2 MB with 413 and keeps nothing', async () => {
    const before = await app.t.db.dataSource.query('SELECT COUNT(*) AS n FROM uploaded_file');
    const big = Buffer.concat([PNG, Buffer.alloc(MAX, 0)]);
    const res = await upload(big).expect(413);
    expect(res.body.error.details[0]).toEqual({ field: 'file', label: '文件', reason: '图片不能超过 2 MB' });
    expect(await app.t.db.dataSource.query('SELECT COUNT(*) AS n FROM uploaded_file')).toEqual(before);
  });

  it('takes an image of exactly 2 MB', async () => {
    await upload(Buffer.concat([PNG, Buffer.alloc(MAX - PNG.length, 0)])).expect(201);
  });

  it('refuses a body without a file part with 400', async () => {
    const res = await app.t.http.post('/api/uploads').set(as('a')).field('note', 'no file').expect(400);
    expect(res.body.error.details[0].field).toBe('file');
  });

  it('lets agents and leaders upload card images and operators content images (the editor sends the bytes as the body); customers, managers and anonymous callers are refused', async () => {
    const fromEditor = (await app.t.http.post('/api/uploads').set(as('op')).set('Content-Type', 'image/png').send(PNG).expect(201)).body as UploadedImageView;
    expect(fromEditor).toMatchObject({ contentType: 'image/png', url: `/api/uploads/${fromEditor.uploadId}` });
    await app.t.http.post('/api/uploads').set(as('lx')).attach('file', PNG, 'x.png').expect(201);
    await app.t.http.post('/api/uploads').set(as('m1')).attach('file', PNG, 'x.png').expect(403);
    const customer = (await login(app.t, 'upload-customer')).token;
    await app.t.http.post('/api/uploads').set(bearer(customer)).attach('file', PNG, 'x.png').expect(403);
    await app.t.http.post('/api/uploads').attach('file', PNG, 'x.png').expect(401);
  });

  it('answers 404 for an id that names no upload, or is not an id', async () => {
    await app.t.http.get(`/api/uploads/${'0'.repeat(64)}`).expect(404);
    await app.t.http.get('/api/uploads/..%2F..%2Fsecrets.json').expect(404);
  });
});

describe('video uploads (视频内容的 MP4)', () => {
  const app = appWithUploads('kejing-videos-');
  const as = (key: string) => bearer((app.world.people[key] as { token: string }).token);

  const uploadVideo = (bytes: Buffer, who = 'op', filename = 'clip.mp4') =>
    app.t.http.post('/api/uploads/videos').set(as(who)).attach('file', bytes, { filename, contentType: 'video/mp4' });

  it('takes an operator\'s MP4 (multipart, as the operator page sends it), reads its running time from the file and keeps it under the uploads directory', async () => {
    const view = (await uploadVideo(MP4).expect(201)).body as UploadedVideoView;
    expect(view).toEqual({ uploadId: expect.stringMatching(/^[0-9a-f]{64}$/), url: `/api/uploads/${view.uploadId}`, contentType: 'video/mp4', sizeBytes: MP4.length, durationSec: 12 });
    expect(await new DiskUploadStore(app.dir).get(view.uploadId)).toEqual(MP4);
    const fromBody = await app.t.http.post('/api/uploads/videos').set(as('op')).set('Content-Type', 'video/mp4').send(MP4).expect(201);
    expect(fromBody.body.uploadId).toBe(view.uploadId);
  });

  it('serves the whole video as video/mp4 and says it answers byte ranges', async () => {
    const { url } = (await uploadVideo(MP4).expect(201)).body as UploadedVideoView;
    const whole = await raw(app.t.http.get(url)).expect(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-length']).toBe(String(MP4.length));
    expect(Buffer.compare(whole.body as Buffer, MP4)).toBe(0);
  });

  it.each<[string, (size: number) => string, (size: number) => [number, number]]>([
    ['the first bytes (a player probing)', () => 'bytes=0-99', () => [0, 99]],
    ['an open-ended range (a seek)', (size) => `bytes=${size - 1000}-`, (size) => [size - 1000, size - 1]],
    ['the last bytes (bytes=-N)', () => 'bytes=-500', (size) => [size - 500, size - 1]],
    ['a range running past the end, cut at the end', (size) => `bytes=${size - 10}-${size + 5000}`, (size) => [size - 10, size - 1]],
  ])('answers %s with 206, Content-Range and exactly those bytes', async (_name, header, expected) => {
    const { url } = (await uploadVideo(MP4).expect(201)).body as UploadedVideoView;
    const [start, end] = expected(MP4.length);
    const part = await raw(app.t.http.get(url).set('Range', header(MP4.length))).expect(206);
    expect(part.headers['content-range']).toBe(`bytes ${start}-${end}/${MP4.length}`);
    expect(part.headers['content-type']).toBe('video/mp4');
    expect(part.headers['content-length']).toBe(String(end - start + 1));
    expect(Buffer.compare(part.body as Buffer, MP4.subarray(start, end + 1))).toBe(0);
  });

  it('answers a range that starts past the end with 416, the file\'s length and a Chinese message', async () => {
    const { url } = (await uploadVideo(MP4).expect(201)).body as UploadedVideoView;
    const res = await app.t.http.get(url).set('Range', `bytes=${MP4.length}-`).expect(416);
    expect(res.headers['content-range']).toBe(`bytes */${MP4.length}`);
    expect(res.body.error).toMatchObject({ code: 'range_not_satisfiable', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it('answers the whole file (200) to a Range it does not serve: several ranges, or not bytes', async () => {
    const { url } = (await uploadVideo(MP4).expect(201)).body as UploadedVideoView;
    for (const header of ['bytes=0-1,5-6', 'items=0-1']) {
      const res = await raw(app.t.http.get(url).set('Range', header)).expect(200);
      expect((res.body as Buffer).length).toBe(MP4.length);
    }
  });

  it('serves ranges of images too, and a fresh disk store reads a range from the file', async () => {
    const image = (await app.t.http.post('/api/uploads').set(as('a')).attach('file', PNG, 'qr.png').expect(201)).body as UploadedImageView;
    const part = await raw(app.t.http.get(image.url).set('Range', 'bytes=0-7')).expect(206);
    expect(Buffer.compare(part.body as Buffer, PNG.subarray(0, 8))).toBe(0);
    const { uploadId } = (await uploadVideo(MP4).expect(201)).body as UploadedVideoView;
    const stream = await new DiskUploadStore(app.dir).stream(uploadId, 4, 12);
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(Buffer.concat(chunks)).toEqual(MP4.subarray(4, 12));
    expect(await new DiskUploadStore(app.dir).stream('f'.repeat(64), 0, 1)).toBeNull();
  });

  it.each<[string, Buffer, string]>([
    ['a PNG named .mp4', PNG, 'clip.mp4'],
    ['a QuickTime .mov (ftyp qt)', ftyp('qt  '), 'clip.mp4'],
    ['a HEIF image (ftyp heic)', ftyp('heic'), 'clip.mp4'],
    ['HTML', Buffer.from('<html><body>hi</body></html>'), 'clip.mp4'],
  ])('refuses %s by its bytes with 415 in Chinese', async (_name, bytes, filename) => {
    const res = await uploadVideo(bytes, 'op', filename).expect(415);
    expect(res.body.error).toEqual(expect.objectContaining({ code: 'upload_not_mp4', details: [expect.objectContaining({ field: 'file', reason: '只支持 MP4 视频' })] }));
    expect(res.body.error.message).toMatch(/MP4/);
  });

  it('refuses a video over 50 MB with 413 in Chinese and keeps nothing', async () => {
    const before = await app.t.db.dataSource.query('SELECT COUNT(*) AS n FROM uploaded_file');
    const res = await uploadVideo(Buffer.concat([MP4, Buffer.alloc(VIDEO_MAX, 0)])).expect(413);
    expect(res.body.error).toMatchObject({ code: 'video_too_large', details: [{ field: 'file', label: '文件', reason: '视频不能超过 50 MB' }] });
    expect(await app.t.db.dataSource.query('SELECT COUNT(*) AS n FROM uploaded_file')).toEqual(before);
  });

  it('lets only operators upload videos; agents, managers, customers and anonymous callers are refused', async () => {
    await uploadVideo(MP4, 'op2').expect(201);
    await uploadVideo(MP4, 'a').expect(403);
    await uploadVideo(MP4, 'm1').expect(403);
    const customer = (await login(app.t, 'video-customer')).token;
    await app.t.http.post('/api/uploads/videos').set(bearer(customer)).attach('file', MP4, 'clip.mp4').expect(403);
    await app.t.http.post('/api/uploads/videos').attach('file', MP4, 'clip.mp4').expect(401);
  });

  it('does not take a video as an agent\'s QR code image', async () => {
    const { uploadId } = (await uploadVideo(MP4).expect(201)).body as UploadedVideoView;
    const res = await app.t.http.put('/api/card/reach').set(as('a')).send({ wechatQrUploadId: uploadId, wechatQrKind: 'wecom' }).expect(400);
    expect(res.body.error.details[0].field).toBe('wechatQrUploadId');
  });
});
