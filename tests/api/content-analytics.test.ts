import { randomUUID } from 'node:crypto';
import type { ContentMetricsView, ContentRankingRowView, OperatorContentDetailView, TagRankingRowView } from '@kejing/shared';
import { Lead } from '../../server/src/modules/leads/lead.entity';
import { bearer, buildWorld, login, startTestApp, TestApp, TEST_NOW, World } from '../../server/src/testing/test-app';

/**
 * Content analytics against a fixture counted by hand.
 *
 * Items (approved through the API): A (need:medical, stage:3; edited once, so v1 and v2),
 * B (need:critical_illness, stage:3), C (need:medical, stage:2; never shared).
 * Agents: a (team x, branch b1), c (team y, b1), d (team z, b2). Viewers P1–P4 (WeChat users).
 *
 *   share  agent  version   events
 *   S1     a      A v1      P1: open, read 40, read 80, open again  · P2: open, read 100, read_complete, forward (child share)
 *   S2     d      A v1      P3: open
 *   S3     a      A v2      P1: open, read 60
 *   S4     c      B         P4: open, read 50
 *   leads: P2 on S1, P1 on S3.
 *   stage moves (contact_stage_change): P2 1→3 on A v1, P1 2→4 on A v2, P1 4→3 on A v2 (a step back),
 *   P3 new→1 on A v1 (entering, not a move), P4 new→2 on B (entering above 1 counts).
 *
 * A, company-wide: shares S1 S2 S3 = 3; forwards 1; opens P1 2+1, P2 1, P3 1 = 5; viewers P1 P2 P3 = 3;
 *   depth P1 max(80, 60) = 80, P2 100, P3 0 → average 60, median 80; completed P2 → 1/3 = 33.3 %;
 *   leads 2; stage moves 2.
 * B: shares 1, forwards 0, opens 1, viewers 1, depth 50 / 50, completion 0 %, leads 0, moves 1.
 * C: zeros; depth and completion null (nobody read it).
 * Tag stage:3 (A + B, and the test world's own unshared article W): shares 4, forwards 1, opens 6, viewers 4; reads A·P1 80, A·P2 100, A·P3 0,
 *   B·P4 50 → average 57.5, median (50 + 80) / 2 = 65, completion 1/4 = 25 %; leads 2; moves 3; 3 items.
 * Tag need:medical (A + C) = A's figures, 2 items.
 * Branch b1 only (agents a, c: S2 and P3 drop out): A shares 2, forwards 1, opens 4, viewers 2,
 *   depth 80 / 100 → average 90, median 90, completion 50 %, leads 2, moves 2; B unchanged.
 * Branch b2 only (agent d): A shares 1, opens 1, viewers 1, depth 0, completion 0 %; B unseen.
 */
describe('content analytics match a hand-counted fixture', () => {
  let t: TestApp;
  let world: World;
  const ids: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };

  const op = () => bearer((world.people.op as { token: string }).token);
  // Four eyes: op writes and submits, op2 approves.
  const reviewer = () => bearer((world.people.op2 as { token: string }).token);
  const agentToken = (k: string) => bearer((world.people[k] as { token: string }).token);
  const staffId = (k: string) => (world.people[k] as { staffId: string }).staffId;

  async function approvedItem(title: string, tags: string[]): Promise<OperatorContentDetailView> {
    const item = (await t.http.post('/api/operator/content').set(op()).send({ kind: 'article', title, bodyHtml: `<p>${title}正文</p>`, tags }).expect(201)).body as OperatorContentDetailView;
    await t.http.post(`/api/operator/content/${item.itemId}/submit`).set(op()).expect(200);
    return (await t.http.post(`/api/operator/content/${item.itemId}/approve`).set(reviewer()).expect(200)).body as OperatorContentDetailView;
  }
  const share = async (agent: string, versionId: string) =>
    (await t.http.post('/api/shares').set(agentToken(agent)).send({ contentVersionId: versionId, channel: 'friend' }).expect(201)).body.shareId as string;
  async function visit(viewer: string, shareId: string, events: { type: string; depthPct?: number }[]): Promise<string> {
    const opened = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(viewer)).expect(200)).body;
    const batch = events.map((e, i) => ({ clientEventId: randomUUID(), shareId, createdAtDeviceMs: TEST_NOW - 10_000 + i, ...e }));
    const res = await t.http.post('/api/events').set(bearer(viewer)).send({ sentAtDeviceMs: TEST_NOW, events: batch }).expect(200);
    expect(res.body.stored).toBe(events.length);
    return opened.contactId as string;
  }
  async function lead(contactId: string, agent: string, shareId: string): Promise<void> {
    const { share: row } = await t.services.shares.load(shareId);
    await t.db.dataSource.getRepository(Lead).insert({
      id: randomUUID(), clientEventId: randomUUID(), contactId, agentId: staffId(agent), shareId: row.id, name: '客户', phoneCipher: 'x', phoneHash: randomUUID().replace(/-/g, ''),
      phoneLast4: '0000', phonePrefix3: '138', budgetFen: null, insuredPerson: null, needs: [], consentId: randomUUID(), createdAtMs: TEST_NOW,
    });
  }
  async function stageMove(contactId: string, agent: string, from: number | null, to: number, versionId: string): Promise<void> {
    await t.db.dataSource.query(
      'INSERT INTO contact_stage_change (id, contact_id, agent_id, from_stage, to_stage, outcome, event_id, content_version_id, at_ms) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)',
      [randomUUID(), contactId, staffId(agent), from, to, 'open', versionId, TEST_NOW],
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    const a = await approvedItem('医疗险怎么选', ['need:medical', 'stage:3']);
    const b = await approvedItem('重疾险怎么选', ['need:critical_illness', 'stage:3']);
    const c = await approvedItem('医疗险小知识', ['need:medical', 'stage:2']);
    [ids.A, ids.B, ids.C] = [a.itemId, b.itemId, c.itemId];
    const aV1 = a.latestVersionId;
    const s1 = await share('a', aV1);
    const s2 = await share('d', aV1);
    await t.http.put(`/api/operator/content/${ids.A}`).set(op()).send({ title: '医疗险怎么选（第二版）', bodyHtml: '<p>第二版</p>', tags: ['need:medical', 'stage:3'] }).expect(200);
    await t.http.post(`/api/operator/content/${ids.A}/submit`).set(op()).expect(200);
    const aV2 = ((await t.http.post(`/api/operator/content/${ids.A}/approve`).set(reviewer()).expect(200)).body as OperatorContentDetailView).latestVersionId;
    const s3 = await share('a', aV2);
    const s4 = await share('c', b.latestVersionId);
    const [p1, p2, p3, p4] = await Promise.all(['p1', 'p2', 'p3', 'p4'].map(async (p) => (await login(t, `analytics-${p}`)).token)) as [string, string, string, string];

    const p1AtA = await visit(p1, s1, [{ type: 'open' }, { type: 'read_progress', depthPct: 40 }, { type: 'read_progress', depthPct: 80 }, { type: 'open' }]);
    const p2AtA = await visit(p2, s1, [{ type: 'open' }, { type: 'read_progress', depthPct: 100 }, { type: 'read_complete' }]);
    await t.http.post(`/api/shares/${encodeURIComponent(s1)}/forward`).set(bearer(p2)).send({ channel: 'friend' }).expect(201);
    const p3AtD = await visit(p3, s2, [{ type: 'open' }]);
    await visit(p1, s3, [{ type: 'open' }, { type: 'read_progress', depthPct: 60 }]);
    const p4AtC = await visit(p4, s4, [{ type: 'open' }, { type: 'read_progress', depthPct: 50 }]);
    await t.services.writer.drain();

    await lead(p2AtA, 'a', s1);
    await lead(p1AtA, 'a', s3);
    await stageMove(p2AtA, 'a', 1, 3, aV1);
    await stageMove(p1AtA, 'a', 2, 4, aV2);
    await stageMove(p1AtA, 'a', 4, 3, aV2);
    await stageMove(p3AtD, 'd', null, 1, aV1);
    await stageMove(p4AtC, 'c', null, 2, b.latestVersionId);
  }, 60_000);
  afterAll(() => t.close());

  const m = (shares: number, forwards: number, opens: number, uniqueViewers: number, avgDepthPct: number | null, medianDepthPct: number | null, completionPct: number | null, leads: number, stageMoves: number): ContentMetricsView =>
    ({ shares, forwards, opens, uniqueViewers, avgDepthPct, medianDepthPct, completionPct, leads, stageMoves });
  const ranking = async (query: Record<string, string>) =>
    (await t.http.get('/api/operator/analytics/content').query(query).set(op()).expect(200)).body as ContentRankingRowView[];
  const row = (rows: { itemId: string; metrics: ContentMetricsView }[], item: 'A' | 'B' | 'C') => rows.find((r) => r.itemId === ids[item])?.metrics;

  it('per item, company-wide', async () => {
    const rows = await ranking({});
    expect(row(rows, 'A')).toEqual(m(3, 1, 5, 3, 60, 80, 33.3, 2, 2));
    expect(row(rows, 'B')).toEqual(m(1, 0, 1, 1, 50, 50, 0, 0, 1));
    expect(row(rows, 'C')).toEqual(m(0, 0, 0, 0, null, null, null, 0, 0));
  });

  it('per item, with each version on its own', async () => {
    const a = (await t.http.get(`/api/operator/analytics/content/${ids.A}`).set(op()).expect(200)).body as ContentRankingRowView & { versions: { versionNo: number; metrics: ContentMetricsView }[] };
    expect(a.metrics).toEqual(m(3, 1, 5, 3, 60, 80, 33.3, 2, 2));
    // v2: S3 only; P1 opened once and read 60. v1: S1, S2 and the forward; P1 80, P2 100, P3 0.
    expect(a.versions.map((v) => [v.versionNo, v.metrics])).toEqual([
      [2, m(1, 0, 1, 1, 60, 60, 0, 1, 1)],
      [1, m(2, 1, 4, 3, 60, 80, 33.3, 1, 1)],
    ]);
  });

  it('per tag', async () => {
    const tags = (await t.http.get('/api/operator/analytics/tags').set(op()).expect(200)).body as TagRankingRowView[];
    const tag = (code: string) => tags.find((r) => r.tag === code);
    expect(tag('stage:3')).toMatchObject({ name: '有价值名单', items: 3, metrics: m(4, 1, 6, 4, 57.5, 65, 25, 2, 3) });
    expect(tag('need:medical')).toMatchObject({ name: '医疗', items: 2, metrics: m(3, 1, 5, 3, 60, 80, 33.3, 2, 2) });
    expect(tag('need:legacy')).toMatchObject({ items: 0, metrics: m(0, 0, 0, 0, null, null, null, 0, 0) });
    const needs = (await t.http.get('/api/operator/analytics/tags').query({ family: 'need', sort: 'opens' }).set(op()).expect(200)).body as TagRankingRowView[];
    expect(needs.every((r) => r.tag.startsWith('need:'))).toBe(true);
    expect(needs.slice(0, 2).map((r) => [r.rank, r.tag])).toEqual([[1, 'need:medical'], [2, 'need:critical_illness']]);
  });

  it('what works for stage 3 in branch b1, ranked', async () => {
    const [b1, b2] = world.branchIds;
    const byCompletion = await ranking({ tag: 'stage:3', orgUnitId: b1, sort: 'completionPct', minViewers: '1' });
    expect(byCompletion.map((r) => [r.rank, r.itemId, r.metrics])).toEqual([
      [1, ids.A, m(2, 1, 4, 2, 90, 90, 50, 2, 2)],
      [2, ids.B, m(1, 0, 1, 1, 50, 50, 0, 0, 1)],
    ]);
    const inB2 = await ranking({ tag: 'stage:3', orgUnitId: b2, minViewers: '1' });
    expect(inB2.map((r) => [r.itemId, r.metrics])).toEqual([[ids.A, m(1, 0, 1, 1, 0, 0, 0, 0, 0)]]);
    const byMoves = await ranking({ tag: 'stage:3' });
    expect(byMoves.map((r) => r.itemId).slice(0, 2)).toEqual([ids.A, ids.B]);
    expect(byMoves).toHaveLength(3); // W, with nothing measured, ranks last
  });

  it('within a time window', async () => {
    const before = await ranking({ to: new Date(TEST_NOW - 24 * 3600_000).toISOString() });
    expect(before.every((r) => r.metrics.shares === 0 && r.metrics.opens === 0 && r.metrics.leads === 0)).toBe(true);
  });

  it('refuses bad filters and non-operators', async () => {
    await t.http.get('/api/operator/analytics/content').query({ sort: 'revenue' }).set(op()).expect(400);
    await t.http.get('/api/operator/analytics/content').query({ orgUnitId: '00000000-0000-4000-8000-0000000000ff' }).set(op()).expect(404);
    await t.http.get('/api/operator/analytics/content').set(agentToken('a')).expect(403);
  });
});
