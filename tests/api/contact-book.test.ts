import { randomUUID } from 'node:crypto';
import type { ContactDetailView, ContactNoteView, ContactSummaryView, DeletionView, Page, PersonalDataExport, TaskView } from '@kejing/shared';
import { bearer, buildWorld, login, openAndRead, startTestApp, TestApp, World } from '../../server/src/testing/test-app';
import { Contact } from '../../server/src/modules/contacts/contact.entity';
import { explainStoredScore } from '../../server/src/modules/scoring/score-explanation';

const DAY_MS = 24 * 3600_000;
const consent = { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' };

describe('the contact book (客户档案)', () => {
  let t: TestApp;
  let world: World;
  const as = (key: string) => bearer((world.people[key] as { token: string }).token);
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const rows = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params) as Promise<Record<string, unknown>[]>;
  const count = async (sql: string, params: unknown[] = []) => Number((await rows(sql, params))[0].n);
  const detail = async (contactId: string, who = 'a') => (await t.http.get(`/api/contacts/${contactId}`).set(as(who)).expect(200)).body as ContactDetailView;
  const add = async (body: object, who = 'a') => (await t.http.post('/api/contacts').set(as(who)).send(body).expect(201)).body as ContactDetailView;
  const search = async (query: Record<string, string | number>, who = 'a') =>
    ((await t.http.get('/api/contacts').query(query).set(as(who)).expect(200)).body as Page<ContactSummaryView>).items.map((c) => c.displayName).sort();

  /** A WeChat reader of agent `agentKey`'s share who read deep, optionally leaving a lead. */
  async function reader(code: string, agentKey = 'a', leadPhone: string | null = null) {
    const opened = await openAndRead(t, world, code, agentKey);
    if (leadPhone) {
      await t.http.post('/api/leads').set(bearer(opened.token)).send({ clientEventId: randomUUID(), shareId: opened.shareId, name: '周女士', phone: leadPhone, consent }).expect(201);
    }
    await t.services.scoringWorker.drain();
    return opened;
  }

  describe('adding by hand', () => {
    it('creates a contact the agent owns, with masked phones, source 手动添加, and an audit entry', async () => {
      const created = await add({
        remarkName: '王姐', realName: '王丽', gender: 'female', birthday: '1985-03-08', wechatId: 'wangli_85', relationship: '大学同学',
        phones: [{ phone: '13812345678', basis: 'in_person' }], familyMembers: [{ name: '小宝', relation: 'child', birthday: '2018-06-01', gender: 'male' }],
        agentTags: ['P100', '宝妈'], wechatFriend: true,
      });
      expect(created.displayName).toBe('王姐');
      expect(created.profile).toEqual(expect.objectContaining({
        remarkName: '王姐', realName: '王丽', gender: 'female', birthday: '1985-03-08', wechatId: 'wangli_85', relationship: '大学同学', source: 'manual',
        familyMembers: [{ name: '小宝', relation: 'child', birthday: '2018-06-01', gender: 'male' }], agentTags: ['P100', '宝妈'], wechatFriend: true, policiesHeld: 0,
      }));
      expect(created.profile.phones).toEqual([{ phoneId: expect.any(String), masked: '138****5678', basis: 'in_person' }]);
      expect(await count(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'contact.create' AND subject_id = ?`, [created.contactId])).toBe(1);
    });

    it('keeps neither an entered phone nor its tail or prefix in the clear', async () => {
      const created = await add({ remarkName: '明文检查', phones: [{ phone: '13900001234', basis: 'business_card' }] });
      const [row] = await rows('SELECT * FROM contact_phone WHERE contact_id = ?', [created.contactId]);
      // Ids, ciphertext and hashes are random and may hold any digits by chance (a row-wide /139/ failed
      // now and then): what must not be there is the number, its tail or its prefix as a value.
      const values = Object.values(row ?? {}).map(String);
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(value).not.toContain('13900001234');
      expect(values).not.toEqual(expect.arrayContaining(['1234']));
      expect(values).not.toEqual(expect.arrayContaining(['139']));
      expect(String(row?.phone_cipher)).toMatch(/^v1\./);
    });

    it('refuses a phone another of the agent\'s contacts holds with 409 naming that contact, and stores nothing', async () => {
      const first = await add({ remarkName: '李总', phones: [{ phone: '13700001111', basis: 'business_card' }] });
      const before = await count('SELECT COUNT(*) AS n FROM contact');
      const res = await t.http.post('/api/contacts').set(as('a')).send({ remarkName: '李总2', phones: [{ phone: '13700001111', basis: 'in_person' }] }).expect(409);
      expect(res.body.error.code).toBe('duplicate_phone');
      expect(res.body.error.message).toContain('李总');
      expect(res.body.error.details[0]).toEqual(expect.objectContaining({ field: 'phones.0.phone', reason: expect.stringContaining(first.contactId) }));
      expect(await count('SELECT COUNT(*) AS n FROM contact')).toBe(before);
    });

    it('refuses a phone a customer of the agent left in a lead form', async () => {
      const { contactId } = await reader('book-lead-dup', 'a', '13600002222');
      const res = await t.http.post('/api/contacts').set(as('a')).send({ remarkName: '周女士', phones: [{ phone: '13600002222', basis: 'phone_book' }] }).expect(409);
      expect(res.body.error.details[0].reason).toContain(contactId);
    });

    it('lets another agent hold the same number (one person at two agents is for the manager, not a refusal)', async () => {
      await add({ remarkName: '李总', phones: [{ phone: '13700001111', basis: 'business_card' }] }, 'b');
    });

    it.each<[string, object, string]>([
      ['no remark name', { realName: '张三' }, 'remarkName'],
      ['a blank remark name', { remarkName: '   ' }, 'remarkName'],
      ['a bad phone', { remarkName: '甲', phones: [{ phone: '12345', basis: 'in_person' }] }, 'phones.0.phone'],
      ['a basis nobody knows', { remarkName: '甲', phones: [{ phone: '13812340000', basis: 'guess' }] }, 'phones.0.basis'],
      ['a date that is not one', { remarkName: '甲', birthday: '1985-13-01' }, 'birthday'],
      ['a stage (the scorer sets it)', { remarkName: '甲', stage: 5 }, 'stage'],
      ['an owner', { remarkName: '甲', agentId: randomUUID() }, 'agentId'],
      ['a policies-held count out of range', { remarkName: '甲', policiesHeld: -1 }, 'policiesHeld'],
      ['a null friend flag', { remarkName: '甲', wechatFriend: null }, 'wechatFriend'],
    ])('refuses %s with 400 naming the field', async (_name, body, field) => {
      const before = await count('SELECT COUNT(*) AS n FROM contact');
      const res = await t.http.post('/api/contacts').set(as('a')).send(body).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await count('SELECT COUNT(*) AS n FROM contact')).toBe(before);
    });

    it('is not for managers (they hold no contacts)', async () => {
      await t.http.post('/api/contacts').set(as('m1')).send({ remarkName: '甲' }).expect(403);
    });
  });

  describe('editing', () => {
    it('updates only the fields sent, clears a field sent as null, and audits which fields (not their values)', async () => {
      const c = await add({ remarkName: '赵哥', realName: '赵强', relationship: '同事' });
      const res = await t.http.put(`/api/contacts/${c.contactId}`).set(as('a')).send({ remarkName: '老赵', relationship: null, agentTags: ['高意向'] }).expect(200);
      const edited = res.body as ContactDetailView;
      expect(edited.profile).toEqual(expect.objectContaining({ remarkName: '老赵', realName: '赵强', relationship: null, agentTags: ['高意向'] }));
      const [audit] = await rows(`SELECT detail FROM audit_entry WHERE action = 'contact.update' AND subject_id = ?`, [c.contactId]);
      expect(JSON.parse(String(audit.detail))).toEqual({ fields: 'remarkName,relationship,agentTags' });
      expect(String(audit.detail)).not.toContain('老赵');
    });

    it('keeps phones named by id, adds new ones, removes those left out', async () => {
      const c = await add({ remarkName: '钱姐', phones: [{ phone: '13511110001', basis: 'in_person' }, { phone: '13511110002', basis: 'business_card' }] });
      const [keep] = c.profile.phones;
      const edited = (await t.http.put(`/api/contacts/${c.contactId}`).set(as('a')).send({
        phones: [{ phoneId: keep.phoneId, basis: 'lead_form' }, { phone: '13511110003', basis: 'referral' }],
      }).expect(200)).body as ContactDetailView;
      expect(edited.profile.phones.map((p) => [p.masked, p.basis])).toEqual([['135****0001', 'lead_form'], ['135****0003', 'referral']]);
      expect(await count('SELECT COUNT(*) AS n FROM contact_phone WHERE contact_id = ?', [c.contactId])).toBe(2);
    });

    it('refuses a phone id of another contact with 400, and changes nothing', async () => {
      const other = await add({ remarkName: '孙', phones: [{ phone: '13522220001', basis: 'in_person' }] });
      const c = await add({ remarkName: '周', realName: '周一' });
      const res = await t.http.put(`/api/contacts/${c.contactId}`).set(as('a')).send({ realName: '周二', phones: [{ phoneId: other.profile.phones[0].phoneId, basis: 'in_person' }] }).expect(400);
      expect(res.body.error.details[0].field).toBe('phones.0.phoneId');
      expect((await detail(c.contactId)).profile.realName).toBe('周一');
    });

    it.each<[string, object, string]>([
      ['a score', { trust: 99 }, 'trust'],
      ['the stage', { stage: 8 }, 'stage'],
      ['the owner', { agentId: randomUUID() }, 'agentId'],
      ['a WeChat id WeChat would not allow', { wechatId: '我的微信' }, 'wechatId'],
      ['a family member with an unknown relation', { familyMembers: [{ name: '小明', relation: 'neighbour' }] }, 'familyMembers.0.relation'],
      ['a tag longer than 12', { agentTags: ['一二三四五六七八九十一二三'] }, 'agentTags'],
    ])('refuses %s with 400 and changes nothing', async (_name, body, field) => {
      const c = await add({ remarkName: '吴' });
      const before = await detail(c.contactId);
      const res = await t.http.put(`/api/contacts/${c.contactId}`).set(as('a')).send(body).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      const after = await detail(c.contactId);
      expect({ ...after, timeline: [] }).toEqual({ ...before, timeline: [] });
    });

    it('is 404 for another agent (even in the same team) and 403 for the team leader who can see it', async () => {
      const c = await add({ remarkName: '郑' });
      await t.http.put(`/api/contacts/${c.contactId}`).set(as('b')).send({ remarkName: 'x' }).expect(404);
      await t.http.put(`/api/contacts/${c.contactId}`).set(as('d')).send({ remarkName: 'x' }).expect(404);
      await t.http.get(`/api/contacts/${c.contactId}`).set(as('b')).expect(404);
      expect((await t.http.put(`/api/contacts/${c.contactId}`).set(as('lx')).send({ remarkName: 'x' }).expect(403)).body.error.code).toBe('not_owner');
      expect((await detail(c.contactId)).profile.remarkName).toBe('郑');
    });
  });

  describe('what the scorer takes from the profile', () => {
    it('policies held give trust points, explained, at once; taking them back takes the points back', async () => {
      const c = await add({ remarkName: '冯' });
      expect(c.trust).toBe(0);
      const held = (await t.http.put(`/api/contacts/${c.contactId}`).set(as('a')).send({ policiesHeld: 2 }).expect(200)).body as ContactDetailView;
      expect(held.trust).toBe(20);
      expect(held.explanations.map((e) => e.reason)).toContain('已持有2张保单');
      const none = (await t.http.put(`/api/contacts/${c.contactId}`).set(as('a')).send({ policiesHeld: 0 }).expect(200)).body as ContactDetailView;
      expect(none.trust).toBe(0);
    });

    it('a WeChat friend on record is reachable (stage 1) with the reason recorded', async () => {
      const stageReasons = async (contactId: string) => {
        const contact = await t.db.dataSource.getRepository(Contact).findOneByOrFail({ id: contactId });
        return (await explainStoredScore(t.db.dataSource, contact))?.stageEvidence.map((e) => e.reason);
      };
      const c = await add({ remarkName: '陈', wechatFriend: true });
      expect(await stageReasons(c.contactId)).toContain('已是微信好友，可触达');
      await t.http.put(`/api/contacts/${c.contactId}`).set(as('a')).send({ wechatFriend: false }).expect(200);
      expect(await stageReasons(c.contactId)).not.toContain('已是微信好友，可触达');
    });
  });

  it('a reader who came through a friend\'s forward says so, and by whom', async () => {
    const forwarder = await reader('book-forwarder');
    await t.http.put(`/api/contacts/${forwarder.contactId}`).set(as('a')).send({ remarkName: '老同学陈' }).expect(200);
    const child = (await t.http.post(`/api/shares/${encodeURIComponent(forwarder.shareId)}/forward`).set(bearer(forwarder.token)).send({ channel: 'friend' }).expect(201)).body.shareId as string;
    const friend = (await login(t, 'book-forwarded-friend')).token;
    const friendContact = (await t.http.post(`/api/shares/${encodeURIComponent(child)}/open`).set(bearer(friend)).expect(200)).body.contactId as string;
    const seen = await detail(friendContact);
    expect(seen.source).toBe('forward');
    expect(seen.profile.referredBy).toEqual({ contactId: forwarder.contactId, name: '老同学陈' });
    expect((await detail(forwarder.contactId)).profile.source).toBe('share');
  });

  describe('suggested messages', () => {
    const tasksOf = async (contactId: string) =>
      ((await t.http.get('/api/tasks/today?limit=100').set(as('a')).expect(200)).body.tasks as TaskView[]).filter((x) => x.contactId === contactId);

    it('never greet a reader as 微信访客, and use the remark name once the agent sets one', async () => {
      const { token, shareId, contactId } = await reader('book-greeting');
      const [first] = await tasksOf(contactId);
      expect(first.contactName).toMatch(/^微信访客/);
      expect(first.suggestedMessage).not.toContain('微信访客');
      expect(first.suggestedMessage.startsWith('您好')).toBe(true);
      await t.http.put(`/api/contacts/${contactId}`).set(as('a')).send({ remarkName: '张姐' }).expect(200);
      await t.http.post(`/api/tasks/${first.taskId}/done`).set(as('a')).expect(200);
      await t.http.post('/api/events').set(bearer(token)).send({
        sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), type: 'consult_tap', shareId, createdAtDeviceMs: t.clock.nowMs() }],
      }).expect(200);
      await t.services.scoringWorker.drain();
      const [next] = await tasksOf(contactId);
      expect(next.contactName).toBe('张姐');
      expect(next.suggestedMessage.startsWith('张姐')).toBe(true);
    });
  });

  describe('notes', () => {
    let contactId: string;
    let note: ContactNoteView;
    beforeAll(async () => {
      contactId = (await add({ remarkName: '褚' })).contactId;
    });

    it('the owning agent writes one; it shows in the timeline as theirs, and the leader sees it as not theirs', async () => {
      note = (await t.http.post(`/api/contacts/${contactId}/notes`).set(as('a')).send({ body: '孩子明年上小学，关注教育金' }).expect(201)).body;
      expect(note).toEqual(expect.objectContaining({ contactId, body: '孩子明年上小学，关注教育金', authorName: '员工a', mine: true }));
      expect((await detail(contactId)).timeline[0]).toEqual(expect.objectContaining({ eventId: note.noteId, type: 'note', note: note.body, noteAuthorName: '员工a', mine: true }));
      expect((await detail(contactId, 'lx')).timeline[0]).toEqual(expect.objectContaining({ eventId: note.noteId, mine: false }));
    });

    it('only the author edits or deletes it: the leader gets 403, another agent 404, and the note is unchanged', async () => {
      expect((await t.http.put(`/api/contacts/${contactId}/notes/${note.noteId}`).set(as('lx')).send({ body: '改' }).expect(403)).body.error.code).toBe('not_author');
      await t.http.delete(`/api/contacts/${contactId}/notes/${note.noteId}`).set(as('lx')).expect(403);
      await t.http.put(`/api/contacts/${contactId}/notes/${note.noteId}`).set(as('b')).send({ body: '改' }).expect(404);
      await t.http.delete(`/api/contacts/${contactId}/notes/${note.noteId}`).set(as('d')).expect(404);
      await t.http.post(`/api/contacts/${contactId}/notes`).set(as('lx')).send({ body: '组长的话' }).expect(403);
      expect((await detail(contactId)).timeline.filter((i) => i.type === 'note').map((i) => i.note)).toEqual(['孩子明年上小学，关注教育金']);
    });

    it('the author edits it; a blank body is refused', async () => {
      t.clock.advance(60_000);
      await t.http.put(`/api/contacts/${contactId}/notes/${note.noteId}`).set(as('a')).send({ body: '  ' }).expect(400);
      const edited = (await t.http.put(`/api/contacts/${contactId}/notes/${note.noteId}`).set(as('a')).send({ body: '孩子明年上小学，预算每年1万' }).expect(200)).body as ContactNoteView;
      expect(edited.body).toBe('孩子明年上小学，预算每年1万');
      expect(edited.updatedAt > edited.createdAt).toBe(true);
    });

    it('every write is audited by note id, never with its words', async () => {
      const audit = await rows(`SELECT action, detail FROM audit_entry WHERE subject_type = 'contact_note' AND subject_id = ? ORDER BY at_ms`, [note.noteId]);
      expect(audit.map((a) => a.action)).toEqual(['note.create', 'note.update']);
      expect(audit.map((a) => String(a.detail)).join()).not.toMatch(/孩子|预算/);
    });

    it('an action logged with words shows them in the timeline too', async () => {
      await t.http.post(`/api/contacts/${contactId}/actions`).set(as('a')).send({ clientEventId: randomUUID(), type: 'call', note: '约了周六见面' }).expect(201);
      const items = (await detail(contactId)).timeline;
      expect(items.find((i) => i.type === 'call')?.note).toBe('约了周六见面');
    });

    it('the author deletes it: 204, gone from the timeline, audited', async () => {
      const other = (await t.http.post(`/api/contacts/${contactId}/notes`).set(as('a')).send({ body: '临时' }).expect(201)).body as ContactNoteView;
      await t.http.delete(`/api/contacts/${contactId}/notes/${other.noteId}`).set(as('a')).expect(204);
      expect((await detail(contactId)).timeline.some((i) => i.eventId === other.noteId)).toBe(false);
      await t.http.delete(`/api/contacts/${contactId}/notes/${other.noteId}`).set(as('a')).expect(404);
      expect(await count(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'note.delete' AND subject_id = ?`, [other.noteId])).toBe(1);
    });

    it('are in the person\'s privacy export, and erasure removes notes and entered phones', async () => {
      const { token, contactId: readerId } = await reader('book-export');
      await t.http.put(`/api/contacts/${readerId}`).set(as('a')).send({ phones: [{ phone: '13633334444', basis: 'in_person' }] }).expect(200);
      await t.http.post(`/api/contacts/${readerId}/notes`).set(as('a')).send({ body: '喜欢周末联系' }).expect(201);
      const mine = (await t.http.get('/api/privacy/me/export').set(bearer(token)).expect(200)).body as PersonalDataExport;
      expect(mine.contacts[0].notes.map((n) => n.body)).toEqual(['喜欢周末联系']);
      expect(mine.contacts[0].phones).toEqual([{ phone: '13633334444', basis: 'in_person' }]);
      const byAgent = (await t.http.get(`/api/privacy/contacts/${readerId}/export`).set(as('a')).expect(200)).body as PersonalDataExport;
      expect(byAgent.contacts[0].phones).toEqual([{ phone: '136****4444', basis: 'in_person' }]);
      const deletion = (await t.http.delete(`/api/privacy/contacts/${readerId}`).set(as('op')).expect(200)).body as DeletionView;
      expect(deletion.deleted).toEqual(expect.objectContaining({ notes: 1, phones: 1 }));
      expect(await count('SELECT COUNT(*) AS n FROM contact_note WHERE contact_id = ?', [readerId])).toBe(0);
      expect(await count('SELECT COUNT(*) AS n FROM contact_phone WHERE contact_id = ?', [readerId])).toBe(0);
    });
  });

  describe('reveal-phone', () => {
    it('returns the first phone the agent entered, or the one named, and audits each reveal', async () => {
      const c = await add({ remarkName: '卫', phones: [{ phone: '13744445555', basis: 'in_person' }, { phone: '13744446666', basis: 'business_card' }] });
      expect((await t.http.post(`/api/contacts/${c.contactId}/reveal-phone`).set(as('a')).send({}).expect(200)).body).toEqual({ phone: '13744445555', from: 'agent' });
      const second = c.profile.phones[1].phoneId;
      expect((await t.http.post(`/api/contacts/${c.contactId}/reveal-phone`).set(as('a')).send({ phoneId: second }).expect(200)).body).toEqual({ phone: '13744446666', from: 'agent' });
      const audit = await rows(`SELECT subject_type, subject_id, actor_id FROM audit_entry WHERE action = 'phone.reveal' AND subject_type = 'contact_phone' AND subject_id IN (?, ?)`, c.profile.phones.map((p) => p.phoneId));
      expect(audit).toHaveLength(2);
      expect(audit.every((a) => a.actor_id === world.people.a.staffId)).toBe(true);
    });

    it('falls back to the latest lead\'s phone; a contact with none is 404 no_phone', async () => {
      const { contactId } = await reader('book-reveal-lead', 'a', '13855556666');
      expect((await t.http.post(`/api/contacts/${contactId}/reveal-phone`).set(as('a')).send({}).expect(200)).body).toEqual({ phone: '13855556666', from: 'lead' });
      const bare = await add({ remarkName: '蒋' });
      expect((await t.http.post(`/api/contacts/${bare.contactId}/reveal-phone`).set(as('a')).send({}).expect(404)).body.error.code).toBe('no_phone');
    });

    it('is for the owning agent only: the leader, another agent and a manager get 404, and nothing is audited', async () => {
      const c = await add({ remarkName: '沈', phones: [{ phone: '13766667777', basis: 'in_person' }] });
      const before = await count(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'phone.reveal'`);
      await t.http.post(`/api/contacts/${c.contactId}/reveal-phone`).set(as('lx')).send({}).expect(404);
      await t.http.post(`/api/contacts/${c.contactId}/reveal-phone`).set(as('b')).send({}).expect(404);
      await t.http.post(`/api/contacts/${c.contactId}/reveal-phone`).set(as('m1')).send({}).expect(403);
      const other = await add({ remarkName: '韩', phones: [{ phone: '13766668888', basis: 'in_person' }] });
      await t.http.post(`/api/contacts/${c.contactId}/reveal-phone`).set(as('a')).send({ phoneId: other.profile.phones[0].phoneId }).expect(404);
      expect(await count(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'phone.reveal'`)).toBe(before);
    });
  });

  describe('search and filters', () => {
    // Agent c's own book, so other tests' contacts do not blur the counts.
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      ids.yang = (await add({ remarkName: '杨姐', realName: '杨秀英', agentTags: ['P100', '宝妈'], phones: [{ phone: '13912348888', basis: 'in_person' }] }, 'c')).contactId;
      ids.zhu = (await add({ remarkName: '朱总', realName: '朱大明', agentTags: ['企业主'], phones: [{ phone: '13900008888', basis: 'business_card' }] }, 'c')).contactId;
      ids.qin = (await add({ remarkName: '秦老师', agentTags: ['P100'] }, 'c')).contactId;
      ids.reader = (await reader('book-search-reader', 'c', '13577779999')).contactId;
      await t.http.put(`/api/contacts/${ids.reader}`).set(as('c')).send({ remarkName: '许阿姨' }).expect(200);
    });

    it.each<[string, Record<string, string | number>, string[]]>([
      ['the remark name, in part', { q: '杨' }, ['杨姐']],
      ['the real name', { q: '大明' }, ['朱总']],
      ['the name from the lead form', { q: '周女士' }, ['许阿姨']],
      ['the agent\'s tag', { q: '宝妈' }, ['杨姐']],
      ['the last 4 digits of entered phones', { q: '8888' }, ['朱总', '杨姐']],
      ['the last 4 digits of a lead\'s phone', { q: '9999' }, ['许阿姨']],
      ['a whole phone', { q: '13912348888' }, ['杨姐']],
      ['4 digits no phone ends with', { q: '0000' }, []],
      ['a % is a character, not a wildcard', { q: '%' }, []],
      ['the punctuation between stored tags is not a tag', { q: '","' }, []],
      ['an exact own tag', { agentTag: 'P100' }, ['杨姐', '秦老师']],
      ['the source', { source: 'manual' }, ['朱总', '杨姐', '秦老师']],
      ['the source of a reader', { source: 'share' }, ['许阿姨']],
      ['the stage', { stage: 3 }, ['许阿姨']],
      ['the cell', { cell: 'low-low' }, ['朱总', '杨姐', '秦老师', '许阿姨']],
      ['a cell nobody is in', { cell: 'high-high' }, []],
      ['the referral class', { referral: 'indifferent' }, ['朱总', '杨姐', '秦老师', '许阿姨']],
      ['touched within 7 days', { lastTouchWithinDays: 7 }, ['许阿姨']],
      ['silent for 7 days or never touched', { silentForDays: 7 }, ['朱总', '杨姐', '秦老师']],
      ['search and filter together', { q: 'P100', source: 'manual' }, ['杨姐', '秦老师']],
    ])('by %s', async (_name, query, expected) => {
      expect(await search(query, 'c')).toEqual(expected);
    });

    it('a reader touched 10 days ago is silent for 7 and no longer touched within 7', async () => {
      t.clock.advance(10 * DAY_MS);
      try {
        expect(await search({ lastTouchWithinDays: 7 }, 'c')).toEqual([]);
        expect(await search({ silentForDays: 7 }, 'c')).toEqual(['朱总', '杨姐', '秦老师', '许阿姨']);
      } finally {
        t.clock.advance(-10 * DAY_MS);
      }
    });

    it('finds only the caller\'s contacts: another agent searching the same words finds none of them', async () => {
      expect(await search({ q: '杨' }, 'd')).toEqual([]);
      expect(await search({ q: '13912348888' }, 'a')).toEqual([]);
      // The team leader of c's team sees them; a manager of another branch does not.
      expect(await search({ q: '杨' }, 'ly')).toEqual(['杨姐']);
      expect(await search({ q: '杨' }, 'm2')).toEqual([]);
    });

    it.each<[string, Record<string, string>, string]>([
      ['a query over 40 characters', { q: 'x'.repeat(41) }, 'q'],
      ['a control character', { q: 'a\u0001b' }, 'q'],
      ['zero days', { lastTouchWithinDays: '0' }, 'lastTouchWithinDays'],
      ['days that are not a number', { silentForDays: 'week' }, 'silentForDays'],
      ['an unknown source', { source: 'magic' }, 'source'],
      ['an unknown parameter', { owner: 'me' }, 'owner'],
    ])('refuses %s with 400 naming the field', async (_name, query, field) => {
      const res = await t.http.get('/api/contacts').query(query).set(as('c')).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('an agent with 2,000 contacts gets a search answer quickly (figure printed)', async () => {
      const agent = world.people.c.staffId;
      const now = t.clock.nowMs();
      const values = Array.from({ length: 2000 }, (_, i) => [randomUUID(), agent, `访客${i}`, `备注${i}`, JSON.stringify([`标签${i % 50}`]), now - i * 60_000, now]);
      for (let i = 0; i < values.length; i += 200) {
        const chunk = values.slice(i, i + 200);
        await t.db.dataSource.query(
          `INSERT INTO contact (id, agent_id, display_name, remark_name, agent_tags, last_touch_at_ms, created_at_ms) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flat(),
        );
      }
      const started = process.hrtime.bigint();
      const found = (await t.http.get('/api/contacts').query({ q: '备注1999' }).set(as('c')).expect(200)).body as Page<ContactSummaryView>;
      const tagged = (await t.http.get('/api/contacts').query({ q: '8888', pageSize: 5 }).set(as('c')).expect(200)).body as Page<ContactSummaryView>;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      process.stdout.write(`contact search over 2,000 contacts: two searches in ${ms.toFixed(0)} ms\n`);
      expect(found.items.map((c) => c.displayName)).toEqual(['备注1999']);
      expect(tagged.total).toBe(2);
      expect(ms).toBeLessThan(2000);
    });
  });
});
