import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import Redis from 'ioredis';
import request from 'supertest';
import { DEFAULT_SCORING_CONFIG } from '@kejing/shared';
import { createApp } from '../../server/src/app';
import type { RateLimitConfig } from '../../server/src/config/load-config';
import type { RateLimitStore } from '../../server/src/middleware/rate-limit';
import { bearer, buildWorld, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const LIMITS: RateLimitConfig = {
  windowMs: 60_000,
  login: { perIp: 30 },
  events: { perUser: 10, perIp: 200, perShare: 40 },
  leads: { perUser: 3, perIp: 100, perShare: 5 },
};
const consent = { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' };

function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('abuse', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    // One trusted proxy hop: the tests below play many clients by writing the address that proxy would append.
    t = await startTestApp({ rateLimits: LIMITS, trustProxyHops: 1 });
    world = await buildWorld(t); // logins from 127.0.0.1 count towards its login limit; the tests below use their own IPs
  }, 60_000);
  afterAll(() => t.close());

  // Each test login from an address of its own, so the tests' own logins stay under the per-IP login limit.
  let nextIp = 0;
  const login = async (_t: TestApp, code: string) => {
    nextIp += 1;
    const res = await t.http.post('/api/auth/login').set('X-Forwarded-For', `10.250.${nextIp >> 8}.${nextIp & 255}`).send({ code }).expect(200);
    return res.body as { token: string };
  };
  const events = (shareId: string, n: number, extra: object = {}) =>
    Array.from({ length: n }, () => ({ clientEventId: randomUUID(), type: 'read_progress', shareId, depthPct: 100, dwellMs: 120_000, createdAtDeviceMs: t.clock.nowMs(), ...extra }));
  const send = (http: ReturnType<typeof request>, token: string, batch: object[], ip = '10.0.0.1') =>
    http.post('/api/events').set(bearer(token)).set('X-Forwarded-For', ip).send({ sentAtDeviceMs: t.clock.nowMs(), events: batch });

  describe('rate limits (in memory, the embedded default)', () => {
    it('forgets each counter once its window has ended, so the memory store does not grow with every IP and user ever seen', async () => {
      const map = new Map<string, unknown>();
      const app = createApp({ ...t.services, config: { ...t.services.config, rateLimits: { ...LIMITS, windowMs: 200 } } }, { rateLimitStore: { kind: 'memory', map } });
      const server = app.listen(0, '127.0.0.1');
      try {
        const http = request(server);
        for (let i = 1; i <= 5; i++) await http.post('/api/auth/login').set('X-Forwarded-For', `10.77.0.${i}`).send({ code: `sweep-${i}` }).expect(200);
        expect(map.size).toBe(5);
        // The sweep runs every window (200 ms); a loaded machine may run it late, so wait for it, up to 5 s.
        const deadline = Date.now() + 5_000;
        while (map.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(map.size).toBe(0);
        // A fresh window starts for the next request, as if the counter had been there.
        await http.post('/api/auth/login').set('X-Forwarded-For', '10.77.0.1').send({ code: 'sweep-again' }).expect(200);
        expect(map.size).toBe(1);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('a burst from one user gets 429 with Retry-After and no 5xx, while a normal user on another share is unaffected', async () => {
      const attackerShare = await shareArticle(t, world, 'a');
      const normalShare = await shareArticle(t, world, 'b');
      const attacker = (await login(t, 'abuse-burst')).token;
      const normal = (await login(t, 'abuse-normal')).token;
      const rowsBefore = Number((await t.db.dataSource.query('SELECT COUNT(*) AS n FROM touchpoint_event'))[0].n);
      const burst = Array.from({ length: 60 }, () => send(t.http, attacker, events(attackerShare, 1), '10.0.0.66'));
      const normalReplies = [];
      for (let i = 0; i < 3; i++) normalReplies.push(await send(t.http, normal, events(normalShare, 1), '10.0.0.7'));
      const replies = await Promise.all(burst);
      const statuses = replies.map((r) => r.status);
      const limited = replies.filter((r) => r.status === 429);
      const accepted = replies.filter((r) => r.status === 200);
      const rowsFound = Number((await t.db.dataSource.query('SELECT COUNT(*) AS n FROM touchpoint_event'))[0].n) - rowsBefore;
      process.stdout.write(`burst: sent ${replies.length}, 429s ${limited.length}, 5xx ${statuses.filter((s) => s >= 500).length}, normal user ${normalReplies.map((r) => r.status).join('/')}; rows expected ${accepted.length + 3}, found ${rowsFound}\n`);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(accepted).toHaveLength(LIMITS.events.perUser);
      expect(limited).toHaveLength(60 - LIMITS.events.perUser);
      for (const r of limited) {
        expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
        expect(r.body.error.code).toBe('rate_limited');
      }
      expect(normalReplies.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(rowsFound).toBe(accepted.length + 3);
    });

    it('limits one share across many users (per share), and one IP across many users (per IP)', async () => {
      const share = await shareArticle(t, world, 'c');
      const viewers = await Promise.all(Array.from({ length: 50 }, async (_, i) => (await login(t, `abuse-share-${i}`)).token));
      const perShare = await Promise.all(viewers.map((v, i) => send(t.http, v, events(share, 1), `10.1.${i}.1`)));
      expect(perShare.filter((r) => r.status === 200)).toHaveLength(LIMITS.events.perShare);
      expect(perShare.filter((r) => r.status === 429)).toHaveLength(50 - LIMITS.events.perShare);
      // Logins: one IP is cut off, another IP still logs in.
      const logins = await Promise.all(Array.from({ length: LIMITS.login.perIp + 5 }, (_, i) => t.http.post('/api/auth/login').set('X-Forwarded-For', '10.9.9.9').send({ code: `abuse-login-${i}` })));
      expect(logins.filter((r) => r.status === 429)).toHaveLength(5);
      expect(logins.every((r) => r.status === 200 || r.status === 429)).toBe(true);
      await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.9.9.10').send({ code: 'abuse-login-other-ip' }).expect(200);
    });

    it('limits lead forms per user and per share', async () => {
      const share = await shareArticle(t, world, 'd');
      const spammer = (await login(t, 'abuse-leads')).token;
      const lead = (token: string, ip: string) => t.http.post('/api/leads').set(bearer(token)).set('X-Forwarded-For', ip).send({ clientEventId: randomUUID(), shareId: share, name: '刷单', phone: '13500001111', consent });
      const mine = [];
      for (let i = 0; i < LIMITS.leads.perUser + 2; i++) mine.push((await lead(spammer, '10.2.0.1')).status);
      expect(mine).toEqual([201, ...Array(LIMITS.leads.perUser - 1).fill(201), 429, 429]);
      const others = [];
      for (let i = 0; i < 4; i++) others.push((await lead((await login(t, `abuse-leads-${i}`)).token, `10.2.1.${i}`)).status);
      // The share had 3 leads from the spammer; two more fit under its limit of 5.
      expect(others).toEqual([201, 201, 429, 429]);
    });
  });

  describe('whose address a per-IP limit counts', () => {
    const loginsFrom = async (hops: number | undefined, forwardedFor: (i: number) => string, count: number) => {
      const config = { ...t.services.config, rateLimits: LIMITS };
      if (hops === undefined) delete config.trustProxyHops;
      else config.trustProxyHops = hops;
      const server = createApp({ ...t.services, config }).listen(0, '127.0.0.1');
      try {
        const http = request(server);
        const statuses: number[] = [];
        for (let i = 0; i < count; i++) statuses.push((await http.post('/api/auth/login').set('X-Forwarded-For', forwardedFor(i)).send({ code: `xff-${hops}-${i}-${randomUUID().slice(0, 6)}` })).status);
        return statuses;
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    };

    it('by default (no proxy configured) a rotating X-Forwarded-For does not escape the per-IP login limit', async () => {
      const statuses = await loginsFrom(undefined, (i) => `203.0.113.${i % 250}`, LIMITS.login.perIp + 5);
      expect(statuses.filter((s) => s === 200)).toHaveLength(LIMITS.login.perIp);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    });

    it('with one trusted hop, the entry the nearest proxy appended is the client, not what the client wrote before it', async () => {
      // The client forges a new first entry each time; the proxy's own (last) entry stays the same address.
      const same = await loginsFrom(1, (i) => `198.51.100.${i % 250}, 10.8.0.1`, LIMITS.login.perIp + 3);
      expect(same.filter((s) => s === 429)).toHaveLength(3);
      // Different addresses seen by the proxy are different clients, each under its own limit.
      const distinct = await loginsFrom(1, (i) => `198.51.100.7, 10.8.1.${i % 250}`, LIMITS.login.perIp + 3);
      expect(distinct.every((s) => s === 200)).toBe(true);
    });
  });

  describe('rate limits in Redis, shared by two server processes', () => {
    const url = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
    let client: Redis | null = null;
    let servers: Server[] = [];
    beforeAll(async () => {
      if (!(await redisReachable(url))) return;
      client = new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 1, keyPrefix: `kejing-test-${randomUUID().slice(0, 8)}:` });
    });
    afterAll(async () => {
      for (const s of servers) await new Promise((r) => s.close(r));
      servers = [];
      client?.disconnect();
    });

    it('counts one user across both processes (429 once the shared count is reached)', async () => {
      if (!client) {
        process.stdout.write(`redis rate limit: no Redis at ${url}; skipped (CI starts one)\n`);
        if (process.env.CI) throw new Error('CI must provide Redis for the rate-limit test');
        return;
      }
      const store: RateLimitStore = { kind: 'redis', client };
      const apps = [createApp(t.services, { rateLimitStore: store }), createApp(t.services, { rateLimitStore: store })];
      servers = apps.map((a) => a.listen(0, '127.0.0.1'));
      const https = servers.map((s) => request(s));
      const share = await shareArticle(t, world, 'a');
      const viewer = (await login(t, 'abuse-redis')).token;
      const replies = [];
      for (let i = 0; i < LIMITS.events.perUser + 4; i++) replies.push(await send(https[i % 2] as ReturnType<typeof request>, viewer, events(share, 1), '10.3.0.1'));
      const statuses = replies.map((r) => r.status);
      process.stdout.write(`redis rate limit: sent ${statuses.length} across 2 processes, 429s ${statuses.filter((s) => s === 429).length}, 5xx ${statuses.filter((s) => s >= 500).length}\n`);
      expect(statuses).toEqual([...Array(LIMITS.events.perUser).fill(200), 429, 429, 429, 429]);
      expect(Number(replies[replies.length - 1]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    });
  });

  it('score inflation: 10,000 fabricated and replayed "read 100 %" events move the score by no more than the daily cap', async () => {
    // Rate limits off here: this is about what the scorer does with whatever gets through.
    const share = await shareArticle(t, world, 'a');
    const viewer = (await login(t, 'abuse-inflate')).token;
    const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(share)}/open`).set(bearer(viewer)).expect(200)).body.contactId as string;
    const open = createApp({ ...t.services, config: { ...t.services.config, rateLimits: undefined } });
    const server = open.listen(0, '127.0.0.1');
    try {
      const http = request(server);
      await send(http, viewer, events(share, 1)).expect(200);
      await t.services.scoringWorker.drain();
      const before = (await t.http.get(`/api/contacts/${contactId}`).set(bearer(world.people.a?.token as string)).expect(200)).body;
      // Fabricated evidence of every kind a reader can send, each worth points if nothing capped it.
      const kinds = ['read_progress', 'read_complete', 'card_view', 'consult_tap', 'open', 'video_progress'];
      const fabricated = events(share, 5_000).map((e, i) => ({ ...e, type: kinds[i % kinds.length], ...(kinds[i % kinds.length] === 'video_progress' ? { videoPct: 100 } : {}) }));
      let stored = 0;
      for (let i = 0; i < fabricated.length; i += 100) stored += (await send(http, viewer, fabricated.slice(i, i + 100)).expect(200)).body.stored;
      let duplicates = 0;
      for (let i = 0; i < fabricated.length; i += 100) duplicates += (await send(http, viewer, fabricated.slice(i, i + 100)).expect(200)).body.duplicates;
      await t.services.scoringWorker.drain();
      const after = (await t.http.get(`/api/contacts/${contactId}`).set(bearer(world.people.a?.token as string)).expect(200)).body;
      process.stdout.write(`score inflation: 10,000 events sent (5,000 stored, ${duplicates} replays dropped); trust ${before.trust}→${after.trust} (cap ${DEFAULT_SCORING_CONFIG.trust.dailyGainCap}), intent ${before.intent}→${after.intent} (cap ${DEFAULT_SCORING_CONFIG.intent.dailyGainCap})\n`);
      expect(stored).toBe(5_000);
      expect(after.trust + after.intent).toBeGreaterThan(before.trust + before.intent); // the events were taken in
      expect(duplicates).toBe(5_000);
      // The first event and the 10,000 all fall on the same China day: the whole day is capped.
      expect(after.trust).toBeLessThanOrEqual(DEFAULT_SCORING_CONFIG.trust.dailyGainCap);
      expect(after.intent).toBeLessThanOrEqual(DEFAULT_SCORING_CONFIG.intent.dailyGainCap);
      expect(after.trust - before.trust).toBeLessThanOrEqual(DEFAULT_SCORING_CONFIG.trust.dailyGainCap);
      expect(after.intent - before.intent).toBeLessThanOrEqual(DEFAULT_SCORING_CONFIG.intent.dailyGainCap);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 60_000);
});
