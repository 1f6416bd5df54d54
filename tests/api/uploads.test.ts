import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UploadedImageView } from '@kejing/shared';
import { DiskUploadStore } from '../../server/src/modules/uploads/upload-store';
import { bearer, buildWorld, login, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(32, 2)]);
const MAX = 2 * 1024 * 1024;

describe('image uploads (名片二维码、头像)', () => {
  let t: TestApp;
  let world: World;
  let dir: string;
  const as = (key: string) => bearer((world.people[key] as { token: string }).token);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kejing-uploads-'));
    t = await startTestApp({ uploadsDir: dir });
    world = await buildWorld(t);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (bytes: Buffer, filename = 'qr.png') => t.http.post('/api/uploads').set(as('a')).attach('file', bytes, { filename, contentType: 'image/png' });

  it.each<[string, Buffer, string]>([['PNG', PNG, 'image/png'], ['JPEG', JPEG, 'image/jpeg'], ['WebP', WEBP, 'image/webp']])(
    'takes a %s sent as Taro.uploadFile sends it (multipart, field file) and serves it back with long-lived cache headers', async (_kind, bytes, contentType) => {
      const view = (await upload(bytes).expect(201)).body as UploadedImageView;
      expect(view).toEqual({ uploadId: expect.stringMatching(/^[0-9a-f]{64}$/), url: `/api/uploads/${view.uploadId}`, contentType, sizeBytes: bytes.length });
      const served = await t.http.get(view.url).buffer(true).parse((res, done) => {
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
    expect(await new DiskUploadStore(dir).get(view.uploadId)).toEqual(PNG);
  });

  it('takes the bytes as the body too (an H5 file input posting the file itself)', async () => {
    const res = await t.http.post('/api/uploads').set(as('a')).set('Content-Type', 'image/jpeg').send(JPEG).expect(201);
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
    const before = await t.db.dataSource.query('SELECT COUNT(*) AS n FROM uploaded_image');
    const big = Buffer.concat([PNG, Buffer.alloc(MAX, 0)]);
    const res = await upload(big).expect(413);
    expect(res.body.error.details[0]).toEqual({ field: 'file', label: '图片', reason: '图片不能超过 2 MB' });
    expect(await t.db.dataSource.query('SELECT COUNT(*) AS n FROM uploaded_image')).toEqual(before);
  });

  it('takes an image of exactly 2 MB', async () => {
    await upload(Buffer.concat([PNG, Buffer.alloc(MAX - PNG.length, 0)])).expect(201);
  });

  it('refuses a body without a file part with 400', async () => {
    const res = await t.http.post('/api/uploads').set(as('a')).field('note', 'no file').expect(400);
    expect(res.body.error.details[0].field).toBe('file');
  });

  it('lets agents and leaders upload card images and operators content images (the editor sends the bytes as the body); customers, managers and anonymous callers are refused', async () => {
    const fromEditor = (await t.http.post('/api/uploads').set(as('op')).set('Content-Type', 'image/png').send(PNG).expect(201)).body as UploadedImageView;
    expect(fromEditor).toMatchObject({ contentType: 'image/png', url: `/api/uploads/${fromEditor.uploadId}` });
    await t.http.post('/api/uploads').set(as('lx')).attach('file', PNG, 'x.png').expect(201);
    await t.http.post('/api/uploads').set(as('m1')).attach('file', PNG, 'x.png').expect(403);
    const customer = (await login(t, 'upload-customer')).token;
    await t.http.post('/api/uploads').set(bearer(customer)).attach('file', PNG, 'x.png').expect(403);
    await t.http.post('/api/uploads').attach('file', PNG, 'x.png').expect(401);
  });

  it('answers 404 for an id that names no upload, or is not an id', async () => {
    await t.http.get(`/api/uploads/${'0'.repeat(64)}`).expect(404);
    await t.http.get('/api/uploads/..%2F..%2Fsecrets.json').expect(404);
  });
});
