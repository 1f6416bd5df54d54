import { randomUUID } from 'node:crypto';
import type { ContactDetailView, DeletionView, PolicyView, PremiumActualsView, TaskView } from '@kejing/shared';
import { bearer, buildWorld, startTestApp, TestApp, World } from '../../server/src/testing/test-app';
import { movePoliciesOfContact } from '../../server/src/modules/policies/policy.queries';
import { policiesHandoverStep } from '../../server/src/modules/policies/policy-handover.step';

const family = [{ name: '小宝', relation: 'child', birthday: '2016-01-10', gender: 'male' }];
const policyBody = (over: Record<string, unknown> = {}) => ({
  clientEventId: randomUUID(), productName: '守护重疾', need: 'critical_illness', insurer: '客经人寿', policyNumber: `P${randomUUID().replace(/-/g, '').slice(0, 12)}`,
  insuredRelation: 'self', annualPremiumFen: 500_000, paymentFrequency: 'annual', paymentTermYears: 20, effectiveDate: '2026-10-01', ...over,
});

describe('policies (保单)', () => {
  let t: TestApp;
  let world: World;
  const as = (key: string) => bearer((world.people[key] as { token: string }).token);
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const rows = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params) as Promise<Record<string, unknown>[]>;
  const count = async (sql: string, params: unknown[] = []) => Number((await rows(sql, params))[0]?.n);
  const addContact = async (body: object, who = 'a') => (await t.http.post('/api/contacts').set(as(who)).send(body).expect(201)).body as ContactDetailView;
  const record = async (contactId: string, body: object, who = 'a', status = 201) =>
    (await t.http.post(`/api/contacts/${contactId}/policies`).set(as(who)).send(body).expect(status)).body as PolicyView;

  it('records a signed policy with its number masked, the policy_signed touchpoint, the deal won and the policy counted for trust', async () => {
    const contact = await addContact({ remarkName: '王姐', familyMembers: family, wechatFriend: true });
    const body = policyBody({ policyNumber: 'P2026000123' });
    const policy = await record(contact.contactId, body);
    expect(policy).toEqual(expect.objectContaining({
      contactId: contact.contactId, productName: '守护重疾', need: 'critical_illness', policyNumberMasked: '****0123', insured: { relation: 'self', name: '王姐' },
      annualPremiumFen: 500_000, effectiveDate: '2026-10-01', nextPremiumDate: '2027-10-01', signedDate: '2026-11-02', status: 'active', mine: true,
    }));
    const stored = await rows('SELECT * FROM policy WHERE id = ?', [policy.policyId]);
    expect(JSON.stringify(stored)).not.toContain('2026000123');
    expect(await count("SELECT COUNT(*) AS n FROM touchpoint_event WHERE contact_id = ? AND type = 'policy_signed'", [contact.contactId])).toBe(1);
    const after = (await t.http.get(`/api/contacts/${contact.contactId}`).set(as('a')).expect(200)).body as ContactDetailView;
    expect(after.stage).toBe(8);
    expect(after.explanations.map((c) => c.reason)).toContain('已持有1张保单');
  });

  it('stores a retried request once: the same clientEventId returns the same policy and one touchpoint', async () => {
    const contact = await addContact({ remarkName: '重试' });
    const body = policyBody();
    const first = await record(contact.contactId, body);
    const again = await record(contact.contactId, body);
    expect(again.policyId).toBe(first.policyId);
    expect(await count('SELECT COUNT(*) AS n FROM policy WHERE contact_id = ?', [contact.contactId])).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM touchpoint_event WHERE contact_id = ? AND type = 'policy_signed'", [contact.contactId])).toBe(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an insured person who is not in the family', { insuredRelation: 'child', insuredName: '大宝' }, 'insuredName'],
    ['a signing day in the future', { signedDate: '2026-11-03' }, 'signedDate'],
    ['a single premium over several years', { paymentFrequency: 'single', paymentTermYears: 5 }, 'paymentTermYears'],
    ['a policy number with spaces', { policyNumber: 'P 2026 0001' }, 'policyNumber'],
    ['a premium of zero', { annualPremiumFen: 0 }, 'annualPremiumFen'],
    ['an unknown need family', { need: 'lottery' }, 'need'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_name, over, field) => {
    const contact = await addContact({ remarkName: `坏输入${field}`, familyMembers: family });
    const res = await record(contact.contactId, policyBody(over), 'a', 400) as unknown as { error: { details: { field: string }[] } };
    expect(res.error.details.map((d) => d.field)).toContain(field);
    expect(await count('SELECT COUNT(*) AS n FROM policy WHERE contact_id = ?', [contact.contactId])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM touchpoint_event WHERE contact_id = ?', [contact.contactId])).toBe(0);
  });

  it('insures a family member named in the contact\'s profile', async () => {
    const contact = await addContact({ remarkName: '李姐', familyMembers: family });
    const policy = await record(contact.contactId, policyBody({ insuredRelation: 'child', insuredName: '小宝', need: 'education', paymentFrequency: 'single', paymentTermYears: 1 }));
    expect(policy.insured).toEqual({ relation: 'child', name: '小宝' });
    expect(policy.nextPremiumDate).toBeNull();
  });

  it('refuses a policy number recorded before with 409', async () => {
    const one = await addContact({ remarkName: '号码一' });
    const two = await addContact({ remarkName: '号码二' });
    await record(one.contactId, policyBody({ policyNumber: 'DUP-000001' }));
    const res = await t.http.post(`/api/contacts/${two.contactId}/policies`).set(as('a')).send(policyBody({ policyNumber: 'dup-000001' })).expect(409);
    expect(res.body.error.code).toBe('duplicate_policy_number');
  });

  describe('who sees and edits', () => {
    let policy: PolicyView;
    beforeAll(async () => {
      const contact = await addContact({ remarkName: '范围' });
      policy = await record(contact.contactId, policyBody({ policyNumber: 'SCOPE-12345678' }));
    });

    it('shows the policy to its agent and the team\'s leader, and to nobody outside (404)', async () => {
      expect((await t.http.get(`/api/contacts/${policy.contactId}/policies`).set(as('lx')).expect(200)).body).toEqual([expect.objectContaining({ policyId: policy.policyId, mine: false })]);
      await t.http.get(`/api/policies/${policy.policyId}`).set(as('m1')).expect(200);
      await t.http.get(`/api/policies/${policy.policyId}`).set(as('b')).expect(404);
      await t.http.get(`/api/policies/${policy.policyId}`).set(as('ly')).expect(404);
      await t.http.get(`/api/policies/${policy.policyId}`).set(as('m2')).expect(404);
      await t.http.get(`/api/contacts/${policy.contactId}/policies`).set(as('c')).expect(404);
    });

    it('lets only the owning agent edit (the leader gets 403) and re-derives the next premium date from a new schedule', async () => {
      await t.http.put(`/api/policies/${policy.policyId}`).set(as('lx')).send({ productName: '改名' }).expect(403);
      const res = await t.http.put(`/api/policies/${policy.policyId}`).set(as('a')).send({ paymentFrequency: 'monthly' });
      expect(res.body.error ?? null).toBeNull();
      const edited = res.body as PolicyView;
      // Effective 2026-10-01, monthly: 11-01 has passed on 11-02, so the next is 12-01.
      expect(edited.nextPremiumDate).toBe('2026-12-01');
      expect(await count("SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'policy.update' AND subject_id = ?", [policy.policyId])).toBe(1);
    });

    it('reveals the full number to the owning agent only, audited', async () => {
      expect((await t.http.post(`/api/policies/${policy.policyId}/reveal-number`).set(as('a')).expect(200)).body).toEqual({ policyNumber: 'SCOPE-12345678' });
      await t.http.post(`/api/policies/${policy.policyId}/reveal-number`).set(as('lx')).expect(404);
      expect(await count("SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'policy.reveal_number' AND subject_id = ?", [policy.policyId])).toBe(1);
    });

    it('moves a contact\'s policies to another agent and contact (the handover\'s step)', async () => {
      const target = await addContact({ remarkName: '接收' }, 'b');
      const moved = await t.db.dataSource.transaction((m) => movePoliciesOfContact(m, policy.contactId, { agentId: world.people.b!.staffId, contactId: target.contactId }, t.clock.nowMs()));
      expect(moved).toBe(1);
      expect((await t.http.get(`/api/contacts/${target.contactId}/policies`).set(as('b')).expect(200)).body).toEqual([expect.objectContaining({ policyId: policy.policyId, mine: true })]);
      await t.http.get(`/api/policies/${policy.policyId}`).set(as('a')).expect(404);
    });

    it('hands a contact\'s policies over with the contact (the handover\'s policies step), the sale staying with the seller', async () => {
      const contact = await addContact({ remarkName: '移交' });
      const handed = await record(contact.contactId, policyBody({ annualPremiumFen: 123_400 }));
      const before = (await t.http.get('/api/policies/actuals').set(as('a')).expect(200)).body as PremiumActualsView;
      const moved = await t.db.dataSource.transaction((m) => policiesHandoverStep.move(m, {
        contactIds: [contact.contactId], fromAgentId: world.people.a!.staffId, toAgentId: world.people.c!.staffId, poolOrgUnitId: null, fromPool: false, atMs: t.clock.nowMs(),
      }));
      expect(moved).toBe(1);
      expect((await t.http.get(`/api/policies/${handed.policyId}`).set(as('c')).expect(200)).body).toEqual(expect.objectContaining({ mine: true }));
      const after = (await t.http.get('/api/policies/actuals').set(as('a')).expect(200)).body as PremiumActualsView;
      expect(after.premiumFen).toBe(before.premiumFen);
      expect(((await t.http.get('/api/policies/actuals').set(as('c')).expect(200)).body as PremiumActualsView).premiumFen).toBe(0);
    });
  });

  it('sums the premium signed this month in scope: 件均保费 and 举绩率', async () => {
    // Agent d (team z, branch b2) signs two policies: ¥3,000 and ¥5,000.
    const contact = await addContact({ remarkName: '业绩' }, 'd');
    await record(contact.contactId, policyBody({ annualPremiumFen: 300_000 }), 'd');
    await record(contact.contactId, policyBody({ annualPremiumFen: 500_000 }), 'd');
    const mine = (await t.http.get('/api/policies/actuals').set(as('d')).expect(200)).body as PremiumActualsView;
    expect(mine).toEqual({ fromDate: '2026-11-01', toDate: '2026-11-02', premiumFen: 800_000, policies: 2, averagePremiumFen: 400_000, agents: 1, agentsWithPolicy: 1, performanceRatePct: 100 });
    // Branch b2 has one seller (d); b1's manager sees a, b, c, lx, ly: only a signed (b's policy came by handover, signed by a).
    const b2 = (await t.http.get('/api/policies/actuals').set(as('m2')).expect(200)).body as PremiumActualsView;
    expect([b2.premiumFen, b2.agents, b2.performanceRatePct]).toEqual([800_000, 1, 100]);
    const lastMonth = (await t.http.get('/api/policies/actuals').query({ from: '2026-10-01', to: '2026-10-31' }).set(as('d')).expect(200)).body as PremiumActualsView;
    expect([lastMonth.policies, lastMonth.averagePremiumFen, lastMonth.performanceRatePct]).toEqual([0, 0, 0]);
    await t.http.get('/api/policies/actuals').query({ from: '2026-11-30', to: '2026-11-01' }).set(as('d')).expect(400);
  });

  it('erases a contact\'s policies with the contact on a privacy request, and nobody else\'s', async () => {
    const contact = await addContact({ remarkName: '删除' });
    await record(contact.contactId, policyBody());
    const others = await count('SELECT COUNT(*) AS n FROM policy WHERE contact_id <> ?', [contact.contactId]);
    const otherContacts = await count('SELECT COUNT(*) AS n FROM contact WHERE id <> ?', [contact.contactId]);
    const deletion = (await t.http.delete(`/api/privacy/contacts/${contact.contactId}`).set(as('op')).expect(200)).body as DeletionView;
    expect(deletion.deleted.policies).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM policy WHERE contact_id = ?', [contact.contactId])).toBe(0);
    // A contact added by hand has no WeChat identity or lead phone to find the same person by: only it goes.
    expect(deletion.deleted.contacts).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM policy')).toBe(others);
    expect(await count('SELECT COUNT(*) AS n FROM contact')).toBe(otherContacts);
  });

  it('keeps the open follow-up rule: recording a policy leaves the contact one active task', async () => {
    const contact = await addContact({ remarkName: '单任务' });
    await record(contact.contactId, policyBody());
    await t.services.scoringWorker.drain();
    expect(await count("SELECT COUNT(*) AS n FROM follow_up_task WHERE contact_id = ? AND status IN ('open', 'snoozed')", [contact.contactId])).toBeLessThanOrEqual(1);
    const tasks = (await t.http.get('/api/tasks/today?limit=100').set(as('a')).expect(200)).body.tasks as TaskView[];
    expect(tasks.filter((task) => task.contactId === contact.contactId).length).toBeLessThanOrEqual(1);
  });
});
