import type { FieldError } from '@kejing/shared';
import { bearer, bootstrapAuth, buildWorld, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

/**
 * Every text that can reach a customer passes one check, the operators' forbidden words and then
 * WeChat's content-security check, whichever door it comes through. These are the doors that
 * used to let it by: admin content, follow-up rule messages, the agent's card.
 */
describe('compliance has no side doors (issue 11, item 9)', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    // The world's first admin is bound to WeChat: admin content is checked on their behalf.
    world.people.ad = { token: world.admin.token, staffId: world.admin.staffId };
  }, 60_000);
  afterAll(() => t.close());

  const as = (who: string) => bearer((world.people[who] as { token: string }).token);
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);
  const refusals = () => count("SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'compliance.refused'");
  const secChecks = () => t.wechat.calls.filter((c) => c.path === '/wxa/msg_sec_check').length;
  const wordsIn = (details: FieldError[]) => details.map((d) => d.reason.match(/禁用词“(.+?)”/)?.[1]).sort();

  describe('POST /api/admin/content', () => {
    const items = () => count('SELECT COUNT(*) AS n FROM content_item');
    it('refuses 稳赚不赔 / 保证收益 / 绝对安全 with 422 naming each word and field in Chinese, publishes nothing, and audits the refusal', async () => {
      const [before, refusedBefore] = [await items(), await refusals()];
      const res = await t.http.post('/api/admin/content').set(as('ad')).send({
        kind: 'article', title: '年金险稳赚不赔', summary: '保证收益', bodyHtml: '<p>绝对安全的选择</p>', tags: ['need:annuity'],
      }).expect(422);
      expect(res.body.error.code).toBe('forbidden_words');
      expect(res.body.error.message).toMatch(/合规检查未通过.*“稳赚不赔”/);
      expect(res.body.error.details.map((d: FieldError) => d.field).sort()).toEqual(expect.arrayContaining(['bodyHtml', 'summary', 'title']));
      expect(wordsIn(res.body.error.details)).toEqual(expect.arrayContaining(['保证收益', '稳赚不赔', '绝对安全']));
      expect(res.body.error.details.find((d: FieldError) => d.field === 'summary').reason).toMatch(/^摘要含有禁用词“保证收益”/);
      expect(await items()).toBe(before);
      expect(await refusals()).toBe(refusedBefore + 1);
    });

    it("asks WeChat on the admin's behalf and refuses what WeChat calls risky (422 wechat_sec_check_failed)", async () => {
      const [before, checksBefore] = [await items(), secChecks()];
      const res = await t.http.post('/api/admin/content').set(as('ad')).send({ kind: 'article', title: '理财小知识', bodyHtml: '<p>线上博彩也能理财</p>', tags: ['need:annuity'] }).expect(422);
      expect(res.body.error.code).toBe('wechat_sec_check_failed');
      expect(res.body.error.message).toMatch(/微信内容安全检测未通过/);
      expect(secChecks()).toBeGreaterThan(checksBefore);
      const call = t.wechat.calls.filter((c) => c.path === '/wxa/msg_sec_check').at(-1);
      expect(call?.body?.openid).toEqual(expect.stringMatching(/^openid-/));
      expect(await items()).toBe(before);
    });

    it('publishes clean text once both checks pass, and the audit log says so with WeChat\'s trace id', async () => {
      const res = await t.http.post('/api/admin/content').set(as('ad')).send({ kind: 'article', title: '养老规划三步走', bodyHtml: '<p>先算缺口</p>', tags: ['need:retirement'] }).expect(201);
      const audit = await t.db.dataSource.query("SELECT detail FROM audit_entry WHERE action = 'content.created_approved' AND subject_id = ?", [res.body.itemId]);
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit[0].detail)).toMatch(/fake-trace-/);
    });

    it('refuses the bootstrap token (no WeChat identity to check on behalf of, and retired once an admin is bound), nothing published', async () => {
      const before = await items();
      await t.http.post('/api/admin/content').set(bootstrapAuth(t)).send({ kind: 'article', title: '养老规划', tags: ['need:retirement'] }).expect(401);
      expect(await items()).toBe(before);
    });
  });

  describe('PUT /api/follow-up-rules', () => {
    const ruleSets = () => count('SELECT COUNT(*) AS n FROM follow_up_rule_set');
    const currentRules = async () => (await t.http.get('/api/follow-up-rules').set(as('op')).expect(200)).body.rules as { task: { messageTemplate: string; action: string } }[];

    it('refuses a message "绝对安全，全国第一，代替存款" with 422 naming the rule and every word, and publishes nothing', async () => {
      const rules = await currentRules();
      const [before, refusedBefore] = [await ruleSets(), await refusals()];
      const changed = rules.map((r, i) => (i === 1 ? { ...r, task: { ...r.task, messageTemplate: '{contactName}您好，这款产品绝对安全，全国第一，代替存款' } } : r));
      const res = await t.http.put('/api/follow-up-rules').set(as('op')).send({ rules: changed }).expect(422);
      expect(res.body.error.code).toBe('forbidden_words');
      expect(res.body.error.details.every((d: FieldError) => d.index === 1 && d.field === 'task.messageTemplate')).toBe(true);
      expect(wordsIn(res.body.error.details)).toEqual(['代替存款', '全国第一', '绝对安全']);
      expect(res.body.error.details[0].reason).toMatch(/^规则“.+”的建议话术含有禁用词/);
      expect(await ruleSets()).toBe(before);
      expect(await refusals()).toBe(refusedBefore + 1);
    });

    it('refuses a phrase of the old ten-phrase list (收益率), now one of the operators\' words', async () => {
      const rules = await currentRules();
      const changed = rules.map((r, i) => (i === 0 ? { ...r, task: { ...r.task, action: '给客户讲清楚收益率' } } : r));
      const res = await t.http.put('/api/follow-up-rules').set(as('op')).send({ rules: changed }).expect(422);
      expect(res.body.error.details).toEqual([expect.objectContaining({ index: 0, field: 'task.action' })]);
    });

    it('sends a changed message to WeChat and refuses what it calls risky; unchanged messages are not asked about again', async () => {
      const rules = await currentRules();
      const checksBefore = secChecks();
      const changed = rules.map((r, i) => (i === 2 ? { ...r, task: { ...r.task, messageTemplate: '{contactName}您好，周末一起去博彩吗' } } : r));
      const res = await t.http.put('/api/follow-up-rules').set(as('op')).send({ rules: changed }).expect(422);
      expect(res.body.error.code).toBe('wechat_sec_check_failed');
      expect(res.body.error.details).toEqual([expect.objectContaining({ index: 2, field: 'task.messageTemplate' })]);
      expect(secChecks() - checksBefore).toBe(1);
    });

    it('publishes the unchanged default set (every text meets the word list; none needs WeChat again) and a clean new message', async () => {
      const rules = await currentRules();
      await t.http.put('/api/follow-up-rules').set(as('op')).send({ rules }).expect(200);
      const changed = rules.map((r, i) => (i === 0 ? { ...r, task: { ...r.task, messageTemplate: '{contactName}您好，我是{agentName}，有空聊聊家庭保障吗？' } } : r));
      const published = await t.http.put('/api/follow-up-rules').set(as('op')).send({ rules: changed }).expect(200);
      expect(published.body.rules[0].task.messageTemplate).toContain('家庭保障');
    });
  });

  describe('PUT /api/card', () => {
    const card = async () => (await t.http.get('/api/card').set(as('a')).expect(200)).body as { name: string; intro: string | null };

    it.each([
      ['name', { name: '保证收益稳赚不赔' }, ['保证收益', '稳赚', '稳赚不赔'], /^名片姓名含有禁用词/],
      ['intro', { intro: '保证收益稳赚不赔，找我没错' }, ['保证收益', '稳赚', '稳赚不赔'], /^名片简介含有禁用词/],
    ])('refuses forbidden words in the %s with 422 naming them, and changes nothing', async (field, body, words, reason) => {
      const [before, refusedBefore] = [await card(), await refusals()];
      const res = await t.http.put('/api/card').set(as('a')).send(body).expect(422);
      expect(res.body.error.code).toBe('forbidden_words');
      expect(res.body.error.details.every((d: FieldError) => d.field === field)).toBe(true);
      expect(wordsIn(res.body.error.details)).toEqual(words);
      expect(res.body.error.details[0].reason).toMatch(reason);
      expect(await card()).toEqual(before);
      expect(await refusals()).toBe(refusedBefore + 1);
    });

    it("refuses an intro WeChat calls risky, asked on the agent's own behalf", async () => {
      const before = await card();
      const res = await t.http.put('/api/card').set(as('a')).send({ intro: '兼职代开发票' }).expect(422);
      expect(res.body.error.code).toBe('wechat_sec_check_failed');
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'intro' })]);
      expect(await card()).toEqual(before);
    });

    it('applies a word an operator adds to the list at once, at this door too', async () => {
      await t.http.post('/api/operator/forbidden-words').set(as('op')).send({ word: '包你发财', category: 'guaranteed_returns' }).expect(201);
      const res = await t.http.put('/api/card').set(as('a')).send({ intro: '跟我买，包 你 发 财' }).expect(422);
      expect(wordsIn(res.body.error.details)).toEqual(['包你发财']);
    });

    it('saves a clean card and audits the change with the WeChat trace id', async () => {
      const res = await t.http.put('/api/card').set(as('a')).send({ name: '王晓梅', intro: '十年从业，专注家庭保障规划' }).expect(200);
      expect(res.body.intro).toBe('十年从业，专注家庭保障规划');
      const audit = await t.db.dataSource.query("SELECT detail FROM audit_entry WHERE action = 'card.updated' AND subject_id = ?", [world.people.a?.staffId]);
      expect(audit.length).toBeGreaterThan(0);
      expect(JSON.stringify(audit.at(-1).detail)).toMatch(/fake-trace-/);
    });
  });
});
