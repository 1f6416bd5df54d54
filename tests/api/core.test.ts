import { randomUUID } from 'node:crypto';
import type { ContactDetailView, LeadView, StaffCreatedView } from '@kejing/shared';
import { adminAuth, bearer, buildWorld, login, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const consent = { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' };

describe('the running core', () => {
  let t: TestApp;
  let world: World;
  const token = (key: string) => bearer((world.people[key] as { token: string }).token);
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  });
  afterAll(() => t.close());

  const count = async (table: string) => Number((await t.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  async function customerWithContact(code: string, agentKey = 'a'): Promise<{ token: string; shareId: string; contactId: string }> {
    const shareId = await shareArticle(t, world, agentKey);
    const session = await login(t, code);
    const opened = await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(session.token)).expect(200);
    return { token: session.token, shareId, contactId: opened.body.contactId as string };
  }

  describe('WeChat login', () => {
    it.each([
      ['invalid-code', 401],
      ['rate-limited', 429],
      ['system-busy', 503],
      ['http-500', 503],
      ['garbled', 502],
    ])('maps WeChat answering %s to %i with a clear error', async (code, status) => {
      const res = await t.http.post('/api/auth/login').send({ code }).expect(status);
      expect(res.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
      if (status === 429 || status === 503) expect(res.headers['retry-after']).toBeDefined();
    });

    it('refuses an empty code with the field and reason', async () => {
      const res = await t.http.post('/api/auth/login').send({ code: '' }).expect(400);
      expect(res.body.error.details[0]).toEqual(expect.objectContaining({ field: 'code' }));
    });

    it('uses an invite code once', async () => {
      const staff = (await t.http.post('/api/admin/staff').set(adminAuth(world)).send({ name: '新人', role: 'agent', orgUnitId: world.teamIds[0] }).expect(201)).body as StaffCreatedView;
      const first = await login(t, 'invitee-1');
      await t.http.post('/api/auth/bind').set(bearer(first.token)).send({ inviteCode: staff.inviteCode }).expect(200);
      const second = await login(t, 'invitee-2');
      const res = await t.http.post('/api/auth/bind').set(bearer(second.token)).send({ inviteCode: staff.inviteCode }).expect(400);
      expect(res.body.error.code).toBe('invite_code_invalid');
    });
  });

  describe('tracked shares', () => {
    it('refuses a forged or tampered share id', async () => {
      const viewer = (await login(t, 'forger')).token;
      const shareId = await shareArticle(t, world);
      const parts = shareId.split('.');
      const otherAgent = (await shareArticle(t, world, 'b')).split('.');
      const forged = [parts[0], parts[1], otherAgent[2], parts[3], parts[4], parts[5], parts[6]].join('.');
      const cut = shareId.lastIndexOf('.') + 1;
      const flipped = shareId.slice(0, cut) + (shareId[cut] === 'A' ? 'B' : 'A') + shareId.slice(cut + 1);
      for (const bad of [forged, `${shareId}x`, 'garbage', flipped]) {
        const res = await t.http.post(`/api/shares/${encodeURIComponent(bad)}/open`).set(bearer(viewer)).expect(404);
        expect(res.body.error.code).toBe('share_invalid');
      }
    });

    it('opens the pinned version with the agent\'s card and finds the same contact on every open', async () => {
      const { token: viewer, shareId, contactId } = await customerWithContact('reader-1');
      const again = await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(viewer)).expect(200);
      expect(again.body.contactId).toBe(contactId);
      expect(again.body.content).toMatchObject({ versionId: world.versionId, title: '重疾险的三个误区' });
      expect(again.body.content.bodyHtml).not.toContain('<script');
      expect(again.body.agent).toMatchObject({ name: '员工a', licenceNo: 'LIC-a', companyName: '客经人寿保险股份有限公司' });
    });

    it('records who referred a viewer who came through a forward', async () => {
      const { token: forwarder, shareId, contactId: forwarderContact } = await customerWithContact('forwarder-1');
      const child = await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/forward`).set(bearer(forwarder)).send({ channel: 'group' }).expect(201);
      const friend = (await login(t, 'friend-of-forwarder')).token;
      const opened = await t.http.post(`/api/shares/${encodeURIComponent(child.body.shareId)}/open`).set(bearer(friend)).expect(200);
      const detail = (await t.http.get(`/api/contacts/${opened.body.contactId}`).set(token('a')).expect(200)).body as ContactDetailView;
      expect(detail.referredByContactId).toBe(forwarderContact);
    });

    it('refuses to share a version that is not approved (403) or does not exist (404)', async () => {
      await t.db.dataSource.query("UPDATE content_version SET status = 'in_review' WHERE id = ?", [world.versionId]);
      try {
        await t.http.post('/api/shares').set(token('a')).send({ contentVersionId: world.versionId, channel: 'friend' }).expect(403);
      } finally {
        await t.db.dataSource.query("UPDATE content_version SET status = 'approved' WHERE id = ?", [world.versionId]);
      }
      await t.http.post('/api/shares').set(token('a')).send({ contentVersionId: randomUUID(), channel: 'friend' }).expect(404);
    });
  });

  describe('scoping', () => {
    it.each([
      ['another agent of the same team', 'b', 404],
      ['an agent of another branch', 'd', 404],
      ['the leader of another team', 'ly', 404],
      ['the manager of another branch', 'm2', 404],
      ['a content operator', 'op', 403],
      ['the owning agent', 'a', 200],
      ['the leader of the team', 'lx', 200],
      ['the manager of the branch', 'm1', 200],
    ])('%s reading agent a\'s contact gets %i', async (_who, key, status) => {
      const { contactId } = await customerWithContact(`scoped-${key}`);
      await t.http.get(`/api/contacts/${contactId}`).set(token(key)).expect(status);
    });

    it('lists only contacts in scope', async () => {
      const { contactId } = await customerWithContact('listed-once');
      const listB = (await t.http.get('/api/contacts?pageSize=100').set(token('b')).expect(200)).body;
      expect(listB.items.map((c: { contactId: string }) => c.contactId)).not.toContain(contactId);
      const listA = (await t.http.get('/api/contacts?pageSize=100').set(token('a')).expect(200)).body;
      expect(listA.items.map((c: { contactId: string }) => c.contactId)).toContain(contactId);
    });
  });

  describe('lead form', () => {
    it('stores nothing without consent', async () => {
      const { token: viewer, shareId } = await customerWithContact('no-consent');
      const before = await Promise.all(['lead', 'consent', 'touchpoint_event'].map(count));
      for (const badConsent of [{ ...consent, given: false }, undefined, {}]) {
        const res = await t.http.post('/api/leads').set(bearer(viewer)).send({ clientEventId: randomUUID(), shareId, name: '张三', phone: '13812345678', consent: badConsent }).expect(400);
        expect(res.body.error.details.some((d: { field: string }) => d.field.startsWith('consent'))).toBe(true);
      }
      expect(await Promise.all(['lead', 'consent', 'touchpoint_event'].map(count))).toEqual(before);
    });

    it('refuses a phone that is not a mainland mobile number', async () => {
      const { token: viewer, shareId } = await customerWithContact('bad-phone');
      const res = await t.http.post('/api/leads').set(bearer(viewer)).send({ clientEventId: randomUUID(), shareId, name: '张三', phone: '12345', consent }).expect(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'phone' })]);
    });

    it('encrypts the phone at rest, shows it masked, and audits a reveal', async () => {
      const { token: viewer, shareId, contactId } = await customerWithContact('lead-ok');
      const clientEventId = randomUUID();
      const lead = (await t.http.post('/api/leads').set(bearer(viewer)).send({ clientEventId, shareId, name: '王五', phone: '13912345678', budgetFen: 500000, consent }).expect(201)).body as LeadView;
      expect(lead.phone).toBe('139****5678');
      // A retried submission is the same lead.
      const again = await t.http.post('/api/leads').set(bearer(viewer)).send({ clientEventId, shareId, name: '王五', phone: '13912345678', budgetFen: 500000, consent }).expect(200);
      expect(again.body.leadId).toBe(lead.leadId);
      const rows = await t.db.dataSource.query('SELECT * FROM lead WHERE id = ?', [lead.leadId]);
      expect(JSON.stringify(rows)).not.toContain('13912345678');
      const detail = (await t.http.get(`/api/contacts/${contactId}`).set(token('a')).expect(200)).body as ContactDetailView;
      expect(detail.leads[0]?.phone).toBe('139****5678');
      await t.http.post(`/api/contacts/${contactId}/leads/${lead.leadId}/reveal-phone`).set(token('lx')).expect(404);
      const revealed = await t.http.post(`/api/contacts/${contactId}/leads/${lead.leadId}/reveal-phone`).set(token('a')).expect(200);
      // The same contract as the contact's own reveal: where the number came from, here the lead form.
      expect(revealed.body).toEqual({ phone: '13912345678', from: 'lead' });
      const audit = await t.db.dataSource.query("SELECT actor_id, subject_id FROM audit_entry WHERE action = 'phone.reveal'");
      expect(audit).toContainEqual({ actor_id: world.people.a?.staffId, subject_id: lead.leadId });
    });
  });

  it('never lets session_key, the app secret or a full phone number reach a response or a log line', async () => {
    const seen: string[] = [];
    const { token: viewer, shareId, contactId } = await customerWithContact('secret-keeper');
    seen.push(JSON.stringify((await t.http.post('/api/auth/login').send({ code: 'secret-keeper' })).body));
    seen.push(JSON.stringify((await t.http.post('/api/leads').set(bearer(viewer)).send({ clientEventId: randomUUID(), shareId, name: '赵六', phone: '13700001111', consent })).body));
    seen.push(JSON.stringify((await t.http.get(`/api/contacts/${contactId}`).set(token('a'))).body));
    seen.push(JSON.stringify((await t.http.get('/api/contacts').set(token('a'))).body));
    seen.push(JSON.stringify((await t.http.get('/api/me').set(bearer(viewer))).body));
    const everything = [...seen, ...t.logs].join('\n');
    expect(t.wechat.calls.length).toBeGreaterThan(0);
    expect(everything).not.toContain('fake-session-key');
    expect(everything).not.toContain('session_key');
    expect(everything).not.toContain(t.config.wechat.appSecret);
    expect(everything).not.toContain('13700001111');
    expect(everything).not.toMatch(/openid-secret-keeper/);
  });

  it('answers /health with the database state', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { state: 'up' } });
  });
});
