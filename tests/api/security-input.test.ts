import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { LEAD_NAME_MAX, type Role, type StaffCreatedView, type SessionView } from '@kejing/shared';
import { allRoutes } from '../../server/src/app';
import { routeKey } from '../../server/src/http/route';
import { fuzzRuns } from '../../server/src/testing/fuzz-runs';
import {
  CONFUSED_QUERY_VALUES, CONFUSED_VALUES, confusedQueryValue, confusedValue, DocumentedOperation, documentedOperations, fieldPaths, readOpenApi, sampleOf, withValueAt,
} from './openapi-samples';
import { adminAuth, bearer, buildWorld, login, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const consent = { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' };
/** What must never reach a client: stack frames, driver codes, SQL, internal class names. */
const LEAK = /\bat .+\.(ts|js):\d+|node_modules|SQLITE_|\bER_[A-Z_]+|QueryFailedError|TypeError|ReferenceError|syntax error|SELECT |INSERT |UPDATE |DELETE FROM|sqlMessage|errno/i;

describe('bad input', () => {
  let t: TestApp;
  let world: World;
  const tokens: Partial<Record<Role, string>> = {};
  let shareId: string;
  let viewer: string;
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    viewer = (await login(t, 'fuzz-viewer')).token;
    tokens.viewer = viewer;
    tokens.agent = world.people.a?.token;
    tokens.leader = world.people.lx?.token;
    tokens.manager = world.people.m1?.token;
    tokens.operator = world.people.op?.token;
    const admin = (await t.http.post('/api/admin/staff').set(adminAuth(world)).send({ name: '管理员', role: 'admin', orgUnitId: world.companyId }).expect(201)).body as StaffCreatedView;
    tokens.admin = ((await t.http.post('/api/auth/bind').set(bearer((await login(t, 'fuzz-admin')).token)).send({ inviteCode: admin.inviteCode }).expect(200)).body as SessionView).token;
    shareId = await shareArticle(t, world);
    await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(viewer)).expect(200);
  }, 60_000);
  afterAll(() => t.close());

  /**
   * Every string a request carried (keys and values, at any depth). Error details name the
   * fields a client sent ("property er_A should not exist"): an echo of the client's own text is
   * not a leak, so it is taken out before looking for server text.
   */
  const sentStrings = (...values: unknown[]): string[] => {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') for (const [k, child] of Object.entries(v)) { out.push(k); walk(child); }
    };
    values.forEach(walk);
    // Nothing shorter than four characters can form a LEAK match on its own ("er_A").
    return out.filter((x) => x.length >= 4);
  };
  const withoutEchoes = (text: string, sent: string[]) =>
    sent.reduce((acc, x) => acc.split(x).join('').split(JSON.stringify(x).slice(1, -1)).join(''), text);

  const clean = (status: number, text: string, sent: string[] = []) => {
    expect(status).toBeLessThan(500);
    expect(withoutEchoes(text, sent)).not.toMatch(LEAK);
  };

  /** A role the route's declared access allows, so the fuzz reaches validation and handlers. */
  const accessOf = new Map(allRoutes({} as never).map((r) => [routeKey(r), r.access]));
  const roleFor = (key: string): Role | null => {
    const entry = accessOf.get(key);
    if (entry === 'public' || entry === undefined) return null;
    return entry.includes('viewer') ? 'viewer' : (entry.find((r) => r !== 'viewer') as Role);
  };

  describe('fuzzing every endpoint (fast-check, bounded runs)', () => {
    // Every route, called as a role the table allows, so the fuzz reaches validation and handlers.
    const routes = allRoutes({} as never)
      .map((r) => ({ key: routeKey(r), method: r.method, path: r.path }))
      .filter((r) => r.key !== 'DELETE /api/privacy/me'); // erasing the fuzzing viewer mid-run is tested in the privacy suite
    const RAW_SEGMENTS = ['%', '%E0%A4%A', '%ED%A0%80', '%00', '..%2F..%2F'];
    const text = fc.oneof(fc.constantFrom(...RAW_SEGMENTS), fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('', ' ', '\u0000', '\uD800', '😀'.repeat(3), 'x'.repeat(10_000), "' OR 1=1 --", '../../etc/passwd', '%00', '{}', 'NaN'));
    const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(-1, 1e308, -1e308, 2 ** 53 + 1, 0.5));
    const body = fc.oneof(
      fc.dictionary(fc.oneof(fc.constantFrom('clientEventId', 'shareId', 'name', 'phone', 'events', 'sentAtDeviceMs', 'consent', 'needs', 'code', 'inviteCode', 'rules', 'until', 'type', 'channel', 'contentVersionId', 'kind', 'title', 'tags', 'stage', 'agentId'), fc.string()), fc.oneof(scalar, fc.array(scalar, { maxLength: 5 }), fc.dictionary(fc.string(), scalar, { maxKeys: 4 })), { maxKeys: 8 }),
      fc.jsonValue({ maxDepth: 3 }),
    );

    const withParams = routes.filter((r) => r.path.includes(':'));
    it.each(withParams)('$key: an id ending in %00, or holding other control bytes, is a 4xx, never a 500', async ({ key, method, path }) => {
      const role = roleFor(key);
      for (const id of ['00000000-0000-4000-8000-000000000000%00', '%00', 'abc%00def', '00000000-0000-4000-8000-00000000000%01', '%0A']) {
        const req = t.http[method](path.replace(/:(\w+)/g, id));
        if (role) req.set(bearer(tokens[role] as string));
        const res = await (method === 'get' ? req : req.set('Content-Type', 'application/json').send('{}'));
        expect([id, res.status]).toEqual([id, expect.any(Number)]);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    });

    it.each(routes)('$key: no 5xx, no stack or database text, for any body, query and path', async ({ key, method, path }) => {
      const role = roleFor(key);
      await fc.assert(
        fc.asyncProperty(body, fc.dictionary(fc.constantFrom('page', 'pageSize', 'cell', 'stage', 'tag', 'q', 'kind', 'since', 'referral'), text, { maxKeys: 3 }), fc.array(text, { minLength: 4, maxLength: 4 }), async (b, query, params) => {
          let i = 0;
          // Raw percent sequences (truncated, or UTF-8 of a lone surrogate) as well as well-encoded text.
          const segment = (s: string) => (RAW_SEGMENTS.includes(s) ? s : encodeURIComponent(s.replace(/\p{Cs}/gu, '\uFFFD')));
          const url = path.replace(/:(\w+)/g, () => segment(params[i++] || 'x'));
          const req = t.http[method](url).query(query);
          if (role) req.set(bearer(tokens[role] as string));
          // Any JSON value at all, scalars included, as the raw body.
          const res = await (method === 'get' ? req : req.set('Content-Type', 'application/json').send(JSON.stringify(b) ?? 'null'));
          // The operator pages are static HTML/JS (a <select> is not SQL); their status still counts.
          clean(res.status, /^text\/(html|javascript|css)/.test(String(res.headers['content-type'])) ? '' : res.text, sentStrings(b, query, params));
        }),
        fuzzRuns(8),
      );
    });
  });

  describe('type-confused values on every field of every body and query (from docs/openapi.json)', () => {
    const doc = readOpenApi();
    const operations = documentedOperations(doc).filter((op) => op.key !== 'DELETE /api/privacy/me' && (op.body !== null || op.query.length > 0));
    // Real ids by field name, so that a body otherwise sound reaches the service and its queries.
    const known = new Map<string, unknown>();
    beforeAll(async () => {
      const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(viewer)).expect(200)).body.contactId as string;
      // An item of its own: the fuzz may retire or reject whatever itemId it is given.
      const itemId = (await t.http.post('/api/admin/content').set(bearer(tokens.admin as string))
        .send({ kind: 'article', title: '类型测试文章', bodyHtml: '<p>正文</p>', tags: ['need:critical_illness'] }).expect(201)).body.itemId as string;
      const rules = (await t.http.get('/api/follow-up-rules').set(bearer(tokens.operator as string)).expect(200)).body.rules as unknown[];
      const entries: [string, unknown][] = [
        ['shareId', shareId], ['contentVersionId', world.versionId], ['versionId', world.versionId], ['orgUnitId', world.companyId], ['parentId', world.companyId],
        ['agentId', world.people.a?.staffId], ['teamId', world.teamIds[0]], ['contactId', contactId], ['phone', '13600001234'], ['name', '类型测试'],
        ['tags', ['need:critical_illness']], ['tag', 'need:critical_illness'], ['consent', consent], ['healthConsent', { ...consent, purpose: '健康告知' }],
        ['sentAtDeviceMs', t.clock.nowMs()], ['createdAtDeviceMs', t.clock.nowMs()], ['day', '2026-11-01'], ['from', '2026-10-01'], ['to', '2026-11-01'],
        ['itemId', itemId], ['orgUnitIds', [world.branchIds[0]]], ['parentCode', 'need:critical_illness'], ['until', new Date(t.clock.nowMs() + 86_400_000).toISOString()],
        ['rules', rules.slice(0, 2)], ['code', 'fuzz-type-login'], ['inviteCode', 'ABCDEFGH'], ['word', '类型测试词'],
      ];
      for (const [name, value] of entries) known.set(name, value);
    });
    const sample = (op: DocumentedOperation) => (op.body ? sampleOf(doc, op.body, (field) => known.get(field)) : undefined);
    const pathOf = (op: DocumentedOperation) => op.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(String(known.get(name) ?? randomUUID())));
    const call = (op: DocumentedOperation, body: unknown, query: Record<string, string | string[]>) => {
      const role = roleFor(op.key);
      const req = t.http[op.method](pathOf(op)).query(query);
      if (role) req.set(bearer(tokens[role] as string));
      return op.method === 'get' ? req : req.set('Content-Type', 'application/json').send(JSON.stringify(body ?? {}));
    };

    it.each(operations)('$key: each field in turn, given each wrong shape, is a 4xx naming no server internals', async (op) => {
      // A fresh sample per request: its new clientEventId is not taken for a replay of an earlier one.
      const failures: string[] = [];
      for (const path of op.body ? [[], ...fieldPaths(sample(op))] : []) {
        for (const wrong of CONFUSED_VALUES) {
          const body = withValueAt(sample(op), path, wrong);
          const res = await call(op, body, {});
          if (res.status >= 500) failures.push(`${JSON.stringify(path)} = ${JSON.stringify(wrong)?.slice(0, 40)} → ${res.status}`);
          else clean(res.status, res.text, sentStrings(body));
        }
      }
      for (const { name } of op.query) {
        for (const wrong of CONFUSED_QUERY_VALUES) {
          const res = await call(op, sample(op), { [name]: wrong });
          if (res.status >= 500) failures.push(`?${name}=${JSON.stringify(wrong).slice(0, 40)} → ${res.status}`);
          else clean(res.status, res.text, sentStrings(wrong));
        }
      }
      expect(failures).toEqual([]);
    }, 120_000);

    it.each(operations)('$key: random wrong shapes in several fields and query keys at once (fast-check)', async (op) => {
      const paths = op.body ? fieldPaths(sample(op)) : [];
      const swaps = fc.array(fc.tuple(fc.nat(), confusedValue), { maxLength: 3 });
      const query = op.query.length > 0
        ? fc.dictionary(fc.constantFrom(...op.query.map((q) => q.name)), confusedQueryValue, { maxKeys: 3 })
        : fc.constant({} as Record<string, string | string[]>);
      await fc.assert(
        fc.asyncProperty(swaps, query, async (chosen, q) => {
          const body = chosen.reduce<unknown>((acc, [i, wrong]) => (paths.length > 0 ? withValueAt(acc, paths[i % paths.length] as (string | number)[], wrong) : acc), sample(op));
          const res = await call(op, body, q);
          clean(res.status, res.text, sentStrings(body, q));
        }),
        fuzzRuns(10),
      );
    }, 120_000);
  });

  describe('text edge cases', () => {
    const lead = (name: string) => t.http.post('/api/leads').set(bearer(viewer)).send({ clientEventId: randomUUID(), shareId, name, phone: '13600001234', consent });
    it('stores a name with 4-byte emoji and CJK intact and returns it unchanged', async () => {
      const name = '陈😀🏥𠀋女士';
      const res = await lead(name).expect(201);
      expect(res.body.name).toBe(name);
      const stored = await t.db.dataSource.query('SELECT name FROM lead WHERE id = ?', [res.body.leadId]);
      expect(stored[0].name).toBe(name);
    });
    it.each([
      ['a lone surrogate', 'bad\uD800name', 'name'],
      ['a NUL', 'bad\u0000name', 'name'],
      ['10,000 characters', '名'.repeat(10_000), 'name'],
      ['one character past the limit the mini program also keeps', '名'.repeat(LEAD_NAME_MAX + 1), 'name'],
      ['nothing', '', 'name'],
    ])('refuses a name with %s clearly (400 naming the field)', async (_what, name, field) => {
      const res = await lead(name).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });
    it('refuses a lone surrogate anywhere in a body, and in a query string', async () => {
      const res = await t.http.post('/api/privacy/me/consents').set(bearer(viewer)).send({ shareId, kind: 'health', textVersion: 'v\uDC00', purpose: 'p' }).expect(400);
      expect(res.body.error.details[0].field).toBe('textVersion');
      await t.http.get('/api/contacts').query({ tag: 'need:\uD800' }).set(bearer(tokens.agent as string)).expect(400);
    });
    it.each([
      ['NaN (not JSON)', '{"sentAtDeviceMs": NaN, "events": []}'],
      ['Infinity (not JSON)', '{"sentAtDeviceMs": Infinity, "events": []}'],
    ])('refuses %s with 400 invalid_json', async (_what, raw) => {
      const res = await t.http.post('/api/events').set(bearer(viewer)).set('Content-Type', 'application/json').send(raw).expect(400);
      expect(res.body.error.code).toBe('invalid_json');
    });
    it.each([
      ['±Infinity (1e999)', { depthPct: 1e999 }, 'depthPct'],
      ['-Infinity dwell', { dwellMs: -1e999 }, 'dwellMs'],
      ['negative dwell', { dwellMs: -5 }, 'dwellMs'],
      ['depth over 100', { depthPct: 100.5 }, 'depthPct'],
      ['an unknown field', { agentId: randomUUID() }, 'agentId'],
    ])('refuses an event with %s by position, storing nothing', async (_what, extra, field) => {
      const event = { clientEventId: randomUUID(), type: 'read_progress', shareId, depthPct: 50, createdAtDeviceMs: t.clock.nowMs(), ...extra };
      const raw = JSON.stringify({ sentAtDeviceMs: t.clock.nowMs(), events: [event] }).replace(/1e\+?999|"?Infinity"?/g, '1e999');
      const res = await t.http.post('/api/events').set(bearer(viewer)).set('Content-Type', 'application/json').send(raw).expect(200);
      expect(res.body).toMatchObject({ stored: 0, invalid: [expect.objectContaining({ index: 0, field })] });
    });
  });

  describe('type-confused input found from outside: 400 (or 404) naming the field, never a 500', () => {
    const leadWith = (extra: object) => t.http.post('/api/leads').set(bearer(viewer)).send({ clientEventId: randomUUID(), shareId, name: '陈女士', phone: '13600001234', consent, ...extra });
    it.each([
      ['consent: []', { consent: [] }, 'consent'],
      ['healthConsent: []', { healthConsent: [] }, 'healthConsent'],
      ['consent: [consent]', { consent: [consent] }, 'consent'],
      ['consent: null', { consent: null }, 'consent'],
      ['healthConsent: null', { healthConsent: null }, 'healthConsent'],
      ['consent: "yes"', { consent: 'yes' }, 'consent'],
      ['name: null', { name: null }, 'name'],
      ['needs: null', { needs: null }, 'needs'],
      ['budgetFen: 1e20', { budgetFen: 1e20 }, 'budgetFen'],
    ])('a lead with %s is refused with 400 naming the field, and stores nothing', async (_what, extra, field) => {
      const before = Number((await t.db.dataSource.query('SELECT COUNT(*) AS n FROM lead'))[0].n);
      const res = await leadWith(extra).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(Number((await t.db.dataSource.query('SELECT COUNT(*) AS n FROM lead'))[0].n)).toBe(before);
    });

    it.each([
      ['name: null', { name: null }, 'name'],
      ['intro: null', { intro: null }, 'intro'],
      ['photoUrl: null', { photoUrl: null }, 'photoUrl'],
      ['name: []', { name: [] }, 'name'],
      ['name: {}', { name: {} }, 'name'],
    ])('PUT /api/card with %s is refused with 400 naming the field', async (_what, body, field) => {
      const res = await t.http.put('/api/card').set(bearer(tokens.agent as string)).send(body).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      const card = await t.http.get('/api/card').set(bearer(tokens.agent as string)).expect(200);
      expect(card.body.name).toEqual(expect.any(String));
    });

    it.each([
      ['/api/contacts?page=99999999999999999999', 'page'],
      ['/api/contacts?page=9007199254740993', 'page'],
      ['/api/content?page=99999999999999999999', 'page'],
    ])('%s → 400 naming %s', async (path, field) => {
      const res = await t.http.get(path).set(bearer(tokens.agent as string));
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('a real id with %00 after it names nothing: 404 on every route that reads an id', async () => {
      const agent = bearer(tokens.agent as string);
      const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(viewer)).expect(200)).body.contactId as string;
      const itemId = (await t.http.get(`/api/content/versions/${world.versionId}`).set(agent).expect(200)).body.itemId as string | undefined;
      const cases: [string, Record<string, string>][] = [
        [`/api/contacts/${contactId}%00`, agent],
        [`/api/contacts/${contactId}%00/deal-index`, agent],
        [`/api/privacy/contacts/${contactId}%00/export`, agent],
        [`/api/content/versions/${world.versionId}%00`, agent],
        [`/api/dashboards/agents/${world.people.a?.staffId}%00`, agent],
        [`/api/dashboards/team/${world.teamIds[0]}%00`, bearer(tokens.leader as string)],
        [`/api/dashboards/org/${world.branchIds[0]}%00`, bearer(tokens.manager as string)],
        ...(itemId ? [[`/api/operator/content/${itemId}%00`, bearer(tokens.operator as string)] as [string, Record<string, string>]] : []),
        [`/api/shares/${encodeURIComponent(shareId)}%00/poster-code`, agent],
      ];
      const statuses = [];
      for (const [path, auth] of cases) statuses.push([path, (await t.http.get(path).set(auth)).status]);
      expect(statuses).toEqual(cases.map(([path]) => [path, 404]));
    });

    it.each([
      '/api/contacts/00000000-0000-0000-0000-000000000000%00',
      '/api/contacts/abc%00',
      '/api/contacts/%00',
      '/api/privacy/contacts/00000000-0000-0000-0000-000000000000%00/export',
    ])('an id with a NUL (%s) is simply not found: 404', async (path) => {
      const res = await t.http.get(path).set(bearer(tokens.agent as string));
      expect(res.status).toBe(404);
    });
  });

  describe('sizes', () => {
    function rawPost(path: string, headers: Record<string, string>, payload: Buffer): Promise<{ status: number; body: string; ms: number }> {
      const { port } = t.server.address() as AddressInfo;
      const started = Date.now();
      return new Promise((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'Content-Length': String(payload.length) } }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - started }));
        });
        req.on('error', reject);
        req.end(payload);
      });
    }

    it('answers 413 to a gzip bomb (1 GB of JSON inflated from about 1 MB) without inflating it all', async () => {
      const inflated = Buffer.alloc(64 * 1024 * 1024, ' '); // 64 MB of whitespace, gzipped ~64 KB
      const bomb = gzipSync(Buffer.concat([Buffer.from('{"sentAtDeviceMs":1,"events":['), inflated, Buffer.from(']}')]));
      const memoryBefore = process.memoryUsage().rss;
      const res = await rawPost('/api/events', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', Authorization: `Bearer ${viewer}` }, bomb);
      process.stdout.write(`gzip bomb: ${bomb.length} bytes compressed, ${inflated.length} inflated → ${res.status} in ${res.ms} ms, rss +${Math.round((process.memoryUsage().rss - memoryBefore) / 1e6)} MB\n`);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
      expect(process.memoryUsage().rss - memoryBefore).toBeLessThan(200 * 1024 * 1024);
      await t.http.get('/health').expect(200);
    });

    it.each([
      ['gzip', 'plain JSON, not gzip'], ['deflate', 'plain JSON, not deflate'], ['br', 'plain JSON, not brotli'],
    ])('answers 400 or 415 to a body that does not match its Content-Encoding (%s: %s), never a 500', async (encoding) => {
      const res = await rawPost('/api/events', { 'Content-Type': 'application/json', 'Content-Encoding': encoding, Authorization: `Bearer ${viewer}` }, Buffer.from(JSON.stringify({ sentAtDeviceMs: 1, events: [] })));
      expect([400, 415]).toContain(res.status);
      expect(JSON.parse(res.body).error.code).toMatch(/^(invalid_encoding|unsupported_media_type)$/);
    });

    it('answers 400 to a gzip body cut short', async () => {
      const whole = gzipSync(Buffer.from(JSON.stringify({ sentAtDeviceMs: 1, events: [] })));
      const res = await rawPost('/api/events', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', Authorization: `Bearer ${viewer}` }, whole.subarray(0, whole.length - 6));
      expect(res.status).toBe(400);
    });

    it('answers 413 to a plain body over the limit and 415 to an unknown Content-Encoding', async () => {
      const big = Buffer.from(JSON.stringify({ sentAtDeviceMs: 1, events: [], pad: 'x'.repeat(600 * 1024) }));
      expect((await rawPost('/api/events', { 'Content-Type': 'application/json', Authorization: `Bearer ${viewer}` }, big)).status).toBe(413);
      const odd = await rawPost('/api/events', { 'Content-Type': 'application/json', 'Content-Encoding': 'zstd-bomb', Authorization: `Bearer ${viewer}` }, Buffer.from('{}'));
      expect(odd.status).toBe(415);
    });

    it.each([
      ['/api/contacts?pageSize=101', 400], ['/api/contacts?pageSize=100000', 400], ['/api/contacts?pageSize=100', 200],
      ['/api/contacts?pageSize=-1', 400], ['/api/content?pageSize=101', 400], ['/api/content?pageSize=100', 200],
    ])('caps page size at 100: %s → %d', async (path, status) => {
      const res = await t.http.get(path).set(bearer(tokens.agent as string)).expect(status);
      if (status === 200) expect(res.body.pageSize).toBe(100);
    });

    // These were checked by hand in the route handlers; they are query DTOs now and must refuse the same, naming the field.
    it.each([
      ['agent', '/api/radar?since=yesterday', 'since'], ['agent', '/api/radar?since=2026-11-01&since=2026-11-02', 'since'],
      ['agent', '/api/content?kind=podcast', 'kind'], ['agent', '/api/content?tag=critical_illness', 'tag'], ['agent', `/api/content?q=${'x'.repeat(101)}`, 'q'],
      ['agent', '/api/content?page=0', 'page'], ['agent', '/api/content?page=1.5', 'page'], ['agent', '/api/content?unknown=1', 'unknown'],
      ['operator', '/api/operator/content?status=published', 'status'], ['operator', '/api/operator/content?pageSize=abc', 'pageSize'],
      ['operator', '/api/operator/analytics/content?limit=', 'limit'], ['operator', '/api/operator/analytics/content?limit=501', 'limit'],
      ['operator', '/api/operator/analytics/content?minViewers=1e3', 'minViewers'], ['operator', '/api/operator/analytics/tags?family=job', 'family'],
      ['operator', '/api/operator/analytics/tags?from=soon', 'from'], ['operator', '/api/operator/analytics/content?orgUnitId=x', 'orgUnitId'],
    ])('as %s, %s → 400 naming %s', async (role, path, field) => {
      const res = await t.http.get(path).set(bearer(tokens[role as 'agent' | 'operator'] as string)).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it.each([
      ['agent', '/api/radar?since=2026-11-01T00:00:00Z'], ['agent', '/api/content?kind=video&tag=need:critical_illness&q=重疾&page=2&pageSize=5'],
      ['operator', '/api/operator/content?status=draft&kind=article'], ['operator', '/api/operator/analytics/content?limit=0&minViewers=10&sort=leads&from=2026-10-01'],
      ['operator', '/api/operator/analytics/tags?family=need&limit=500'],
    ])('as %s, %s → 200', async (role, path) => {
      await t.http.get(path).set(bearer(tokens[role as 'agent' | 'operator'] as string)).expect(200);
    });
  });

  describe('WeChat answering badly, through the API', () => {
    it.each([
      ['garbled JSON', 'garbled', 502], ['an HTTP 500', 'http-500', 503], ['errcode -1 (busy)', 'system-busy', 503], ['errcode 45011 (quota)', 'rate-limited', 429],
    ])('login when WeChat sends %s → %d with a clear code, never a crash', async (_what, code, status) => {
      const res = await t.http.post('/api/auth/login').send({ code }).expect(status);
      expect(res.body.error.code).toMatch(/^wechat_/);
      expect(res.text).not.toMatch(LEAK);
      expect(res.text).not.toContain('TEST-APP-SECRET');
    });
    it.each([['down (502 HTML)', 'down', 503], ['too slow (timeout)', 'slow', 503]])('login when WeChat is %s → %d', async (_what, mode, status) => {
      t.wechat.mode = mode as 'down' | 'slow';
      try {
        const res = await t.http.post('/api/auth/login').send({ code: 'someone' }).expect(status);
        expect(res.headers['retry-after']).toBeDefined();
      } finally {
        t.wechat.mode = 'normal';
      }
      await t.http.post('/api/auth/login').send({ code: 'someone' }).expect(200);
    });
  });
});
