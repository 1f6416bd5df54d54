import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NEED_CODES, STAGES } from '@kejing/shared';
import { parseArgs, runImportCli } from '../../server/src/cli/import-content';
import { openDatabase } from '../../server/src/db/data-source';
import { OrgService } from '../../server/src/modules/org/org.service';
import { DEMO_CONTENT_DIR, loadDemo } from '../../server/src/demo/load-demo';
import { actorForStaff, ContentImporter, ImportResult, parseContentFile } from '../../server/src/modules/content/content-import';
import { bearer, buildWorld, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

describe('importing Markdown content (the content:import CLI)', () => {
  let t: TestApp;
  let world: World;
  let importer: ContentImporter;
  let first: ImportResult[];
  const scratch: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'kejing-import-'));
    scratch.push(dir);
    return dir;
  };
  const asOperator = async () => actorForStaff(t.db.dataSource, (world.people.op as { staffId: string }).staffId);

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    importer = new ContentImporter(t.db.dataSource, t.services.contentAuthoring, t.services.uploads);
    first = await importer.importFolder(DEMO_CONTENT_DIR, { mode: 'approve', actor: await asOperator() });
  }, 60_000);
  afterAll(async () => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('imports the demo library: every file approved through the checks, nothing failed', () => {
    expect(first.filter((r) => r.outcome === 'failed')).toEqual([]);
    expect(first.length).toBeGreaterThanOrEqual(20);
    expect(first.every((r) => r.outcome === 'created' && r.status === 'approved')).toBe(true);
  });

  it('covers every need family and every sales stage, in all four kinds', async () => {
    const tags = new Set(first.flatMap((r) => r.tags ?? []));
    for (const need of NEED_CODES) expect(tags).toContain(`need:${need}`);
    for (const stage of STAGES) expect(tags).toContain(`stage:${stage}`);
    const kinds = await t.db.dataSource.query('SELECT DISTINCT kind FROM content_item WHERE source_key IS NOT NULL');
    expect(kinds.map((k: { kind: string }) => k.kind).sort()).toEqual(['article', 'live', 'poster', 'video']);
  });

  it('turns Markdown into sanitised HTML and front-matter into fields', async () => {
    const table = first.find((r) => r.sourceKey === '04-critical-illness-sum-insured') as ImportResult;
    const detail = await t.services.contentAuthoring.detail(table.itemId as string);
    expect(detail.latest.bodyHtml).toContain('<table>');
    expect(detail.latest.bodyHtml).toContain('<strong>60 万到 100 万元</strong>');
    const video = await t.services.contentAuthoring.detail((first.find((r) => r.sourceKey === '02-medical-million-video') as ImportResult).itemId as string);
    // The clip ships with the library; its running time is read from the file.
    expect(video.latest).toMatchObject({ kind: 'video', videoUrl: expect.stringMatching(/^\/api\/uploads\/[0-9a-f]{64}$/), durationSec: 12 });
    const live = await t.services.contentAuthoring.detail((first.find((r) => r.sourceKey === '11-silver-health-live') as ImportResult).itemId as string);
    expect(live.latest).toMatchObject({
      liveStartsAt: '2026-12-10T12:00:00.000Z', liveEndsAt: '2026-12-10T13:30:00.000Z', replayUrl: expect.stringMatching(/^\/api\/uploads\/[0-9a-f]{64}$/),
      // The demo has no real 视频号 account, and invents none.
      videoUrl: null, channelsFinderId: null,
    });
    // "visibility: [上海分公司]" is the branch b1 of the test world.
    expect(live.visibility.orgUnitIds).toEqual([world.branchIds[0]]);
    expect(live.history.map((h) => h.action)).toEqual(['content.created', 'content.submitted', 'content.approved']);
    expect(live.history[2]?.detail).toMatchObject({ via: 'import', actorRole: 'operator' });
  });

  it('shows imported items to agents by their visibility', async () => {
    const visible = async (agent: string) =>
      ((await t.http.get('/api/content').query({ pageSize: 100 }).set(bearer((world.people[agent] as { token: string }).token)).expect(200)).body.items as { title: string }[]).map((i) => i.title);
    expect(await visible('a')).toContain('直播预告：银发族的健康与养老规划');
    expect(await visible('d')).not.toContain('直播预告：银发族的健康与养老规划');
    expect(await visible('d')).toContain('重疾险的三个常见误区');
  });

  it('ships the demo covers with the library: a cover written as a file beside the Markdown is served as an upload', async () => {
    const agent = bearer((world.people.a as { token: string }).token);
    const items = (await t.http.get('/api/content').query({ pageSize: 100 }).set(agent).expect(200)).body.items as { coverUrl: string | null }[];
    const covers = items.map((i) => i.coverUrl).filter((u): u is string => u !== null);
    expect(covers.filter((u) => u.startsWith('/api/uploads/')).length).toBeGreaterThanOrEqual(21);
    expect(covers.some((u) => u.includes('example.com'))).toBe(false);
    const res = await t.http.get(covers[0] as string).expect(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.body.length).toBeLessThan(80_000);
  });

  it('ships the demo videos with the library: each video item and the live\'s replay play from an upload, an MP4 under 500 KB served with byte ranges', async () => {
    const agent = bearer((world.people.a as { token: string }).token);
    const items = (await t.http.get('/api/content').query({ pageSize: 100 }).set(agent).expect(200)).body.items as { versionId: string; kind: string }[];
    const media: string[] = [];
    for (const item of items.filter((i) => i.kind === 'video' || i.kind === 'live')) {
      const version = (await t.http.get(`/api/content/versions/${item.versionId}`).set(agent).expect(200)).body as { videoUrl: string | null; replayUrl: string | null };
      for (const url of [version.videoUrl, version.replayUrl]) if (url !== null) media.push(url);
    }
    expect(media.length).toBeGreaterThanOrEqual(3);
    for (const url of media) {
      expect(url).toMatch(/^\/api\/uploads\/[0-9a-f]{64}$/);
      const head = await t.http.get(url).set('Range', 'bytes=0-11').expect(206);
      expect(head.headers['content-type']).toBe('video/mp4');
      expect(Number(head.headers['content-range']?.split('/')[1])).toBeLessThan(500_000);
    }
  });

  it('keeps no example.com address anywhere in the demo library', () => {
    for (const name of readdirSync(DEMO_CONTENT_DIR).filter((f) => f.endsWith('.md'))) {
      expect(`${name}: ${readFileSync(join(DEMO_CONTENT_DIR, name), 'utf8')}`).not.toMatch(/example\.(com|org|net)/);
    }
  });

  it('refuses a local cover outside the folder or when no image store is given, and imports nothing for that file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'outside.md'), '---\ntitle: 封面在外面\ncover: ../../etc/passwd\nneed: [medical]\n---\n正文');
    const [outside] = await importer.importFolder(dir, { mode: 'draft', actor: await asOperator() });
    expect(outside).toMatchObject({ outcome: 'failed', error: expect.stringContaining('inside the folder') });
    const withoutStore = new ContentImporter(t.db.dataSource, t.services.contentAuthoring);
    const local = tempDir();
    cpSync(join(DEMO_CONTENT_DIR, 'images'), join(local, 'images'), { recursive: true });
    writeFileSync(join(local, 'local-cover.md'), '---\ntitle: 本地封面\ncover: images/cover-annuity.jpg\nneed: [annuity]\n---\n正文');
    const [noStore] = await withoutStore.importFolder(local, { mode: 'draft', actor: await asOperator() });
    expect(noStore).toMatchObject({ outcome: 'failed', error: expect.stringContaining('no upload store') });
  });

  it('finds by tag and synonym: searching 重疾 finds every item the 重疾 chip finds, and 重大疾病 finds the same', async () => {
    const agent = bearer((world.people.a as { token: string }).token);
    const ids = async (query: Record<string, string>) =>
      ((await t.http.get('/api/content').query({ pageSize: 100, ...query }).set(agent).expect(200)).body.items as { versionId: string }[]).map((i) => i.versionId).sort();
    const chip = await ids({ tag: 'need:critical_illness' });
    const search = await ids({ q: '重疾' });
    expect(chip.length).toBeGreaterThanOrEqual(7);
    expect(search).toEqual(expect.arrayContaining(chip));
    expect(await ids({ q: '重大疾病' })).toEqual(search);
    // Every word must match: 重疾 and 宝妈 together narrow to the items that are both.
    const both = await ids({ q: '重疾 宝妈' });
    expect(both.length).toBeLessThan(search.length);
    expect(search).toEqual(expect.arrayContaining(both));
    expect(await ids({ q: '完全无关的词' })).toEqual([]);
  });

  it('offers each item a 朋友圈文案: the file\'s own, or one made from the title and summary', async () => {
    const agent = bearer((world.people.a as { token: string }).token);
    const dir = tempDir();
    writeFileSync(join(dir, 'with-copy.md'), '---\ntitle: 带文案的文章\nsummary: 一句摘要\nmoments: 周末读到一篇好文，分享给你。\nneed: [medical]\n---\n正文');
    const [withCopy] = await importer.importFolder(dir, { mode: 'approve', actor: await asOperator() });
    const own = (await t.http.get(`/api/content/versions/${withCopy?.versionId}`).set(agent).expect(200)).body;
    expect(own.momentsCopy).toBe('周末读到一篇好文，分享给你。');
    const myths = first.find((r) => r.sourceKey === '03-critical-illness-myths') as ImportResult;
    const published = (await t.services.contentAuthoring.detail(myths.itemId as string)).publishedVersionId;
    const made = (await t.http.get(`/api/content/versions/${published}`).set(agent).expect(200)).body;
    expect(made.momentsCopy).toContain('【重疾险的三个常见误区】买重疾险之前，先把这三件事想清楚。');
  });

  it('re-imports an unchanged folder without a new version', async () => {
    const again = await importer.importFolder(DEMO_CONTENT_DIR, { mode: 'approve', actor: await asOperator() });
    expect(again.map((r) => r.outcome)).toEqual(first.map(() => 'unchanged'));
    expect(again.map((r) => r.versionId)).toEqual(first.map((r) => r.versionId));
  });

  it('makes a changed file a new version of the same item, and reports a bad file without stopping', async () => {
    const dir = tempDir();
    cpSync(join(DEMO_CONTENT_DIR, '03-critical-illness-myths.md'), join(dir, '03-critical-illness-myths.md'));
    cpSync(join(DEMO_CONTENT_DIR, 'images'), join(dir, 'images'), { recursive: true }); // its cover, beside it as in the demo
    const file = join(dir, '03-critical-illness-myths.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('想知道自己的保额该定多少', '想知道保额该定多少'));
    writeFileSync(join(dir, '90-no-title.md'), '---\nkind: article\n---\n正文');
    writeFileSync(join(dir, '91-forbidden.md'), '---\ntitle: 年金险稳赚\nneed: [annuity]\n---\n保本高收益的好选择。');
    writeFileSync(join(dir, '92-unknown-tag.md'), '---\ntitle: 新品\nneed: [space_travel]\n---\n正文');
    const results = await importer.importFolder(dir, { mode: 'approve', actor: await asOperator() });
    const by = (name: string) => results.find((r) => r.file === name) as ImportResult;
    const before = first.find((r) => r.sourceKey === '03-critical-illness-myths') as ImportResult;
    expect(by('03-critical-illness-myths.md')).toMatchObject({ outcome: 'updated', status: 'approved', itemId: before.itemId });
    expect(by('03-critical-illness-myths.md').versionId).not.toBe(before.versionId);
    expect(by('90-no-title.md')).toMatchObject({ outcome: 'failed', error: 'title is missing' });
    expect(by('91-forbidden.md').outcome).toBe('failed');
    expect(by('91-forbidden.md').error).toEqual(expect.stringContaining('稳赚'));
    expect(by('91-forbidden.md').error).toEqual(expect.stringContaining('保本高收益'));
    expect(by('92-unknown-tag.md').error).toEqual(expect.stringContaining('need:space_travel'));
  });

  it('imports as drafts for review unless asked to approve', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'draft-one.md'), '---\ntitle: 待审核的文章\nstage: [2, 3]\nneed: medical\n---\n# 标题\n\n正文<script>alert(1)</script>');
    const [result] = await importer.importFolder(dir, { mode: 'draft', actor: await asOperator() });
    expect(result).toMatchObject({ outcome: 'created', status: 'draft', tags: ['need:medical', 'stage:2', 'stage:3'] });
    const detail = await t.services.contentAuthoring.detail(result?.itemId as string);
    expect(detail.latest.bodyHtml).toBe('<h1>标题</h1>\n<p>正文&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('reads front-matter strictly', () => {
    expect(() => parseContentFile('x.md', '---\ntitle: t\nkind: podcast\n---\n')).toThrow('kind must be one of');
    expect(() => parseContentFile('x.md', '---\ntitle: t\nvideo: { duration: 1.5 }\n---\n')).toThrow('whole seconds');
    expect(() => parseContentFile('x.md', '---\ntitle: t\nlive: { start: soon }\n---\n')).toThrow('live start');
    expect(parseContentFile('dir/slugged.md', '---\ntitle: t\nslug: my-key\nvisibility: company\n---\n')).toMatchObject({ sourceKey: 'my-key', visibleTo: [] });
  });

  it('runs as a command: loads the demo folder into the configured database, then finds nothing to change', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(t.db.url ? { DATABASE_URL: t.db.url } : {}) };
    if (!t.db.url) {
      // A fresh SQLite file with the branch the live item is limited to, as an installation would have.
      const ds = await openDatabase({ url: null, sqlitePath: join(dataDir, 'kejing.sqlite') });
      const org = new OrgService(ds, t.clock);
      await org.create({ kind: 'branch', name: '上海分公司', parentId: (await org.create({ kind: 'company', name: '客经人寿' })).id });
      await ds.destroy();
    }
    const out: string[] = [];
    const code = await runImportCli([DEMO_CONTENT_DIR], env, (text) => out.push(text));
    // On MariaDB the command shares this suite's database, where the demo items exist already.
    const summary = out.join('').trim().split('\n').at(-1);
    if (code !== 0) throw new Error(out.join(''));
    expect(code).toBe(0);
    // (where one file was changed by the test above: the demo text comes back as a new draft version).
    expect(summary).toMatch(t.db.url ? /^21 files: 0 created, 1 updated, 20 unchanged, 0 failed$/ : /^21 files: 21 created, 0 updated, 0 unchanged, 0 failed$/);
    const out2: string[] = [];
    expect(await runImportCli([DEMO_CONTENT_DIR], env, (text) => out2.push(text))).toBe(0);
    expect(out2.join('').trim().split('\n').at(-1)).toBe('21 files: 0 created, 0 updated, 21 unchanged, 0 failed');
    expect(() => parseArgs(['a', '--approve'])).toThrow('--as');
    expect(() => parseArgs([])).toThrow('npm run content:import');
  });
});

describe('the demo loader', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.close());

  it('loads the organisation, the Markdown library (approved by the demo operator) and customers who read it', async () => {
    expect(await loadDemo(t.services)).toBe(true);
    const count = async (sql: string) => Number((await t.db.dataSource.query(sql))[0].n);
    expect(await count("SELECT COUNT(*) AS n FROM content_item WHERE status = 'approved' AND source_key IS NOT NULL")).toBe(21);
    // Each of the three demo agents with customers (王晓梅, 李建国, 张丽) shared every item once.
    expect(await count('SELECT COUNT(*) AS n FROM share')).toBe(63);
    expect(await count('SELECT COUNT(*) AS n FROM contact')).toBe(12);
    await t.services.writer.drain();
    expect(await count('SELECT COUNT(*) AS n FROM touchpoint_event')).toBeGreaterThan(40);
    expect(await loadDemo(t.services)).toBe(false);
  });
});
