import { randomUUID } from 'node:crypto';
import { SHARE_CHANNEL_NAMES, type RadarItemView } from '@kejing/shared';
import { ANONYMOUS_OPENS_PER_SHARE_PER_DAY } from '../../server/src/modules/shares/shares.service';
import { bearer, buildWorld, login, publishContent, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

/**
 * Issue 16.5: a page opened from Moments runs in WeChat's single-page mode (scene 1154), where
 * wx.login is unavailable, so the reader asks for the share without a login and an anonymous open
 * is counted for it; a card opened in a group chat (scene 1008, or 1044 with a shareTicket) makes
 * a 好友 share a 群聊 share.
 */
describe('Moments single-page readers and group shares', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const rowIdOf = (shareId: string) => (t.services.shares.verify(shareId) as { shareId: string }).shareId;
  const anonymousOpens = (shareId: string) =>
    t.services.dataSource.query('SELECT client_event_id, agent_id, channel, scene FROM anonymous_share_open WHERE share_id = ?', [rowIdOf(shareId)]) as Promise<
      { client_event_id: string; agent_id: string; channel: string | null; scene: number | null }[]
    >;
  const channelOf = async (shareId: string) =>
    ((await t.services.dataSource.query('SELECT channel FROM share WHERE id = ?', [rowIdOf(shareId)])) as { channel: string }[])[0]?.channel;
  const glance = (body: Record<string, unknown>) => t.http.post('/api/shares/glance').send(body);

  it('shows a Moments reader the article and agent card without a login, and counts one anonymous open tied to the share', async () => {
    const shareId = await shareArticle(t, world, 'a', 'moments');
    const clientEventId = randomUUID();
    const res = await glance({ shareId, clientEventId, scene: 1154 }).expect(200);
    expect(res.body.shareId).toBe(shareId);
    expect(res.body.content.title).toBe('重疾险的三个误区');
    expect(res.body.agent.name).toBe('员工a');
    // Nobody is identified: no contact, nothing personal in the answer.
    expect(res.body.contactId).toBeUndefined();
    const rows = await anonymousOpens(shareId);
    expect(rows).toEqual([{ client_event_id: clientEventId, agent_id: world.people.a?.staffId, channel: 'moments', scene: 1154 }]);
  });

  it('counts a retried open (the same clientEventId) once', async () => {
    const shareId = await shareArticle(t, world, 'a', 'moments');
    const clientEventId = randomUUID();
    await glance({ shareId, clientEventId, scene: 1154 }).expect(200);
    await glance({ shareId, clientEventId, scene: 1154 }).expect(200);
    await glance({ shareId, clientEventId: randomUUID(), scene: 1154 }).expect(200);
    expect(await anonymousOpens(shareId)).toHaveLength(2);
  });

  it('refuses a forged share id (404) and bad input (400, naming the field), storing nothing', async () => {
    const shareId = await shareArticle(t, world, 'a', 'moments');
    await glance({ shareId: `${shareId}x`, clientEventId: randomUUID(), scene: 1154 }).expect(404);
    const bad = await glance({ shareId, clientEventId: 'not-a-uuid', scene: 1154 }).expect(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('clientEventId');
    const badScene = await glance({ shareId, clientEventId: randomUUID(), scene: 'x' }).expect(400);
    expect(JSON.stringify(badScene.body.error.details)).toContain('scene');
    expect(await anonymousOpens(shareId)).toHaveLength(0);
  });

  it('answers 410 for retired content and counts no open', async () => {
    const { itemId, versionId } = await publishContent(t, world.people, { kind: 'article', title: '将下架的文章', summary: '摘要', bodyHtml: '<p>正文</p>', tags: ['need:critical_illness'] });
    const res = await t.http.post('/api/shares').set(bearer((world.people.a as { token: string }).token)).send({ contentVersionId: versionId, channel: 'moments' }).expect(201);
    await t.http.post(`/api/operator/content/${itemId}/retire`).set(bearer((world.people.op as { token: string }).token)).send({}).expect(200);
    await glance({ shareId: res.body.shareId, clientEventId: randomUUID(), scene: 1154 }).expect(410);
    expect(await anonymousOpens(res.body.shareId)).toHaveLength(0);
  });

  it(`stops counting after ${ANONYMOUS_OPENS_PER_SHARE_PER_DAY} anonymous opens of one share a day, still showing the page`, async () => {
    const shareId = await shareArticle(t, world, 'a', 'moments');
    const row = rowIdOf(shareId);
    const now = t.clock.nowMs();
    const values = Array.from({ length: ANONYMOUS_OPENS_PER_SHARE_PER_DAY }, () => [randomUUID(), row, world.people.a?.staffId, 'moments', 1154, now - 1000]);
    for (let i = 0; i < values.length; i += 200) {
      const chunk = values.slice(i, i + 200);
      await t.services.dataSource.query(
        `INSERT INTO anonymous_share_open (client_event_id, share_id, agent_id, channel, scene, opened_at_ms) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
        chunk.flat(),
      );
    }
    await glance({ shareId, clientEventId: randomUUID(), scene: 1154 }).expect(200);
    expect(await anonymousOpens(shareId)).toHaveLength(ANONYMOUS_OPENS_PER_SHARE_PER_DAY);
  });

  it('records a 好友 share opened in a group chat (scene 1008, or 1044 with a shareTicket) as a 群聊 share', async () => {
    const viaGroup = await shareArticle(t, world, 'a', 'friend');
    const reader = await login(t, `group-reader-${randomUUID().slice(0, 8)}`);
    await t.http.post(`/api/shares/${encodeURIComponent(viaGroup)}/open`).set(bearer(reader.token)).send({ scene: 1044 }).expect(200);
    expect(await channelOf(viaGroup)).toBe('group');

    const plainGroup = await shareArticle(t, world, 'a', 'friend');
    await t.http.post(`/api/shares/${encodeURIComponent(plainGroup)}/open`).set(bearer(reader.token)).send({ scene: 1008 }).expect(200);
    expect(await channelOf(plainGroup)).toBe('group');
  });

  it('leaves a share opened in a one-to-one chat, or without a scene, as it was', async () => {
    const reader = await login(t, `friend-reader-${randomUUID().slice(0, 8)}`);
    const friend = await shareArticle(t, world, 'a', 'friend');
    await t.http.post(`/api/shares/${encodeURIComponent(friend)}/open`).set(bearer(reader.token)).send({ scene: 1007 }).expect(200);
    await t.http.post(`/api/shares/${encodeURIComponent(friend)}/open`).set(bearer(reader.token)).expect(200);
    expect(await channelOf(friend)).toBe('friend');
    // A poster share scanned and then opened in a group stays a poster share.
    const poster = await shareArticle(t, world, 'a', 'poster');
    await t.http.post(`/api/shares/${encodeURIComponent(poster)}/open`).set(bearer(reader.token)).send({ scene: 1008 }).expect(200);
    expect(await channelOf(poster)).toBe('poster');
  });
  it('shows each share\'s channel on the agent\'s radar: 群聊 for a 好友 card opened in a group, 海报 for a scanned poster, and a customer\'s forward as such', async () => {
    const readAs = async (token: string, shareId: string, scene: number) => {
      await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(token)).send({ scene }).expect(200);
      await t.http.post('/api/events').set(bearer(token))
        .send({ sentAtDeviceMs: t.clock.nowMs(), events: [{ clientEventId: randomUUID(), shareId, createdAtDeviceMs: t.clock.nowMs(), type: 'open' }] }).expect(200);
    };
    const reader = await login(t, `radar-reader-${randomUUID().slice(0, 8)}`);
    const inGroup = await shareArticle(t, world, 'a', 'friend');
    await readAs(reader.token, inGroup, 1008);
    const poster = await shareArticle(t, world, 'a', 'poster');
    await readAs(reader.token, poster, 1047);
    const forward = (await t.http.post(`/api/shares/${encodeURIComponent(inGroup)}/forward`).set(bearer(reader.token)).send({ channel: 'moments' }).expect(201)).body.shareId as string;
    const friendOfReader = await login(t, `radar-friend-${randomUUID().slice(0, 8)}`);
    await readAs(friendOfReader.token, forward, 1154);

    const radar = (await t.http.get('/api/radar').set(bearer((world.people.a as { token: string }).token)).expect(200)).body as RadarItemView[];
    const row = (shareId: string) => radar.find((r) => r.shareId === rowIdOf(shareId));
    expect(row(inGroup)).toMatchObject({ channel: 'group', forwarded: false });
    expect(row(poster)).toMatchObject({ channel: 'poster', forwarded: false });
    expect(row(forward)).toMatchObject({ channel: 'moments', forwarded: true });
    expect(radar.map((r) => SHARE_CHANNEL_NAMES[r.channel]).every((name) => ['好友', '群聊', '朋友圈', '海报'].includes(name))).toBe(true);
  });
});
