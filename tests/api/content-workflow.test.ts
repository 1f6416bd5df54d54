import {
  CONTENT_FIELD_NAMES_ZH, CONTENT_HISTORY_ACTION_NAMES_ZH, CONTENT_KIND_NAMES_ZH, CONTENT_METRIC_NAMES_ZH, CONTENT_METRICS, CONTENT_STATUS_NAMES_ZH,
  FORBIDDEN_WORD_CATEGORY_NAMES_ZH, LIVE_STATUS_NAMES_ZH, STAFF_ROLE_NAMES_ZH, TAG_FAMILY_NAMES_ZH, type ContentReviewStatus, type OperatorContentDetailView,
} from '@kejing/shared';
import { adminAuth, bearer, bootstrapAuth, buildWorld, login, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

/** The content platform over HTTP: review workflow, audit, forbidden words, WeChat check, pinning, visibility, tags. */
describe('the content platform (issue 5)', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000); // MariaDB: a fresh database and every migration per test file
  afterAll(() => t.close());

  const as = (key: string) => bearer((world.people[key] as { token: string }).token);
  const op = () => as('op');
  const draft = (overrides: Record<string, unknown> = {}) => ({
    kind: 'article', title: '重疾险保额怎么定', summary: '三到五年收入是参考线',
    bodyHtml: '<h2>保额</h2><p>保额应覆盖三到五年的收入与治疗费用。</p>', tags: ['need:critical_illness', 'stage:3'], ...overrides,
  });
  const create = async (overrides: Record<string, unknown> = {}) =>
    (await t.http.post('/api/operator/content').set(op()).send(draft(overrides)).expect(201)).body as OperatorContentDetailView;
  /** Approval is op2's: op writes and submits, and four eyes means someone else approves. */
  const reviewer = () => as('op2');
  const act = (itemId: string, action: string, body: object = {}, auth = action === 'approve' ? reviewer() : op()) =>
    t.http.post(`/api/operator/content/${itemId}/${action}`).set(auth).send(body);
  const edit = (itemId: string, overrides: Record<string, unknown> = {}) => {
    const { kind: _kind, ...body } = draft(overrides);
    return t.http.put(`/api/operator/content/${itemId}`).set(op()).send(body);
  };
  const detail = async (itemId: string) => (await t.http.get(`/api/operator/content/${itemId}`).set(op()).expect(200)).body as OperatorContentDetailView;
  const share = (versionId: string, agent = 'a') => t.http.post('/api/shares').set(as(agent)).send({ contentVersionId: versionId, channel: 'friend' });

  /** An item brought to a state through the API itself. */
  async function itemIn(state: ContentReviewStatus, published = false): Promise<string> {
    const { itemId } = await create({ title: `状态 ${state}` });
    if (published) {
      await act(itemId, 'submit').expect(200);
      await act(itemId, 'approve').expect(200);
      if (state !== 'approved' && state !== 'retired') await edit(itemId, { title: `状态 ${state}（修订）` }).expect(200);
    }
    if (state === 'draft' || (published && state === 'approved')) return itemId;
    if (state === 'retired') {
      if (!published) {
        await act(itemId, 'submit').expect(200);
        await act(itemId, 'approve').expect(200);
      }
      await act(itemId, 'retire').expect(200);
      return itemId;
    }
    await act(itemId, 'submit').expect(200);
    if (state === 'approved') await act(itemId, 'approve').expect(200);
    if (state === 'rejected') await act(itemId, 'reject', { reason: '请补充免责条款' }).expect(200);
    return itemId;
  }

  describe('four eyes: a version is approved by someone who neither wrote nor submitted it', () => {
    it('refuses the operator who submitted (409), leaving the item in review and no approval in the audit log', async () => {
      const { itemId } = await create({ title: '自己提交自己审' });
      await act(itemId, 'submit').expect(200);
      const res = await act(itemId, 'approve', {}, op()).expect(409);
      expect(res.body.error.code).toBe('four_eyes_self_approval');
      const after = await detail(itemId);
      expect(after.status).toBe('in_review');
      expect(after.history.map((h) => h.action)).not.toContain('content.approved');
      await act(itemId, 'approve').expect(200);
    });

    it('refuses the writer too when someone else submitted, and the submitter; another operator approves', async () => {
      const { itemId } = await create({ title: '写的人和提交的人都不能审' });
      await act(itemId, 'submit', {}, as('op2')).expect(200);
      expect((await act(itemId, 'approve', {}, op()).expect(409)).body.error.code).toBe('four_eyes_self_approval');
      expect((await act(itemId, 'approve', {}, as('op2')).expect(409)).body.error.code).toBe('four_eyes_self_approval');
      // An admin who neither wrote nor submitted it is a second pair of eyes.
      await act(itemId, 'approve', {}, adminAuth(world)).expect(200);
      expect((await detail(itemId)).status).toBe('approved');
    });

    it('tells each caller whether they may approve, who wrote and submitted the version, and whom to ask instead', async () => {
      const { itemId } = await create({ title: '谁能审这一版' });
      await act(itemId, 'submit', {}, as('op2')).expect(200);
      const seenBy = async (auth: Record<string, string>) => (await t.http.get(`/api/operator/content/${itemId}`).set(auth).expect(200)).body as OperatorContentDetailView;
      const writer = await seenBy(op());
      expect(writer.review).toMatchObject({ authorName: '员工op', submitterName: '员工op2', callerMayApprove: false });
      // Neither the writer nor the submitter is offered as a reviewer; the admin, who did neither, is.
      expect(writer.review.reviewerNames).toContain('管理员');
      expect(writer.review.reviewerNames).not.toContain('员工op');
      expect(writer.review.reviewerNames).not.toContain('员工op2');
      expect((await seenBy(as('op2'))).review.callerMayApprove).toBe(false);
      expect((await seenBy(adminAuth(world))).review.callerMayApprove).toBe(true);
      // What the page is told matches what the server does.
      expect((await act(itemId, 'approve', {}, op()).expect(409)).body.error.code).toBe('four_eyes_self_approval');
      const approved = (await act(itemId, 'approve', {}, adminAuth(world)).expect(200)).body as OperatorContentDetailView;
      expect(approved.status).toBe('approved');
    });

    it('says a draft has no submitter yet, and after an edit names the editor as the new version\'s author', async () => {
      const { itemId, review } = await create({ title: '草稿的作者' });
      expect(review).toMatchObject({ authorName: '员工op', submitterName: null, callerMayApprove: false });
      await t.http.put(`/api/operator/content/${itemId}`).set(as('op2')).send({ title: '草稿的作者（op2 改）', bodyHtml: '<p>改过</p>', tags: ['need:medical'] }).expect(200);
      const after = await detail(itemId);
      expect(after.review).toMatchObject({ authorName: '员工op2', submitterName: null, callerMayApprove: true });
    });

    it('lets one operator approve their own submission where the rule is turned off (a team with one operator)', async () => {
      const solo = await startTestApp({ contentReview: { fourEyes: false } });
      try {
        const soloWorld = await buildWorld(solo);
        const auth = bearer((soloWorld.people.op as { token: string }).token);
        const { itemId } = (await solo.http.post('/api/operator/content').set(auth).send(draft({ title: '一个人的团队' })).expect(201)).body as OperatorContentDetailView;
        const submitted = (await solo.http.post(`/api/operator/content/${itemId}/submit`).set(auth).send({}).expect(200)).body as OperatorContentDetailView;
        expect(submitted.review.callerMayApprove).toBe(true);
        await solo.http.post(`/api/operator/content/${itemId}/approve`).set(auth).send({}).expect(200);
      } finally {
        await solo.close();
      }
    }, 60_000);
  });

  describe('the state machine over HTTP', () => {
    const perform: Record<string, (itemId: string) => ReturnType<typeof act>> = {
      edit: (itemId) => edit(itemId, { title: '改一改' }),
      submit: (itemId) => act(itemId, 'submit'),
      approve: (itemId) => act(itemId, 'approve'),
      reject: (itemId) => act(itemId, 'reject', { reason: '不合规' }),
      retire: (itemId) => act(itemId, 'retire'),
    };
    // [from, published before?, action, expected status or 409]
    const table: [ContentReviewStatus, boolean, string, ContentReviewStatus | 409][] = [
      ['draft', false, 'edit', 'draft'], ['draft', false, 'submit', 'in_review'], ['draft', false, 'approve', 409], ['draft', false, 'reject', 409], ['draft', false, 'retire', 409],
      ['in_review', false, 'edit', 409], ['in_review', false, 'submit', 409], ['in_review', false, 'approve', 'approved'], ['in_review', false, 'reject', 'rejected'], ['in_review', false, 'retire', 409],
      ['approved', false, 'edit', 'draft'], ['approved', false, 'submit', 409], ['approved', false, 'approve', 409], ['approved', false, 'reject', 409], ['approved', false, 'retire', 'retired'],
      ['rejected', false, 'edit', 'draft'], ['rejected', false, 'submit', 409], ['rejected', false, 'approve', 409], ['rejected', false, 'reject', 409], ['rejected', false, 'retire', 'retired'],
      ['retired', false, 'edit', 409], ['retired', false, 'submit', 409], ['retired', false, 'approve', 409], ['retired', false, 'reject', 409], ['retired', false, 'retire', 409],
      // A published item being revised can still be withdrawn at once.
      ['draft', true, 'retire', 'retired'], ['in_review', true, 'retire', 'retired'], ['in_review', true, 'edit', 409],
    ];

    it.each(table)('from %s (published before: %s), %s gives %s', async (from, published, action, expected) => {
      const itemId = await itemIn(from, published);
      const before = await detail(itemId);
      expect(before.status).toBe(from);
      const res = await (perform[action] as (id: string) => ReturnType<typeof act>)(itemId);
      const after = await detail(itemId);
      if (expected === 409) {
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('illegal_transition');
        expect(after.status).toBe(from);
        expect(after.versions).toHaveLength(before.versions.length);
        expect(after.history).toHaveLength(before.history.length);
      } else {
        expect(res.status).toBe(200);
        expect(after.status).toBe(expected);
      }
    });

    it('asks for a reason to reject', async () => {
      const itemId = await itemIn('in_review');
      expect((await act(itemId, 'reject', {}).expect(400)).body.error.details[0].field).toBe('reason');
      await act(itemId, 'reject', { reason: '   ' }).expect(400);
      await act(itemId, 'reject', { reason: '收益演示需按监管口径' }).expect(200);
      const { versions } = await detail(itemId);
      expect(versions[0]).toMatchObject({ status: 'rejected', rejectionReason: '收益演示需按监管口径' });
    });

    it('writes every transition to the audit log with who and when', async () => {
      const itemId = await itemIn('rejected');
      await edit(itemId, { title: '重疾险保额怎么定（修订）' }).expect(200);
      t.clock.advance(60_000);
      await act(itemId, 'submit').expect(200);
      await act(itemId, 'approve').expect(200);
      t.clock.advance(60_000);
      await act(itemId, 'retire', { reason: '产品停售' }, adminAuth(world)).expect(200);
      const { history } = await detail(itemId);
      expect(history.map((h) => [h.action, h.detail?.from ?? null, h.detail?.to ?? null])).toEqual([
        ['content.created', null, 'draft'], ['content.submitted', 'draft', 'in_review'], ['content.rejected', 'in_review', 'rejected'],
        ['content.edited', 'rejected', 'draft'], ['content.submitted', 'draft', 'in_review'], ['content.approved', 'in_review', 'approved'],
        ['content.retired', 'approved', 'retired'],
      ]);
      const staffOp = (world.people.op as { staffId: string }).staffId;
      const staffOp2 = (world.people.op2 as { staffId: string }).staffId;
      expect(history.slice(0, 5).every((h) => h.actorId === staffOp && h.actorName === '员工op')).toBe(true);
      expect(history[5]).toMatchObject({ action: 'content.approved', actorId: staffOp2, actorName: '员工op2' });
      expect(history[6]).toMatchObject({ actorId: world.admin.staffId, actorName: '管理员', detail: expect.objectContaining({ actorRole: 'admin', reason: '产品停售' }) });
      expect(history[2]?.detail?.reason).toBe('请补充免责条款');
      expect(history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
      expect(Date.parse(history[6]?.at as string) - Date.parse(history[0]?.at as string)).toBe(120_000);
    });
  });

  describe('only approved content is shared', () => {
    it.each(['draft', 'in_review', 'rejected', 'retired'] as const)('refuses to share a %s version with 403', async (state) => {
      const itemId = await itemIn(state);
      const { latestVersionId } = await detail(itemId);
      const res = await share(latestVersionId).expect(403);
      expect(res.body.error.code).toBe('content_not_approved');
    });

    it('shares an approved version', async () => {
      const itemId = await itemIn('approved');
      await share((await detail(itemId)).latestVersionId).expect(201);
    });
  });

  describe('immutable versions and pinned shares', () => {
    it('keeps an old share on its version after an edit, shares new text only once approved, and ends every share at retirement', async () => {
      const itemId = await itemIn('approved');
      const v1 = (await detail(itemId)).latestVersionId;
      const oldShare = (await share(v1).expect(201)).body.shareId as string;
      const viewer = (await login(t, 'content-pinning-viewer')).token;
      const open = () => t.http.post(`/api/shares/${encodeURIComponent(oldShare)}/open`).set(bearer(viewer));

      await edit(itemId, { title: '重疾险保额怎么定（第二版）', bodyHtml: '<p>第二版正文</p>' }).expect(200);
      const afterEdit = await detail(itemId);
      expect(afterEdit).toMatchObject({ status: 'draft', publishedVersionId: v1, latestVersionNo: 2 });
      // Agents still see and share version 1 while version 2 is a draft.
      const listed = (await t.http.get('/api/content').set(as('a')).expect(200)).body.items as { itemId: string; versionId: string }[];
      expect(listed.find((i) => i.itemId === itemId)?.versionId).toBe(v1);
      await share(afterEdit.latestVersionId).expect(403);
      await share(v1).expect(201);

      await act(itemId, 'submit').expect(200);
      await act(itemId, 'approve').expect(200);
      const v2 = (await detail(itemId)).latestVersionId;
      const opened = (await open().expect(200)).body;
      expect(opened.content).toMatchObject({ versionId: v1, title: '状态 approved' });
      expect(opened.content.bodyHtml).toContain('三到五年');
      expect((await share(v1).expect(403)).body.error.code).toBe('content_version_superseded');
      await share(v2).expect(201);

      // Version 1's text never changed: the stored row is what the old share showed.
      const preview = (await t.http.get(`/api/operator/content/${itemId}/versions/${v1}`).set(op()).expect(200)).body;
      expect(preview.bodyHtml).toBe(opened.content.bodyHtml);

      await act(itemId, 'retire').expect(200);
      expect((await open().expect(410)).body.error.code).toBe('share_retired');
      const afterRetire = (await t.http.get('/api/content').set(as('a')).expect(200)).body.items as { itemId: string }[];
      expect(afterRetire.some((i) => i.itemId === itemId)).toBe(false);
    });

    it('sanitises article HTML on the way in', async () => {
      const item = await create({ bodyHtml: '<p onclick="alert(1)">正文</p><script>alert(1)</script><a href="javascript:alert(1)">链接</a><img src=x onerror=alert(1)>' });
      // The image has no source a reader could load, so it goes with its handler.
      expect(item.latest.bodyHtml).toBe('<p>正文</p><a>链接</a>');
    });

    it('keeps what the operator page\'s editor writes, with an image uploaded here, and strips the editor\'s own markup', async () => {
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
      const uploaded = (await t.http.post('/api/uploads').set(op()).set('Content-Type', 'image/png').send(png).expect(201)).body as { url: string };
      const image = `http://127.0.0.1:3000${uploaded.url}`;
      const item = await create({
        bodyHtml: '<h2>看保障</h2><p class="ql-align-center">保额<strong>五十万</strong></p><ul><li>轻症</li></ul><ol><li data-list="ordered">先看责任</li></ol>'
          + `<p><a href="https://www.example.com/" rel="noopener noreferrer" target="_blank">官网</a></p><p><img src="${image}"></p>`,
      });
      expect(item.latest.bodyHtml).toBe(`<h2>看保障</h2><p>保额<strong>五十万</strong></p><ul><li>轻症</li></ul><ol><li>先看责任</li></ol><p><a href="https://www.example.com/">官网</a></p><p><img src="${image}" /></p>`);
      // The image is ours and readable without a token (the reader's <rich-text> sends none).
      await t.http.get(uploaded.url).expect(200).expect('Content-Type', 'image/png');
    });

    it('checks each kind has what it needs', async () => {
      const bad = async (body: Record<string, unknown>) =>
        ((await t.http.post('/api/operator/content').set(op()).send(draft(body)).expect(400)).body.error.details as { field: string }[]).map((d) => d.field);
      expect(await bad({ bodyHtml: '<script>only script</script>' })).toEqual(['bodyHtml']);
      // The editor's empty document is no body either.
      expect(await bad({ bodyHtml: '<p><br></p><p> </p>' })).toEqual(['bodyHtml']);
      expect(await bad({ kind: 'video', bodyHtml: undefined })).toEqual(['videoUrl']);
      expect(await bad({ kind: 'live', liveStartsAt: '2026-12-01T12:00:00Z', liveEndsAt: '2026-12-01T11:00:00Z' })).toEqual(['liveEndsAt']);
      expect(await bad({ kind: 'poster' })).toEqual(['coverUrl']);
      const live = await create({ kind: 'live', bodyHtml: undefined, liveStartsAt: '2026-12-01T12:00:00Z', liveEndsAt: '2026-12-01T13:00:00Z', replayUrl: 'https://example.com/replay' });
      expect(live.latest).toMatchObject({ liveStartsAt: '2026-12-01T12:00:00.000Z', liveStatus: 'scheduled', replayUrl: 'https://example.com/replay' });
    });

    it('gives a live item\'s end back with the item, so an editor that fills its form from it saves the end again', async () => {
      const live = await create({
        kind: 'live', bodyHtml: undefined, liveStartsAt: '2026-12-01T12:00:00Z', liveEndsAt: '2026-12-01T13:30:00Z', channelsFinderId: 'sphAbC123xyz',
      });
      expect(live.latest).toMatchObject({ liveEndsAt: '2026-12-01T13:30:00.000Z', channelsFinderId: 'sphAbC123xyz' });
      // What the operator page sends after changing only the title: every field as the item gave it.
      const { latest } = live;
      const edited = (await t.http.put(`/api/operator/content/${live.itemId}`).set(op()).send({
        title: '周四晚八点：重疾险答疑直播', tags: latest.tags, liveStartsAt: latest.liveStartsAt, liveEndsAt: latest.liveEndsAt, channelsFinderId: latest.channelsFinderId,
      }).expect(200)).body as OperatorContentDetailView;
      expect(edited.latest).toMatchObject({ title: '周四晚八点：重疾险答疑直播', liveEndsAt: '2026-12-01T13:30:00.000Z', channelsFinderId: 'sphAbC123xyz' });
      const [article] = [await create()];
      expect((article as OperatorContentDetailView).latest).toMatchObject({ liveEndsAt: null, channelsFinderId: null });
    });

    it('takes a 视频号 id only as 视频号助手 shows it, refused in Chinese otherwise', async () => {
      const res = await t.http.post('/api/operator/content').set(op())
        .send(draft({ kind: 'live', bodyHtml: undefined, liveStartsAt: '2026-12-01T12:00:00Z', channelsFinderId: 'https://channels.weixin.qq.com/x' })).expect(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'channelsFinderId', reason: '视频号ID以 sph 开头，请从视频号助手复制' })]);
    });

    it('takes an upload on this API as a video, cover or replay by its path, and nothing else that is not a full URL', async () => {
      const path = `/api/uploads/${'a'.repeat(64)}`;
      const video = await create({ kind: 'video', bodyHtml: undefined, videoUrl: path, coverUrl: path, durationSec: 12 });
      expect(video.latest).toMatchObject({ videoUrl: path, coverUrl: path });
      const res = await t.http.post('/api/operator/content').set(op()).send(draft({ kind: 'video', bodyHtml: undefined, videoUrl: '/etc/passwd' })).expect(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'videoUrl', reason: '应为以 http:// 或 https:// 开头的网址，或上传的文件' })]);
    });
  });

  describe('the forbidden-word check', () => {
    it('blocks submission, shows each offending word and field, and logs the attempt', async () => {
      const { itemId } = await create({ title: '稳赚的年金', summary: '保本高收益', bodyHtml: '<p>别家都是坑，只有我们<strong>稳 赚</strong>。</p>' });
      const res = await act(itemId, 'submit').expect(422);
      expect(res.body.error.code).toBe('forbidden_words');
      expect(res.body.error.message).toContain('稳赚');
      expect(res.body.error.details.map((d: { field: string; reason: string }) => `${d.field} ${d.reason.match(/“(.+)”/)?.[1]}`).sort()).toEqual([
        // 保本 and 高收益 joined the list from the follow-up messages' old phrase list (issue 11).
        'bodyHtml 别家都是坑', 'bodyHtml 稳赚', 'summary 保本', 'summary 保本高收益', 'summary 高收益', 'title 稳赚',
      ]);
      const after = await detail(itemId);
      expect(after.status).toBe('draft');
      expect(after.history.map((h) => h.action)).toEqual(['content.created', 'content.submission_blocked']);
    });

    it('follows the operators\' list: a word they add blocks, a word they remove no longer does', async () => {
      const added = (await t.http.post('/api/operator/forbidden-words').set(op()).send({ word: '内部渠道价', category: 'misleading' }).expect(201)).body;
      await t.http.post('/api/operator/forbidden-words').set(op()).send({ word: '内部渠道价' }).expect(409);
      const { itemId } = await create({ bodyHtml: '<p>内部渠道价，仅限今天</p>' });
      expect((await act(itemId, 'submit').expect(422)).body.error.details[0].reason).toContain('内部渠道价');
      await t.http.delete(`/api/operator/forbidden-words/${added.id}`).set(op()).expect(204);
      await act(itemId, 'submit').expect(200);
      const words = (await t.http.get('/api/operator/forbidden-words').set(op()).expect(200)).body as { word: string }[];
      expect(words.map((w) => w.word)).toEqual(expect.arrayContaining(['稳赚', '保本高收益', '别家都是坑']));
    });
  });

  describe('the WeChat content-security check', () => {
    it('sends the text with the submitting operator\'s openid and lets a pass through', async () => {
      const { itemId } = await create({ title: '医疗险怎么选', bodyHtml: '<p>先看续保条件，再看免赔额。</p>' });
      const before = t.wechat.calls.length;
      await act(itemId, 'submit').expect(200);
      const check = t.wechat.calls.slice(before).find((c) => c.path === '/wxa/msg_sec_check');
      expect(check?.body).toMatchObject({ version: 2, scene: 3, title: '医疗险怎么选', openid: expect.stringMatching(/^openid-staff-op-/) });
      expect(String(check?.body?.content)).toContain('先看续保条件，再看免赔额。');
      expect((await detail(itemId)).history.at(-1)?.detail?.wechatTraceId).toMatch(/^fake-trace-/);
    });

    it.each([
      ['risky', '<p>这里夹带了赌博广告</p>', 422],
      ['review', '<p>需要人工复核 fake-review</p>', 422],
      ['busy', '<p>fake-busy</p>', 503],
    ])('keeps the draft when WeChat says %s', async (_what, bodyHtml, status) => {
      const { itemId } = await create({ bodyHtml });
      const res = await act(itemId, 'submit').expect(status);
      if (status === 422) expect(res.body.error.code).toBe('wechat_sec_check_failed');
      expect((await detail(itemId)).status).toBe('draft');
    });

    it('checks long articles in pieces WeChat accepts', async () => {
      const { itemId } = await create({ bodyHtml: `<p>${'保障规划需要结合家庭收入与负债情况。'.repeat(300)}</p>` });
      const before = t.wechat.calls.length;
      await act(itemId, 'submit').expect(200);
      const pieces = t.wechat.calls.slice(before).filter((c) => c.path === '/wxa/msg_sec_check');
      expect(pieces.length).toBeGreaterThanOrEqual(2);
      expect(pieces.every((c) => [...String(c.body?.content)].length <= 2500)).toBe(true);
    });

    it('refuses the bootstrap token: it has no WeChat identity to check text for, and it opens no content route', async () => {
      const { itemId } = await create();
      expect((await act(itemId, 'submit', {}, bootstrapAuth(t)).expect(401)).body.error.code).toBe('bootstrap_token_limited');
    });
  });

  describe('visibility', () => {
    const visibleTo = async (agent: string, itemId: string) =>
      ((await t.http.get('/api/content').set(as(agent)).query({ pageSize: 100 }).expect(200)).body.items as { itemId: string }[]).some((i) => i.itemId === itemId);

    it('shows an item to the chosen branches and teams only, and refuses shares elsewhere', async () => {
      const [, b2] = world.branchIds;
      const [, ty] = world.teamIds;
      const itemId = await itemIn('approved');
      await t.http.put(`/api/operator/content/${itemId}/visibility`).set(op()).send({ orgUnitIds: [ty, b2] }).expect(200);
      const versionId = (await detail(itemId)).latestVersionId;
      expect([await visibleTo('a', itemId), await visibleTo('c', itemId), await visibleTo('d', itemId)]).toEqual([false, true, true]);
      await share(versionId, 'a').expect(404);
      await share(versionId, 'c').expect(201);
      await t.http.put(`/api/operator/content/${itemId}/visibility`).set(op()).send({ orgUnitIds: [] }).expect(200);
      expect(await visibleTo('a', itemId)).toBe(true);
      expect((await detail(itemId)).history.filter((h) => h.action === 'content.visibility_changed')).toHaveLength(2);
    });

    it('shows an item only inside its validity window', async () => {
      const itemId = await itemIn('approved');
      const now = t.clock.nowMs();
      await t.http.put(`/api/operator/content/${itemId}/visibility`).set(op())
        .send({ orgUnitIds: [], visibleFrom: new Date(now + 3600_000).toISOString(), visibleUntil: new Date(now + 7200_000).toISOString() }).expect(200);
      expect(await visibleTo('a', itemId)).toBe(false);
      t.clock.advance(3600_000);
      expect(await visibleTo('a', itemId)).toBe(true);
      t.clock.advance(3600_000);
      expect(await visibleTo('a', itemId)).toBe(false);
      await share((await detail(itemId)).latestVersionId).expect(404);
    });

    it('refuses unknown org units and a window that ends before it starts', async () => {
      const itemId = await itemIn('draft');
      await t.http.put(`/api/operator/content/${itemId}/visibility`).set(op()).send({ orgUnitIds: ['00000000-0000-4000-8000-00000000abcd'] }).expect(400);
      await t.http.put(`/api/operator/content/${itemId}/visibility`).set(op())
        .send({ orgUnitIds: [], visibleFrom: '2027-01-02T00:00:00Z', visibleUntil: '2027-01-01T00:00:00Z' }).expect(400);
    });
  });

  describe('the tag tree', () => {
    it('is seeded with the four families in Chinese', async () => {
      const tree = (await t.http.get('/api/tags').set(as('a')).expect(200)).body;
      expect(tree.need.map((n: { name: string }) => n.name)).toEqual(['重疾', '医疗', '意外', '寿险', '年金', '教育金', '养老', '财富传承']);
      expect(tree.stage.map((n: { code: string }) => n.code)).toEqual(['stage:1', 'stage:2', 'stage:3', 'stage:4', 'stage:5', 'stage:6', 'stage:7', 'stage:8']);
      expect(tree.audience.map((n: { name: string }) => n.name)).toEqual(expect.arrayContaining(['宝妈', '企业主', '白领', '银发']));
      expect(tree.life_event.map((n: { code: string }) => n.code)).toEqual(expect.arrayContaining(['life_event:marriage', 'life_event:newborn', 'life_event:new_home', 'life_event:retirement']));
    });

    it('is extended by operators, under a parent of the same family; stages stay fixed', async () => {
      await t.http.post('/api/operator/tags').set(op()).send({ family: 'need', code: 'child_critical_illness', name: '少儿重疾', parentCode: 'need:critical_illness' }).expect(201);
      const tree = (await t.http.get('/api/tags').set(op()).expect(200)).body;
      expect(tree.need[0].children.map((c: { name: string }) => c.name)).toEqual(['少儿重疾']);
      await create({ tags: ['need:child_critical_illness'] });
      await t.http.post('/api/operator/tags').set(op()).send({ family: 'need', code: 'child_critical_illness', name: '重复' }).expect(409);
      await t.http.post('/api/operator/tags').set(op()).send({ family: 'stage', code: '9', name: '第九阶段' }).expect(400);
      await t.http.post('/api/operator/tags').set(op()).send({ family: 'audience', code: 'x', name: '错', parentCode: 'need:medical' }).expect(400);
      await t.http.post('/api/operator/tags').set(as('a')).send({ family: 'need', code: 'pet', name: '宠物' }).expect(403);
    });

    it('renames a tag for display: the code, the content carrying it and where it sits in the tree stay; audited with both names', async () => {
      await t.http.post('/api/operator/tags').set(op()).send({ family: 'audience', code: 'new_parents', name: '新手爸妈' }).expect(201);
      const { itemId } = await create({ tags: ['audience:new_parents'] });
      const renamed = await t.http.put(`/api/operator/tags/${encodeURIComponent('audience:new_parents')}`).set(op()).send({ name: ' 新手父母 ' }).expect(200);
      expect(renamed.body).toMatchObject({ code: 'audience:new_parents', family: 'audience', name: '新手父母', parentCode: null });
      const tree = (await t.http.get('/api/tags').set(as('a')).expect(200)).body;
      expect(tree.audience.filter((n: { code: string }) => n.code === 'audience:new_parents').map((n: { name: string }) => n.name)).toEqual(['新手父母']);
      expect((await detail(itemId)).tags).toEqual(['audience:new_parents']);
      // The same name again is no change and leaves no second audit entry.
      await t.http.put(`/api/operator/tags/${encodeURIComponent('audience:new_parents')}`).set(op()).send({ name: '新手父母' }).expect(200);
      const audit = await t.db.dataSource.query(`SELECT action, detail FROM audit_entry WHERE action = 'tag.renamed'`);
      expect(audit).toHaveLength(1);
      const detailOf = (raw: unknown) => (typeof raw === 'string' ? JSON.parse(raw) : raw);
      expect(detailOf(audit[0].detail)).toEqual({ code: 'audience:new_parents', from: '新手爸妈', to: '新手父母' });
    });

    it('refuses a rename to a blank name (400), of a tag that does not exist (404), and by an agent (403), changing nothing', async () => {
      const path = `/api/operator/tags/${encodeURIComponent('need:medical')}`;
      const blank = await t.http.put(path).set(op()).send({ name: '   ' }).expect(400);
      expect(blank.body.error.details).toEqual([{ field: 'name', label: '名称', reason: '名称不能为空' }]);
      await t.http.put(path).set(op()).send({}).expect(400);
      await t.http.put(`/api/operator/tags/${encodeURIComponent('need:space_travel')}`).set(op()).send({ name: '太空旅行' }).expect(404);
      await t.http.put(path).set(as('a')).send({ name: '看病' }).expect(403);
      const tree = (await t.http.get('/api/tags').set(as('a')).expect(200)).body;
      expect(tree.need.find((n: { code: string }) => n.code === 'need:medical').name).toBe('医疗');
    });

    it('refuses content with a tag the tree does not have', async () => {
      const res = await t.http.post('/api/operator/content').set(op()).send(draft({ tags: ['need:medical', 'need:space_travel'] })).expect(400);
      expect(res.body.error.details).toEqual([{ field: 'tags', label: '标签', reason: expect.stringContaining('need:space_travel') }]);
    });
  });

  describe('who may operate', () => {
    it.each(['a', 'lx', 'm1'])('refuses %s the operator API with 403', async (who) => {
      await t.http.get('/api/operator/content').set(as(who)).expect(403);
      await t.http.post('/api/operator/content').set(as(who)).send(draft()).expect(403);
    });

    it('serves the operator pages with a script-locking Content-Security-Policy, and nothing else under /operator', async () => {
      const page = await t.http.get('/operator').expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.text).toContain('/operator/operator.js');
      expect((await t.http.get('/operator/operator.js').expect(200)).headers['content-type']).toMatch(/javascript/);
      await t.http.get('/operator/operator.css').expect(200);
      await t.http.get('/operator/package.json').expect(404);
      await t.http.get('/operator/..%2F..%2Fpackage.json').expect(404);
      // Names an object literal would have found on Object.prototype (the fuzzer's find: valueOf was a 500).
      for (const name of ['valueOf', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) await t.http.get(`/operator/${name}`).expect(404);
    });

    it("hands the operator page shared's words for statuses, kinds, tag families, metrics and history steps, loaded before its script", async () => {
      const page = await t.http.get('/operator').expect(200);
      expect(page.text.indexOf('/operator/labels.js')).toBeGreaterThan(-1);
      expect(page.text.indexOf('/operator/labels.js')).toBeLessThan(page.text.indexOf('/operator/operator.js'));
      const script = await t.http.get('/operator/labels.js').expect(200);
      expect(script.headers['content-type']).toMatch(/javascript/);
      expect(script.headers['content-security-policy']).toContain("script-src 'self'");
      const labels = JSON.parse(/window\.KEJING_LABELS = (\{.*\});/s.exec(script.text)?.[1] ?? 'null') as Record<string, unknown>;
      expect(labels).toEqual({
        statuses: CONTENT_STATUS_NAMES_ZH, kinds: CONTENT_KIND_NAMES_ZH, tagFamilies: TAG_FAMILY_NAMES_ZH,
        metrics: CONTENT_METRICS.map((m) => [m, CONTENT_METRIC_NAMES_ZH[m]]), actions: CONTENT_HISTORY_ACTION_NAMES_ZH,
        fields: CONTENT_FIELD_NAMES_ZH, liveStatuses: LIVE_STATUS_NAMES_ZH, roles: STAFF_ROLE_NAMES_ZH, wordCategories: FORBIDDEN_WORD_CATEGORY_NAMES_ZH,
      });
    });

    it('serves both consoles one helper script and the rich-text editor from node_modules, each page loading them before its own script', async () => {
      for (const [page, own] of [['/operator', '/operator/operator.js'], ['/admin', '/admin/admin.js']] as const) {
        const html = (await t.http.get(page).expect(200)).text;
        for (const shared of ['/operator/labels.js', '/console/console.js']) {
          expect(html.indexOf(shared)).toBeGreaterThan(-1);
          expect(html.indexOf(shared)).toBeLessThan(html.indexOf(own));
        }
      }
      const operatorPage = (await t.http.get('/operator').expect(200)).text;
      expect(operatorPage.indexOf('/console/quill.js')).toBeLessThan(operatorPage.indexOf('/operator/operator.js'));
      for (const [asset, type] of [['console.js', /javascript/], ['console.css', /css/], ['quill.js', /javascript/], ['quill.snow.css', /css/]] as const) {
        const res = await t.http.get(`/console/${asset}`).expect(200);
        expect(res.headers['content-type']).toMatch(type);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
      expect((await t.http.get('/console/quill.js').expect(200)).text).toContain('Quill');
      // Only the four files: nothing else from the folder or node_modules.
      for (const name of ['package.json', 'quill.core.js', '..%2Fpackage.json', '..%2F..%2Fpackage.json', 'valueOf', '__proto__']) await t.http.get(`/console/${name}`).expect(404);
    });

    it('lists items for the operator and the admin, filtered by status', async () => {
      await itemIn('in_review');
      const res = (await t.http.get('/api/operator/content').query({ status: 'in_review', pageSize: 100 }).set(adminAuth(world)).expect(200)).body;
      expect(res.total).toBeGreaterThan(0);
      expect(res.items.every((i: { status: string }) => i.status === 'in_review')).toBe(true);
    });
  });
});
