import { runInNewContext } from 'node:vm';
import { randomUUID } from 'node:crypto';
import { ERROR_CODES, ERROR_MESSAGES_ZH, type ApiErrorBody, type ShareMoreView } from '@kejing/shared';
import { bearer, buildWorld, login, publishContent, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const CHINESE = /[\u4e00-\u9fff]/;

/** An error answer as a person meets it: a known code, a Chinese message, each field named and explained in Chinese. */
function expectChinese(body: ApiErrorBody, code: string): void {
  expect(body.error.code).toBe(code);
  expect(ERROR_CODES).toContain(body.error.code);
  expect(body.error.message).toMatch(CHINESE);
  for (const detail of body.error.details ?? []) {
    expect(detail.label).toMatch(CHINESE);
    expect(detail.reason).toMatch(CHINESE);
  }
}

/** Issue 16.1: every error carries a stable code and Chinese that says what to do next; a retired share still has a page. */
describe('errors in Chinese by code, and the retired-share page (issue 16.1)', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000); // MariaDB: a fresh database and every migration per test file
  afterAll(() => t.close());

  const as = (key: string) => bearer((world.people[key] as { token: string }).token);
  const share = async (versionId: string, agent = 'a') =>
    (await t.http.post('/api/shares').set(as(agent)).send({ contentVersionId: versionId, channel: 'friend' }).expect(201)).body.shareId as string;
  const publish = (title: string) => publishContent(t, world.people, { kind: 'article', title, summary: `${title}的摘要`, bodyHtml: '<p>正文</p>', tags: ['need:critical_illness'] });

  describe('a retired share', () => {
    it('answers 410 share_retired on open, and …/more gives the agent\'s card and their other live shares, never the retired item, a forward or another agent\'s', async () => {
      const retiring = await publish('即将下架的文章');
      const other = await publish('顾问的另一篇文章');
      const othersOnly = await publish('别的顾问分享的文章');
      const oldShare = await share(retiring.versionId);
      const live = await share(other.versionId);
      await share(world.versionId);
      await share(othersOnly.versionId, 'b');
      const reader = (await login(t, `retired-reader-${randomUUID().slice(0, 8)}`)).token;
      // A reader's forward of the live article is a child share: it must not be offered as the agent's.
      await t.http.post(`/api/shares/${encodeURIComponent(live)}/forward`).set(bearer(reader)).send({ channel: 'friend' }).expect(201);
      await t.http.post(`/api/operator/content/${retiring.itemId}/retire`).set(as('op')).send({}).expect(200);

      const opened = await t.http.post(`/api/shares/${encodeURIComponent(oldShare)}/open`).set(bearer(reader)).expect(410);
      expectChinese(opened.body, 'share_retired');
      expect(opened.body.error.message).toContain('该内容已下架');

      const more = (await t.http.get(`/api/shares/${encodeURIComponent(oldShare)}/more`).set(bearer(reader)).expect(200)).body as ShareMoreView;
      expect(more.retired).toBe(true);
      expect(more.agent).toMatchObject({ agentId: world.people.a?.staffId, name: '员工a', companyName: '客经人寿保险股份有限公司' });
      // Newest first; the test clock stands still, so the two are compared as a set.
      expect(more.more.map((m) => m.title).sort()).toEqual(['重疾险的三个误区', '顾问的另一篇文章'].sort());
      // Each offered share opens, as the agent's own, for this reader.
      const next = more.more.find((m) => m.title === '顾问的另一篇文章')?.shareId as string;
      expect(next).toBe(live);
      expect((await t.http.post(`/api/shares/${encodeURIComponent(next)}/open`).set(bearer(reader)).expect(200)).body.content.title).toBe('顾问的另一篇文章');
    });

    it('…/more of a live share says it is not retired', async () => {
      const reader = (await login(t, `live-reader-${randomUUID().slice(0, 8)}`)).token;
      const more = (await t.http.get(`/api/shares/${encodeURIComponent(await share(world.versionId, 'c'))}/more`).set(bearer(reader)).expect(200)).body as ShareMoreView;
      expect(more).toMatchObject({ retired: false, more: [] });
    });
  });

  it('an invalid link answers 404 share_invalid in Chinese, on open and on …/more', async () => {
    const reader = (await login(t, `invalid-reader-${randomUUID().slice(0, 8)}`)).token;
    const forged = `${(await share(world.versionId)).slice(0, -4)}AAAA`;
    expectChinese((await t.http.post(`/api/shares/${encodeURIComponent(forged)}/open`).set(bearer(reader)).expect(404)).body, 'share_invalid');
    expectChinese((await t.http.get(`/api/shares/${encodeURIComponent(forged)}/more`).set(bearer(reader)).expect(404)).body, 'share_invalid');
  });

  it('a wrong invite code says so in Chinese, on the field, and what to do', async () => {
    const session = await login(t, `wrong-invite-${randomUUID().slice(0, 8)}`);
    const res = await t.http.post('/api/auth/bind').set(bearer(session.token)).send({ inviteCode: 'ABCDEFGH' }).expect(400);
    expectChinese(res.body, 'invite_code_invalid');
    expect(res.body.error.message).toContain('请核对');
    expect(res.body.error.details).toEqual([{ field: 'inviteCode', label: '邀请码', reason: expect.stringContaining('邀请码不正确') }]);
  });

  it('a DTO refusal names the field in Chinese and says why in Chinese, in the message too', async () => {
    const res = await t.http.post('/api/contacts').set(as('a')).send({ name: '王姐', phones: [{ phone: '123' }], surprise: 1 }).expect(400);
    expectChinese(res.body, 'field_invalid');
    const byField = Object.fromEntries((res.body as ApiErrorBody).error.details?.map((d) => [d.field, d]) ?? []);
    expect(byField.surprise).toMatchObject({ label: '填写的内容', reason: expect.stringContaining('不是可以提交的字段') });
    // The message names the first field in Chinese and counts the rest.
    expect(res.body.error.message).toMatch(/^[\u4e00-\u9fff]+：.+（另有 \d+ 处需要修改）$/);
  });

  it.each([
    ['401 without a session', 'get', '/api/me', undefined, 401, 'unauthorized'],
    ['403 for a role that may not', 'get', '/api/operator/content', 'a', 403, 'forbidden'],
    ['404 for an unknown endpoint', 'get', '/api/no-such-thing', 'a', 404, 'not_found'],
    ['404 for a contact that is not there', 'get', `/api/contacts/${randomUUID()}`, 'a', 404, 'contact_not_found'],
  ] as const)('%s: Chinese by code', async (_what, method, path, who, status, code) => {
    const req = t.http[method](path);
    const res = await (who ? req.set(as(who)) : req).expect(status);
    expectChinese(res.body, code);
  });

  it('409: a four-eyes refusal is a code the operator page can name, in Chinese', async () => {
    const itemId = (await t.http.post('/api/operator/content').set(as('op')).send({ kind: 'article', title: '自审', bodyHtml: '<p>正文</p>', tags: ['need:critical_illness'] }).expect(201)).body.itemId as string;
    await t.http.post(`/api/operator/content/${itemId}/submit`).set(as('op')).send({}).expect(200);
    const res = await t.http.post(`/api/operator/content/${itemId}/approve`).set(as('op')).send({}).expect(409);
    expectChinese(res.body, 'four_eyes_self_approval');
  });

  it.each(['/operator', '/admin'])('%s/error-messages.js serves the table: the console shows the Chinese for a code', async (page) => {
    const res = await t.http.get(`${page}/error-messages.js`).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    const window: { KEJING_ERRORS?: { text: (body: unknown, status: number) => string; field: (name: string) => string } } = {};
    runInNewContext(res.text, { window });
    const errors = window.KEJING_ERRORS as NonNullable<typeof window.KEJING_ERRORS>;
    expect(errors.text({ error: { code: 'four_eyes_self_approval', message: 'a version is approved by someone else' } }, 409)).toBe(ERROR_MESSAGES_ZH.four_eyes_self_approval);
    expect(errors.text({ error: { code: 'duplicate_phone', message: '该手机号已在客户「李总」名下' } }, 409)).toBe('该手机号已在客户「李总」名下');
    expect(errors.text(null, 502)).toMatch(CHINESE);
    expect(errors.field('bodyHtml')).toBe('正文');
    expect(errors.field('phones.1.phone')).toBe('手机号');
  });
});
