import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ContactDetailView, LeadView, OptOutView, PersonalDataExport, SessionView, StaffCreatedView } from '@kejing/shared';
import { createApp } from '../../server/src/app';
import { SESSION_EPOCH_CACHE_MS } from '../../server/src/modules/auth/session-guard';
import { buildServices } from '../../server/src/services';
import { createLogger } from '../../server/src/lib/logger';
import { bearer, bindStaff, bootstrapAuth, buildWorld, login, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

// Issue 11, items 1–3: what an outside attacker found about identity. Runs on SQLite, and on MariaDB with TEST_DATABASE_URL.
const consent = { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' };

describe('identity: verified phones, the bootstrap token, ending sessions', () => {
  let t: TestApp;
  let world: World;
  const staff = (key: string) => bearer((world.people[key] as { token: string }).token);
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);
  const userIdOf = async (token: string) => (await t.http.get('/api/me').set(bearer(token)).expect(200)).body.userId as string;

  /** A WeChat user opens agent `agentKey`'s share and leaves a lead with `phone` (typed) or `phoneCode` (getPhoneNumber). */
  async function leadAs(code: string, agentKey: string, phone: { phone: string } | { phoneCode: string }, name = '陈女士') {
    const shareId = await shareArticle(t, world, agentKey);
    const token = (await login(t, code)).token;
    const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(token)).expect(200)).body.contactId as string;
    const lead = (await t.http.post('/api/leads').set(bearer(token)).send({ clientEventId: randomUUID(), shareId, name, consent, needs: ['education'], ...phone }).expect(201)).body as LeadView;
    return { token, shareId, contactId, lead };
  }
  const exportOf = async (token: string) => (await t.http.get('/api/privacy/me/export').set(bearer(token)).expect(200)).body as PersonalDataExport;

  describe('1. privacy requests follow only a phone WeChat verified as the caller\'s', () => {
    it('a typed phone never widens a privacy export, erasure, opt-out or consent withdrawal', async () => {
      const victim = await leadAs('victim-typed', 'd', { phone: '13911112222' }, '受害人');
      const attacker = await leadAs('attacker-typed', 'a', { phone: '13911112222' }, '攻击者');

      const exported = await exportOf(attacker.token);
      expect(exported.contacts.map((c) => c.contactId)).toEqual([attacker.contactId]);
      expect(JSON.stringify(exported)).not.toContain('受害人');
      expect(exported.verifiedPhones).toEqual([]);

      const consents = (await t.http.get('/api/privacy/me/consents').set(bearer(attacker.token)).expect(200)).body as { consentId: string; contactId: string }[];
      expect(consents.every((c) => c.contactId === attacker.contactId)).toBe(true);
      const victimConsent = (await t.db.dataSource.query('SELECT id FROM consent WHERE contact_id = ?', [victim.contactId]))[0].id as string;
      await t.http.post(`/api/privacy/me/consents/${victimConsent}/withdraw`).set(bearer(attacker.token)).expect(404);

      const optOut = (await t.http.post('/api/privacy/me/opt-out').set(bearer(attacker.token)).expect(200)).body as OptOutView;
      expect(optOut.contacts).toBe(1);
      expect((await t.http.get(`/api/contacts/${victim.contactId}`).set(staff('d')).expect(200)).body.optedOut).toBe(false);

      const erased = (await t.http.delete('/api/privacy/me').set(bearer(attacker.token)).expect(200)).body;
      expect(erased.deleted).toMatchObject({ contacts: 1, leads: 1 });
      const victimLeft = (await t.http.get(`/api/contacts/${victim.contactId}`).set(staff('d')).expect(200)).body as ContactDetailView;
      expect(victimLeft.leads).toEqual([expect.objectContaining({ leadId: victim.lead.leadId, name: '受害人' })]);
      expect(await count('SELECT COUNT(*) AS n FROM consent WHERE contact_id = ? AND withdrawn_at_ms IS NULL', [victim.contactId])).toBe(1);
    });

    it('a phone verified through WeChat reaches the caller\'s contacts that carry it, at any agent, and erasure takes them all', async () => {
      // The same person once typed the number under another WeChat account, at another agent.
      const earlier = await leadAs('owner-old-account', 'd', { phone: '13722223333' }, '林先生');
      const owner = await leadAs('owner-verified', 'a', { phoneCode: 'phone-13722223333' }, '林先生');
      expect(owner.lead).toMatchObject({ phone: '137****3333', phoneSource: 'wechat' });
      expect(earlier.lead.phoneSource).toBe('typed');

      const exported = await exportOf(owner.token);
      expect(exported.contacts.map((c) => c.contactId).sort()).toEqual([owner.contactId, earlier.contactId].sort());
      expect(exported.contacts.flatMap((c) => c.leads.map((l) => l.phone))).toEqual(['13722223333', '13722223333']);
      expect(exported.verifiedPhones).toEqual([{ phone: '13722223333', verifiedAt: expect.any(String) }]);
      // The agent's masked export of the same contact lists no verified phone.
      const byAgent = (await t.http.get(`/api/privacy/contacts/${owner.contactId}/export`).set(staff('a')).expect(200)).body as PersonalDataExport;
      expect(byAgent.verifiedPhones).toEqual([]);
      expect(byAgent.contacts[0]?.leads[0]).toMatchObject({ phone: '137****3333', phoneSource: 'wechat' });

      // The verified phone is stored like a lead's: encrypted and by keyed hash, never in clear.
      const rows = await t.db.dataSource.query('SELECT phone_hash, phone_cipher FROM verified_phone WHERE user_id = ?', [await userIdOf(owner.token)]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain('13722223333');

      await t.http.delete('/api/privacy/me').set(bearer(owner.token)).expect(200);
      await t.http.get(`/api/contacts/${earlier.contactId}`).set(staff('d')).expect(404);
      expect(await count('SELECT COUNT(*) AS n FROM verified_phone WHERE phone_hash = ?', [rows[0].phone_hash])).toBe(0);
    });

    it('agents see which leads WeChat verified and which were typed', async () => {
      const typed = await leadAs('source-typed', 'a', { phone: '13600001234' });
      const verified = await leadAs('source-verified', 'a', { phoneCode: 'phone-13600005678' });
      const sourceOf = async (contactId: string) => ((await t.http.get(`/api/contacts/${contactId}`).set(staff('a')).expect(200)).body as ContactDetailView).leads.map((l) => l.phoneSource);
      expect(await sourceOf(typed.contactId)).toEqual(['typed']);
      expect(await sourceOf(verified.contactId)).toEqual(['wechat']);
    });

    it('the lead form takes a typed phone or a WeChat code, never both or neither, and a bad code stores nothing', async () => {
      const shareId = await shareArticle(t, world, 'a');
      const token = (await login(t, 'lead-form-phone-rules')).token;
      const send = (body: object) => t.http.post('/api/leads').set(bearer(token)).send({ clientEventId: randomUUID(), shareId, name: '赵女士', consent, ...body });
      const before = await count('SELECT COUNT(*) AS n FROM lead');
      const neither = (await send({}).expect(400)).body.error.details as { field: string }[];
      expect(neither.length > 0 && neither.every((d) => d.field === 'phone')).toBe(true);
      expect((await send({ phone: '13500001111', phoneCode: 'phone-13500001111' }).expect(400)).body.error.details).toEqual([expect.objectContaining({ field: 'phoneCode' })]);
      expect((await send({ phoneCode: 'not a code!' }).expect(400)).body.error.details).toEqual([expect.objectContaining({ field: 'phoneCode' })]);
      const invalid = (await send({ phoneCode: 'invalid-code' }).expect(400)).body.error;
      expect(invalid).toMatchObject({ code: 'wechat_phone_code_invalid', details: [{ field: 'phoneCode', reason: expect.stringContaining('微信手机号') }] });
      const abroad = (await send({ phoneCode: 'phone-intl-91234567' }).expect(422)).body.error;
      expect(abroad.details).toEqual([expect.objectContaining({ field: 'phoneCode', reason: expect.stringContaining('中国大陆') })]);
      // A code WeChat issued to another user (openid-someone-else) is refused: the server sends WeChat the caller's openid.
      expect((await send({ phoneCode: 'phone-13500002222-for-someone-else' }).expect(400)).body.error.code).toBe('wechat_phone_code_invalid');
      expect(await count('SELECT COUNT(*) AS n FROM lead')).toBe(before);
      expect(await count('SELECT COUNT(*) AS n FROM verified_phone WHERE user_id = ?', [await userIdOf(token)])).toBe(0);
      // The same kind of code, issued to the caller, is taken.
      await send({ phoneCode: 'phone-13500003333-for-lead-form-phone-rules' }).expect(201);
    });

    it('a replayed lead with a WeChat code answers the stored lead without spending the code again', async () => {
      const shareId = await shareArticle(t, world, 'a');
      const token = (await login(t, 'lead-replay-code')).token;
      const body = { clientEventId: randomUUID(), shareId, name: '钱先生', consent, phoneCode: 'phone-13400002222' };
      const first = (await t.http.post('/api/leads').set(bearer(token)).send(body).expect(201)).body as LeadView;
      const exchanges = () => t.wechat.calls.filter((c) => c.path === '/wxa/business/getuserphonenumber').length;
      const seen = exchanges();
      const again = (await t.http.post('/api/leads').set(bearer(token)).send(body).expect(200)).body as LeadView;
      expect(again).toEqual(first);
      expect(exchanges()).toBe(seen);
    });
  });

  describe('3. erasure ends every session of that user at once', () => {
    it('after DELETE /api/privacy/me the old token is refused (401) and no ghost contact appears', async () => {
      const person = await leadAs('erase-ghost', 'a', { phone: '13300004444' });
      const userId = await userIdOf(person.token);
      // Another device's session of the same person, already remembered by the verify cache.
      const otherDevice = (await login(t, 'erase-ghost')).token;
      await t.http.get('/api/me').set(bearer(otherDevice)).expect(200);
      await t.http.delete('/api/privacy/me').set(bearer(person.token)).expect(200);

      for (const token of [person.token, otherDevice]) {
        await t.http.get('/api/me').set(bearer(token)).expect(401);
        await t.http.post(`/api/shares/${encodeURIComponent(person.shareId)}/open`).set(bearer(token)).expect(401);
        await t.http.post('/api/events').set(bearer(token)).send({
          sentAtDeviceMs: t.clock.nowMs(),
          events: [{ clientEventId: randomUUID(), type: 'read_progress', shareId: person.shareId, depthPct: 50, dwellMs: 5000, createdAtDeviceMs: t.clock.nowMs() }],
        }).expect(401);
        await t.http.post('/api/leads').set(bearer(token)).send({ clientEventId: randomUUID(), shareId: person.shareId, name: '幽灵', phone: '13300004444', consent }).expect(401);
      }
      await t.services.writer.drain();
      expect(await count('SELECT COUNT(*) AS n FROM contact WHERE viewer_user_id = ?', [userId])).toBe(0);
      // Logging in again is a new, empty identity.
      const fresh = (await login(t, 'erase-ghost')).token;
      expect(await userIdOf(fresh)).not.toBe(userId);
    });

    it('an operator\'s erasure of the person ends their sessions too', async () => {
      const person = await leadAs('erase-by-operator', 'a', { phone: '13300005555' });
      await t.http.get('/api/me').set(bearer(person.token)).expect(200);
      await t.http.delete(`/api/privacy/contacts/${person.contactId}`).set(staff('op')).expect(200);
      await t.http.post(`/api/shares/${encodeURIComponent(person.shareId)}/open`).set(bearer(person.token)).expect(401);
    });

    it('ending a staff member\'s sessions (an agent leaving) refuses their tokens here at once and in another process within the epoch cache', async () => {
      const agent = await bindStaff(t, bearer(world.admin.token), { name: '离职代理人', role: 'agent', orgUnitId: world.teamIds[0] }, 'leaving-agent');
      // A second process on the same database: its own caches, the same clock.
      const other = buildServices(t.config, t.db.dataSource, t.clock, createLogger('error', () => undefined));
      const otherServer = createApp(other).listen(0, '127.0.0.1');
      try {
        const otherHttp = request(otherServer);
        await t.http.get('/api/tasks/today').set(bearer(agent.token)).expect(200);
        await otherHttp.get('/api/tasks/today').set(bearer(agent.token)).expect(200);

        await t.services.auth.endSessions(agent.userId);
        await t.http.get('/api/tasks/today').set(bearer(agent.token)).expect(401);
        await t.http.get('/api/me').set(bearer(agent.token)).expect(401);
        // The other process trusted the epoch it read for at most SESSION_EPOCH_CACHE_MS.
        t.clock.advance(SESSION_EPOCH_CACHE_MS);
        await otherHttp.get('/api/tasks/today').set(bearer(agent.token)).expect(401);
        // A new login starts a session in the new epoch.
        const again = (await login(t, 'leaving-agent')).token;
        await t.http.get('/api/tasks/today').set(bearer(again)).expect(200);
        await otherHttp.get('/api/tasks/today').set(bearer(again)).expect(200);
      } finally {
        await new Promise((resolve) => otherServer.close(resolve));
      }
    });
  });

  describe('2. the bootstrap token opens only what binding the first admin needs, until an admin is bound', () => {
    it('is refused on every other route, and retires once an admin has bound WeChat', async () => {
      const fresh = await startTestApp();
      try {
        const boot = bootstrapAuth(fresh);
        const companyId = (await fresh.http.post('/api/admin/org-units').set(boot).send({ kind: 'company', name: '新公司' }).expect(201)).body.id as string;
        await fresh.http.get('/api/admin/org-units').set(boot).expect(200);
        // Only an admin: that admin creates the rest.
        const operator = await fresh.http.post('/api/admin/staff').set(boot).send({ name: '运营', role: 'operator', orgUnitId: companyId }).expect(403);
        expect(operator.body.error.code).toBe('bootstrap_token_admin_only');
        for (const [method, path] of [
          ['get', '/api/contacts'], ['get', `/api/privacy/contacts/${randomUUID()}/export`], ['post', '/api/admin/content'], ['get', '/api/operator/content'],
          ['put', '/api/follow-up-rules'], ['post', '/api/dashboards/snapshots'], ['get', '/api/me'],
        ] as const) {
          await fresh.http[method](path).set(boot).send({}).expect(401);
        }
        // Created but not yet bound: the token still works (the invite might need re-issuing).
        const admin = (await fresh.http.post('/api/admin/staff').set(boot).send({ name: '管理员', role: 'admin', orgUnitId: companyId }).expect(201)).body as StaffCreatedView;
        await fresh.http.get('/api/admin/org-units').set(boot).expect(200);

        const session = await login(fresh, 'first-admin');
        const bound = (await fresh.http.post('/api/auth/bind').set(bearer(session.token)).send({ inviteCode: admin.inviteCode }).expect(200)).body as SessionView;
        for (const [method, path] of [['get', '/api/admin/org-units'], ['post', '/api/admin/org-units'], ['post', '/api/admin/staff']] as const) {
          const res = await fresh.http[method](path).set(boot).send({ kind: 'branch', name: '分公司', parentId: companyId, role: 'admin', orgUnitId: companyId }).expect(401);
          expect(res.body.error.code).toBe('bootstrap_token_retired');
        }
        // The admin, logged in, does what the token no longer can.
        await fresh.http.post('/api/admin/staff').set(bearer(bound.token)).send({ name: '运营', role: 'operator', orgUnitId: companyId }).expect(201);
      } finally {
        await fresh.close();
      }
    });
  });
});
