import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Role, SessionView, StaffCreatedView } from '@kejing/shared';
import { allRoutes } from '../../server/src/app';
import { routeKey } from '../../server/src/http/route';
import { adminAuth, bearer, buildWorld, login, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const ROLES: Role[] = ['viewer', 'agent', 'leader', 'manager', 'operator', 'admin'];
const consent = { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' };

describe('access control', () => {
  let t: TestApp;
  let world: World;
  const tokens: Record<string, string> = {};
  const staff = (key: string) => bearer((world.people[key] as { token: string }).token);
  let customer: { token: string; shareId: string; contactId: string; leadId: string; taskId: string };

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    tokens.viewer = (await login(t, 'access-viewer')).token;
    tokens.agent = world.people.a?.token as string;
    tokens.leader = world.people.lx?.token as string;
    tokens.manager = world.people.m1?.token as string;
    tokens.operator = world.people.op?.token as string;
    const admin = (await t.http.post('/api/admin/staff').set(adminAuth(world)).send({ name: '管理员', role: 'admin', orgUnitId: world.companyId }).expect(201)).body as StaffCreatedView;
    const adminSession = await login(t, 'access-admin');
    tokens.admin = ((await t.http.post('/api/auth/bind').set(bearer(adminSession.token)).send({ inviteCode: admin.inviteCode }).expect(200)).body as SessionView).token;
    // Agent a's customer, with a lead and a follow-up task.
    const shareId = await shareArticle(t, world, 'a');
    const token = (await login(t, 'access-customer')).token;
    const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(token)).expect(200)).body.contactId as string;
    await t.http.post('/api/events').set(bearer(token)).send({ sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), type: 'read_progress', shareId, depthPct: 90, dwellMs: 90_000, createdAtDeviceMs: t.clock.nowMs() }] }).expect(200);
    const lead = await t.http.post('/api/leads').set(bearer(token)).send({ clientEventId: randomUUID(), shareId, name: '郑女士', phone: '13700001111', consent }).expect(201);
    await t.services.scoringWorker.drain();
    const tasks: { id: string }[] = await t.db.dataSource.query('SELECT id FROM follow_up_task WHERE contact_id = ?', [contactId]);
    const taskId = tasks[0]?.id as string;
    expect(taskId).toBeDefined();
    customer = { token, shareId, contactId, leadId: lead.body.leadId as string, taskId };
  }, 60_000);
  afterAll(() => t.close());

  // Who may call what, as each route declares it (the OpenAPI document prints it as x-roles).
  const ROUTE_ACCESS = Object.fromEntries(allRoutes({} as never).map((r) => [routeKey(r), r.access]));

  describe('the declared access', () => {
    const keys = Object.keys(ROUTE_ACCESS).sort();

    it('is what the server enforces: every route × every role is allowed or refused (401/403) as the table says', async () => {
      const wrong: string[] = [];
      const filled = (path: string) => path.replace(/:(\w+)/g, () => randomUUID());
      for (const key of keys) {
        const [method, path] = key.split(' ') as [string, string];
        const entry = ROUTE_ACCESS[key] as 'public' | readonly Role[];
        const call = (token: string | null) => {
          const req = t.http[method.toLowerCase() as 'get'](filled(path));
          if (token) req.set(bearer(token));
          return method === 'GET' ? req : req.send({});
        };
        const anonymous = await call(null);
        if (entry !== 'public' && anonymous.status !== 401) wrong.push(`${key} without a session: ${anonymous.status}`);
        for (const role of ROLES) {
          if (key === 'DELETE /api/privacy/me' && role !== 'viewer') continue; // staff erasing themselves is tested elsewhere; keep the world intact
          const res = await call(tokens[role] as string);
          const refusedByRole = res.status === 401 || (res.status === 403 && res.body?.error?.code === 'forbidden');
          const allowed = entry === 'public' || entry.includes('viewer') || entry.includes(role);
          if (allowed === refusedByRole) wrong.push(`${key} as ${role}: ${res.status} ${res.body?.error?.code ?? ''} (table says ${allowed ? 'allowed' : 'refused'})`);
          if (res.status >= 500) wrong.push(`${key} as ${role}: ${res.status}`);
          // Erasure ends the person's sessions (issue 11): the viewer logs in again, as a new identity.
          if (key === 'DELETE /api/privacy/me' && res.status === 200) tokens[role] = (await login(t, 'access-viewer')).token;
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  describe('cross-scope reads and writes answer 404, never 403 or data', () => {
    type Call = [string, (x: typeof customer) => [method: 'get' | 'post' | 'put' | 'delete', path: string, body?: object]];
    const calls: Call[] = [
      ['contact detail', (x) => ['get', `/api/contacts/${x.contactId}`]],
      ['log an action (an event) on the contact', (x) => ['post', `/api/contacts/${x.contactId}/actions`, { clientEventId: randomUUID(), type: 'call' }]],
      ['reveal the lead\'s phone', (x) => ['post', `/api/contacts/${x.contactId}/leads/${x.leadId}/reveal-phone`]],
      ['complete the task', (x) => ['post', `/api/tasks/${x.taskId}/done`]],
      ['dismiss the task', (x) => ['post', `/api/tasks/${x.taskId}/dismiss`]],
      ['snooze the task', (x) => ['post', `/api/tasks/${x.taskId}/snooze`, { until: new Date(t.clock.nowMs() + 3600_000).toISOString() }]],
      ['export the contact\'s personal data', (x) => ['get', `/api/privacy/contacts/${x.contactId}/export`]],
    ];
    const outsiders: [string, string][] = [
      ['agent B (same team)', 'b'], ['agent C (other team)', 'c'], ['agent D (other branch)', 'd'],
      ['leader of team Y', 'ly'], ['manager of branch 2', 'm2'],
    ];
    const table = calls.flatMap(([what, make]) => outsiders.map(([who, key]) => [what, who, key, make] as const));
    it.each(table)('%s by %s → 404', async (_what, _who, key, make) => {
      const [method, path, body] = make(customer);
      const req = t.http[method](path).set(staff(key));
      const res = await (body ? req.send(body) : req);
      // Leaders and managers are not sharers: role refusal (403 forbidden) comes before scope for agent-only writes.
      if (res.status === 403) expect(res.body.error.code).toBe('forbidden');
      else expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('郑女士');
    });

    it.each([['agent A', 'a'], ['leader of team X', 'lx'], ['manager of branch 1', 'm1']])('%s (in scope) reads the contact and its export', async (_who, key) => {
      await t.http.get(`/api/contacts/${customer.contactId}`).set(staff(key)).expect(200);
      await t.http.get(`/api/privacy/contacts/${customer.contactId}/export`).set(staff(key)).expect(200);
    });

    it.each(outsiders)('lists, grid, radar and today of %s do not contain agent A\'s customer', async (_who, key) => {
      const list = await t.http.get('/api/contacts?pageSize=100').set(staff(key)).expect(200);
      expect(list.body.items.map((c: { contactId: string }) => c.contactId)).not.toContain(customer.contactId);
      const grid = await t.http.get('/api/contacts/grid').set(staff(key)).expect(200);
      expect(Object.values(grid.body.cells as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(0);
      for (const path of ['/api/radar', '/api/tasks/today']) {
        const res = await t.http.get(path).set(staff(key));
        if (res.status === 200) expect(JSON.stringify(res.body)).not.toContain(customer.contactId);
        else expect(res.status).toBe(403);
      }
    });
  });

  describe('response shapes', () => {
    it('agents never receive openid, unionid or a full phone number from any GET they may call', async () => {
      const phone = '13700001111';
      const gets = Object.entries(ROUTE_ACCESS).filter(([key, entry]) => key.startsWith('GET ') && entry !== 'public' && (entry.includes('agent') || entry.includes('viewer')));
      const bodies: string[] = [];
      for (const [key] of gets) {
        const path = key.slice(4).replace(':contactId', customer.contactId).replace(/:(\w+)/g, () => randomUUID());
        const res = await t.http.get(path).set(staff('a'));
        bodies.push(JSON.stringify(res.body));
      }
      const all = bodies.join('\n');
      expect(all).toContain(customer.contactId); // the crawl did reach the customer
      expect(all).not.toMatch(/openid|unionid/i);
      expect(all).not.toContain(phone);
      expect(all).toContain('137****1111');
    });

    it.each([
      ['POST /api/contacts/:id/actions', (x: typeof customer) => `/api/contacts/${x.contactId}/actions`, { clientEventId: randomUUID(), type: 'call' }, 'post'],
      ['PUT /api/card', () => '/api/card', { intro: 'hi' }, 'put'],
      ['POST /api/shares', () => '/api/shares', { contentVersionId: randomUUID(), channel: 'friend' }, 'post'],
      ['POST /api/tasks/:id/snooze', (x: typeof customer) => `/api/tasks/${x.taskId}/snooze`, { until: '2026-11-03T01:00:00.000Z' }, 'post'],
    ] as const)('%s refuses owner, stage, score and team fields with 400', async (_route, path, body, method) => {
      for (const field of ['agentId', 'ownerId', 'stage', 'trust', 'intent', 'score', 'cell', 'teamId', 'orgUnitId', 'optedOut']) {
        const res = await t.http[method](path(customer)).set(staff('a')).send({ ...body, [field]: field === 'stage' ? 8 : 'x' });
        expect([res.status, res.body.error?.details?.map((d: { field: string }) => d.field)]).toEqual([400, expect.arrayContaining([field])]);
      }
      const detail = (await t.http.get(`/api/contacts/${customer.contactId}`).set(staff('a')).expect(200)).body;
      expect(detail.stage).toBeLessThan(8);
    });

    it('viewer bodies (lead, consent, events, forward) refuse owner, stage, score and team fields with 400', async () => {
      const v = bearer(customer.token);
      for (const field of ['agentId', 'stage', 'trust', 'score', 'teamId']) {
        const lead = await t.http.post('/api/leads').set(v).send({ clientEventId: randomUUID(), shareId: customer.shareId, name: '郑女士', phone: '13700001111', consent, [field]: 1 });
        expect(lead.status).toBe(400);
        const give = await t.http.post('/api/privacy/me/consents').set(v).send({ shareId: customer.shareId, kind: 'health', textVersion: 'v', purpose: 'p', [field]: 1 });
        expect(give.status).toBe(400);
        const forward = await t.http.post(`/api/shares/${encodeURIComponent(customer.shareId)}/forward`).set(v).send({ channel: 'friend', [field]: 1 });
        expect(forward.status).toBe(400);
        const envelope = await t.http.post('/api/events').set(v).send({ sentAtDeviceMs: t.clock.nowMs(), events: [], [field]: 1 });
        expect(envelope.status).toBe(400);
        const event = await t.http.post('/api/events').set(v).send({ sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), type: 'open', shareId: customer.shareId, createdAtDeviceMs: t.clock.nowMs(), [field]: 1 }] }).expect(200);
        expect(event.body).toMatchObject({ stored: 0, invalid: [expect.objectContaining({ field })] });
      }
    });
  });

  describe('session tokens', () => {
    const secret = () => t.config.session.secret;
    const claims = () => ({ sub: 'someone', iss: t.config.session.issuer, aud: t.config.session.audience });
    const userId = async () => (await t.http.get('/api/me').set(bearer(tokens.viewer as string)).expect(200)).body.userId as string;
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

    it.each([
      ['expired', async () => t.services.tokens.issue({ userId: await userId(), epoch: 0 }, t.clock.nowMs() - t.config.session.ttlSeconds * 1000 - 1000).token],
      ['tampered (subject swapped, signature kept)', async () => {
        const [h, , s] = (tokens.viewer as string).split('.');
        return `${h}.${b64({ ...claims(), sub: 'another-user', iat: Math.floor(t.clock.nowMs() / 1000), exp: Math.floor(t.clock.nowMs() / 1000) + 3600 })}.${s}`;
      }],
      ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(), sub: await userId(), exp: Math.floor(t.clock.nowMs() / 1000) + 3600 })}.`],
      ['HS512 with the right secret', async () => jwt.sign({ ...claims(), sub: await userId() }, secret(), { algorithm: 'HS512' })],
      ['RS256 with a key of its own', async () => jwt.sign({ ...claims(), sub: await userId() }, privateKey, { algorithm: 'RS256' })],
      ['from another environment (audience)', async () => jwt.sign({ ...claims(), sub: await userId(), aud: 'kejing-production' }, secret(), { algorithm: 'HS256' })],
      ['from another issuer', async () => jwt.sign({ ...claims(), sub: await userId(), iss: 'someone-else' }, secret(), { algorithm: 'HS256' })],
      ['signed with another secret', async () => jwt.sign({ ...claims(), sub: await userId() }, 'x'.repeat(44), { algorithm: 'HS256' })],
      ['garbage', async () => 'not.a.token'],
    ])('%s → 401', async (_what, make) => {
      const token = await make();
      const res = await t.http.get('/api/me').set(bearer(token));
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    });

    it('a token made the right way is accepted (the negative cases are not failing for another reason)', async () => {
      const token = jwt.sign({ ...claims(), sub: await userId(), iat: Math.floor(t.clock.nowMs() / 1000), exp: Math.floor(t.clock.nowMs() / 1000) + 3600 }, secret(), { algorithm: 'HS256' });
      await t.http.get('/api/me').set(bearer(token)).expect(200);
    });
  });
});
