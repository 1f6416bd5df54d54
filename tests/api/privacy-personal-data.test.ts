import { randomUUID } from 'node:crypto';
import type { ConsentView, ContactSummaryView, DeletionView, Page, PersonalDataExport } from '@kejing/shared';
import { adminAuth, bearer, buildWorld, login, openAndRead, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const DAY_MS = 24 * 3600_000;
const consent = { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' };
const healthConsent = { given: true, textVersion: 'health-2026-01', purpose: '根据健康相关需求推荐保障' };

describe('personal data (PIPL)', () => {
  let t: TestApp;
  let world: World;
  const staff = (key: string) => bearer((world.people[key] as { token: string }).token);
  beforeAll(async () => {
    t = await startTestApp({ retention: { rawEventsDays: 30, unengagedLeadsDays: 60, noticesDays: 50 } });
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);

  /** A customer who opened agent `agentKey`'s share, read it, and (optionally) left a lead. */
  const phoneOf = (code: string) => `139${String([...code].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 100_000_000, 7)).padStart(8, '0')}`;
  async function customer(code: string, agentKey = 'a', lead: object | null = {}) {
    const { token, shareId, contactId } = await openAndRead(t, world, code, agentKey);
    if (lead) {
      await t.http.post('/api/leads').set(bearer(token)).send({
        clientEventId: randomUUID(), shareId, name: '周女士', phone: phoneOf(code), consent, ...lead,
      }).expect(201);
    }
    await t.services.scoringWorker.drain();
    return { token, shareId, contactId };
  }

  describe('consent', () => {
    it('records the consent with its text version and purpose', async () => {
      const c = await customer('pipl-consent');
      const consents = (await t.http.get('/api/privacy/me/consents').set(bearer(c.token)).expect(200)).body as ConsentView[];
      expect(consents).toEqual([expect.objectContaining({ kind: 'contact_details', textVersion: consent.textVersion, purpose: consent.purpose, withdrawnAt: null })]);
    });

    it('refuses health-related needs without their own consent, and stores nothing', async () => {
      const before = await count('SELECT COUNT(*) AS n FROM lead');
      const shareId = await shareArticle(t, world);
      const token = (await login(t, 'pipl-health-refused')).token;
      for (const need of ['medical', 'critical_illness']) {
        const res = await t.http.post('/api/leads').set(bearer(token)).send({ clientEventId: randomUUID(), shareId, name: '吴先生', phone: '13812345678', needs: [need], consent }).expect(400);
        expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'healthConsent' })]);
      }
      expect(await count('SELECT COUNT(*) AS n FROM lead')).toBe(before);
      // Needs that say nothing about health need no health consent.
      await t.http.post('/api/leads').set(bearer(token)).send({ clientEventId: randomUUID(), shareId, name: '吴先生', phone: '13812345678', needs: ['education'], consent }).expect(201);
    });

    it('stores health needs with a health consent, and withdrawing it (one request) takes them off the lead', async () => {
      const c = await customer('pipl-health', 'a', { needs: ['critical_illness', 'education'], healthConsent });
      const consents = (await t.http.get('/api/privacy/me/consents').set(bearer(c.token)).expect(200)).body as ConsentView[];
      const health = consents.find((x) => x.kind === 'health') as ConsentView;
      expect(health).toMatchObject({ textVersion: healthConsent.textVersion, purpose: healthConsent.purpose });
      const withdrawn = (await t.http.post(`/api/privacy/me/consents/${health.consentId}/withdraw`).set(bearer(c.token)).expect(200)).body as ConsentView;
      expect(withdrawn.withdrawnAt).not.toBeNull();
      const detail = (await t.http.get(`/api/contacts/${c.contactId}`).set(staff('a')).expect(200)).body;
      expect(detail.leads[0].needs).toEqual(['education']);
      // Giving it again is one request too.
      await t.http.post('/api/privacy/me/consents').set(bearer(c.token)).send({ shareId: c.shareId, kind: 'health', textVersion: 'health-2026-02', purpose: '健康相关推荐' }).expect(201);
    });

    it('withdrawing the contact-details consent erases the lead and the name it gave', async () => {
      const c = await customer('pipl-withdraw-details');
      const consents = (await t.http.get('/api/privacy/me/consents').set(bearer(c.token)).expect(200)).body as ConsentView[];
      await t.http.post(`/api/privacy/me/consents/${consents[0]?.consentId}/withdraw`).set(bearer(c.token)).expect(200);
      expect(await count('SELECT COUNT(*) AS n FROM lead WHERE contact_id = ?', [c.contactId])).toBe(0);
      const detail = (await t.http.get(`/api/contacts/${c.contactId}`).set(staff('a')).expect(200)).body;
      expect(detail.displayName).not.toBe('周女士');
    });

    it('does not let one person withdraw another person\'s consent (404)', async () => {
      const owner = await customer('pipl-owner');
      const other = (await login(t, 'pipl-stranger')).token;
      const consents = (await t.http.get('/api/privacy/me/consents').set(bearer(owner.token)).expect(200)).body as ConsentView[];
      await t.http.post(`/api/privacy/me/consents/${consents[0]?.consentId}/withdraw`).set(bearer(other)).expect(404);
    });
  });

  it('opt-out: the contact leaves scoring at once and the agent\'s list shows them opted out; opting back in restores the score', async () => {
    const c = await customer('pipl-optout');
    const scored = (await t.http.get(`/api/contacts/${c.contactId}`).set(staff('a')).expect(200)).body;
    expect(scored.trust + scored.intent).toBeGreaterThan(0);
    expect((await t.http.post('/api/privacy/me/opt-out').set(bearer(c.token)).expect(200)).body).toEqual({ optedOut: true, contacts: 1 });
    // Rescored within the request: no worker pass needed.
    const list = (await t.http.get('/api/contacts?pageSize=100').set(staff('a')).expect(200)).body as Page<ContactSummaryView>;
    const row = list.items.find((x) => x.contactId === c.contactId) as ContactSummaryView;
    expect(row).toMatchObject({ optedOut: true, trust: 0, intent: 0, referralClass: 'negative' });
    const today = (await t.http.get('/api/tasks/today?limit=100').set(staff('a')).expect(200)).body.tasks as { contactId: string }[];
    expect(today.some((x) => x.contactId === c.contactId)).toBe(false);
    // The dismissed follow-up no longer holds the contact's one active place.
    expect(await count('SELECT COUNT(*) AS n FROM follow_up_task WHERE active_contact_id = ?', [c.contactId])).toBe(0);
    await t.http.delete('/api/privacy/me/opt-out').set(bearer(c.token)).expect(200);
    const back = (await t.http.get(`/api/contacts/${c.contactId}`).set(staff('a')).expect(200)).body;
    expect(back).toMatchObject({ optedOut: false, trust: scored.trust, intent: scored.intent });
  });

  describe('export and erasure of one person', () => {
    async function referencesTo(ids: string[], phoneHash: string | null): Promise<Record<string, number>> {
      const inList = ids.map(() => '?').join(',');
      const found: Record<string, number> = {
        contact: await count(`SELECT COUNT(*) AS n FROM contact WHERE id IN (${inList}) OR referred_by_contact_id IN (${inList})`, [...ids, ...ids]),
        lead: await count(`SELECT COUNT(*) AS n FROM lead WHERE contact_id IN (${inList})`, ids),
        touchpoint_event: await count(`SELECT COUNT(*) AS n FROM touchpoint_event WHERE contact_id IN (${inList})`, ids),
        consent: await count(`SELECT COUNT(*) AS n FROM consent WHERE contact_id IN (${inList})`, ids),
        follow_up_task: await count(`SELECT COUNT(*) AS n FROM follow_up_task WHERE contact_id IN (${inList})`, ids),
        contact_stage_change: await count(`SELECT COUNT(*) AS n FROM contact_stage_change WHERE contact_id IN (${inList})`, ids),
        share: await count(`SELECT COUNT(*) AS n FROM share WHERE forwarded_by_contact_id IN (${inList})`, ids),
      };
      if (phoneHash) found.lead_by_phone = await count('SELECT COUNT(*) AS n FROM lead WHERE phone_hash = ?', [phoneHash]);
      return found;
    }
    const zeroes = (found: Record<string, number>) => Object.fromEntries(Object.keys(found).map((k) => [k, 0]));

    it('the person exports their own data (full phone, every agent), and the export is audited', async () => {
      const c = await customer('pipl-export-self');
      await customer('pipl-export-self', 'd'); // the same person at another agent in another branch
      const body = (await t.http.get('/api/privacy/me/export').set(bearer(c.token)).expect(200)).body as PersonalDataExport;
      expect(body.contacts).toHaveLength(2);
      expect(body.contacts.flatMap((x) => x.leads.map((l) => l.phone))).toEqual([phoneOf('pipl-export-self'), phoneOf('pipl-export-self')]);
      expect(body.contacts[0]?.touchpoints.length).toBeGreaterThan(0);
      expect(JSON.stringify(body)).not.toMatch(/openid|unionid/);
      expect(await count("SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'privacy.export' AND actor_id = ?", [(await t.http.get('/api/me').set(bearer(c.token))).body.userId])).toBe(1);
    });

    it('staff export: an agent gets their own contact with the phone masked; the operator the whole person in full; both audited', async () => {
      const c = await customer('pipl-export-staff');
      const byAgent = (await t.http.get(`/api/privacy/contacts/${c.contactId}/export`).set(staff('a')).expect(200)).body as PersonalDataExport;
      expect(byAgent.contacts[0]?.leads[0]?.phone).toBe(`139****${phoneOf('pipl-export-staff').slice(-4)}`);
      const byOperator = (await t.http.get(`/api/privacy/contacts/${c.contactId}/export`).set(staff('op')).expect(200)).body as PersonalDataExport;
      expect(byOperator.contacts[0]?.leads[0]?.phone).toBe(phoneOf('pipl-export-staff'));
      const audits = await t.db.dataSource.query("SELECT actor_id, at_ms FROM audit_entry WHERE action = 'privacy.export' AND subject_id = ? ORDER BY at_ms", [c.contactId]);
      expect(audits.map((a: { actor_id: string }) => a.actor_id).sort()).toEqual([world.people.a?.staffId, world.people.op?.staffId].sort());
      expect(audits.every((a: { at_ms: number | string }) => Number(a.at_ms) === t.clock.nowMs())).toBe(true);
    });

    it.each([
      ['by the person (DELETE /api/privacy/me)', 'self'],
      ['by an operator (DELETE /api/privacy/contacts/:id)', 'operator'],
    ])('erasure %s leaves no row referencing them by id or phone hash, clears caches, and is audited', async (_how, by) => {
      const code = `pipl-erase-${by}`;
      const c = await customer(code);
      const atOtherAgent = await customer(code, 'd');
      // A friend they referred keeps their own record, without the link back.
      const child = (await t.http.post(`/api/shares/${encodeURIComponent(c.shareId)}/forward`).set(bearer(c.token)).send({ channel: 'friend' }).expect(201)).body.shareId as string;
      const friend = (await login(t, `${code}-friend`)).token;
      const friendContact = (await t.http.post(`/api/shares/${encodeURIComponent(child)}/open`).set(bearer(friend)).expect(200)).body.contactId as string;
      // A hand-entered lead elsewhere with the same phone is the same person.
      const phoneHash = (await t.db.dataSource.query('SELECT phone_hash FROM lead WHERE contact_id = ?', [c.contactId]))[0].phone_hash as string;
      const ids = [c.contactId, atOtherAgent.contactId];
      expect(Object.values(await referencesTo(ids, phoneHash)).some((n) => n > 0)).toBe(true);

      const res = by === 'self'
        ? await t.http.delete('/api/privacy/me').set(bearer(c.token)).expect(200)
        : await t.http.delete(`/api/privacy/contacts/${c.contactId}`).set(staff('op')).expect(200);
      const deletion = res.body as DeletionView;
      expect(deletion.deleted.contacts).toBe(2);

      const left = await referencesTo(ids, phoneHash);
      expect(left).toEqual(zeroes(left));
      expect(await count('SELECT COUNT(*) AS n FROM app_user WHERE openid = ?', [`openid-${code}`])).toBe(0);
      expect(await count('SELECT COUNT(*) AS n FROM contact WHERE id = ?', [friendContact])).toBe(1);
      // Caches: the agent sees nothing, and the next open is a new, empty contact (not the erased id).
      await t.http.get(`/api/contacts/${c.contactId}`).set(staff('a')).expect(404);
      const again = (await login(t, code)).token;
      const reopened = (await t.http.post(`/api/shares/${encodeURIComponent(c.shareId)}/open`).set(bearer(again)).expect(200)).body.contactId as string;
      expect(ids).not.toContain(reopened);
      const forwardedAgain = (await t.http.post(`/api/shares/${encodeURIComponent(child)}/open`).set(bearer((await login(t, `${code}-friend-2`)).token)).expect(200)).body.contactId as string;
      expect((await t.http.get(`/api/contacts/${forwardedAgain}`).set(staff('a')).expect(200)).body.referredByContactId).toBeNull();
      // Audited: who, when, what; the audit row itself names the request, not the person.
      const audit = await t.db.dataSource.query("SELECT actor_id, at_ms, detail FROM audit_entry WHERE action = 'privacy.delete' AND subject_id = ?", [deletion.requestId]);
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_id).toEqual(by === 'self' ? expect.any(String) : world.people.op?.staffId);
      expect(Number(audit[0].at_ms)).toBe(t.clock.nowMs());
      expect(JSON.parse(audit[0].detail)).toMatchObject({ by: by === 'self' ? 'self' : 'operator', contacts: 2 });
    });

    it('exporting and erasing a contact the agent added by hand (no WeChat identity, no lead) reaches that contact alone', async () => {
      const bystander = await customer('pipl-bystander', 'a');
      const added = (await t.http.post('/api/contacts').set(staff('a')).send({ remarkName: '手动添加的客户', phones: [{ phone: '13712345678', basis: 'in_person' }] })
        .expect(201)).body as { contactId: string };
      const exported = (await t.http.get(`/api/privacy/contacts/${added.contactId}/export`).set(staff('op')).expect(200)).body as PersonalDataExport;
      expect(exported.contacts.map((c) => c.contactId)).toEqual([added.contactId]);
      const deleted = (await t.http.delete(`/api/privacy/contacts/${added.contactId}`).set(staff('op')).expect(200)).body as DeletionView;
      expect(deleted.deleted.contacts).toBe(1);
      expect(await count('SELECT COUNT(*) AS n FROM contact WHERE id = ?', [bystander.contactId])).toBe(1);
    });

    it('refuses erasure to agents, leaders and managers (403) and answers 404 for an unknown contact', async () => {
      const c = await customer('pipl-erase-refused', 'a', null);
      for (const key of ['a', 'lx', 'm1']) await t.http.delete(`/api/privacy/contacts/${c.contactId}`).set(staff(key)).expect(403);
      await t.http.delete(`/api/privacy/contacts/${randomUUID()}`).set(staff('op')).expect(404);
      await t.http.delete(`/api/privacy/contacts/${c.contactId}`).set(adminAuth(world)).expect(200);
    });
  });

  it('the audit log is append-only: no route updates or deletes audit rows, and every reveal, export and delete adds one', async () => {
    const before = await count('SELECT COUNT(*) AS n FROM audit_entry');
    const c = await customer('pipl-audit');
    const leadId = (await t.http.get(`/api/contacts/${c.contactId}`).set(staff('a')).expect(200)).body.leads[0].leadId as string;
    await t.http.post(`/api/contacts/${c.contactId}/leads/${leadId}/reveal-phone`).set(staff('a')).expect(200);
    await t.http.get(`/api/privacy/contacts/${c.contactId}/export`).set(staff('op')).expect(200);
    await t.http.delete(`/api/privacy/contacts/${c.contactId}`).set(staff('op')).expect(200);
    const actions = (await t.db.dataSource.query('SELECT action FROM audit_entry ORDER BY at_ms')).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['phone.reveal', 'privacy.export', 'privacy.delete']));
    // The reveal's row survives the erasure (the trail is kept as the law requires).
    expect(await count('SELECT COUNT(*) AS n FROM audit_entry')).toBe(before + 3);
  });

  it('retention: the daily job with a moved clock expires raw tracking events, leads of contacts who never engaged and old notices, keeping the sales trail', async () => {
    const engaged = await customer('pipl-retention-engaged');
    const silent = await customer('pipl-retention-silent');
    const startMs = t.clock.nowMs();
    const agentUserId = (await t.http.get('/api/me').set(staff('a')).expect(200)).body.userId as string;
    // The engaged one reads again 40 days later; the silent one never comes back.
    t.clock.advance(40 * DAY_MS);
    const engagedAgain = (await login(t, 'pipl-retention-engaged')).token; // the 30-day session has expired
    const agentA = bearer(t.services.tokens.issue({ userId: agentUserId, epoch: 0 }, t.clock.nowMs()).token);
    await t.http.post('/api/events').set(bearer(engagedAgain)).send({
      sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), type: 'open', shareId: engaged.shareId, createdAtDeviceMs: t.clock.nowMs() }],
    }).expect(200);
    await t.http.post(`/api/contacts/${engaged.contactId}/actions`).set(agentA).send({ clientEventId: randomUUID(), type: 'call' }).expect(201);
    const trackingBefore = await count("SELECT COUNT(*) AS n FROM touchpoint_event WHERE type = 'read_progress' AND received_at_ms <= ?", [startMs]);
    expect(trackingBefore).toBeGreaterThan(0);
    // Day 31 after the reads: raw events expire; leads not yet (60 days).
    const { runDailyJob } = await import('../../server/src/jobs/daily-job');
    const first = await runDailyJob(t.services, t.services.scoringWorker);
    expect(first.retention.rawEventsDeleted).toBeGreaterThan(0);
    expect(first.retention.unengagedLeadsDeleted).toBe(0);
    expect(first.retention.noticesDeleted).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM touchpoint_event WHERE type = 'read_progress' AND received_at_ms <= ?", [startMs])).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM touchpoint_event WHERE type IN ('lead_submit', 'call') AND contact_id IN (?, ?)", [engaged.contactId, silent.contactId])).toBe(3);
    // Day 61: the silent contact's lead goes, the engaged contact's stays.
    t.clock.advance(21 * DAY_MS);
    const oldNotices = "SELECT COUNT(*) AS n FROM agent_notice WHERE created_at_ms <= ?";
    expect(await count(oldNotices, [startMs])).toBeGreaterThan(0); // the two leads' notices, kept at day 40
    const newerNotices = await count('SELECT COUNT(*) AS n FROM agent_notice WHERE created_at_ms > ?', [startMs]);
    const second = await runDailyJob(t.services, t.services.scoringWorker);
    expect(second.retention.unengagedLeadsDeleted).toBeGreaterThanOrEqual(1);
    // Day 61: notices past 50 days go, read or not; the ones from day 40 stay.
    expect(second.retention.noticesDeleted).toBeGreaterThan(0);
    expect(await count(oldNotices, [startMs])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM agent_notice WHERE created_at_ms > ?', [startMs])).toBe(newerNotices);
    expect(await count('SELECT COUNT(*) AS n FROM lead WHERE contact_id = ?', [silent.contactId])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM lead WHERE contact_id = ?', [engaged.contactId])).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM audit_entry WHERE action IN ('retention.events', 'retention.leads')")).toBeGreaterThanOrEqual(2);
  });
});
