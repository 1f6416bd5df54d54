import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type Koa from 'koa';
import request from 'supertest';
import type { SessionView, StaffCreatedView } from '@kejing/shared';
import { createApp } from '../app';
import { ManualClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { buildServices, ServiceConfig, Services } from '../services';
import { contractChecked } from './contract-check';
import { FakeWeChat, startFakeWeChat } from '../wechat/fake-wechat-server';
import { openTestDatabase, TestDatabase, TestDatabaseOptions } from './test-database';

export const TEST_NOW = Date.UTC(2026, 10, 2, 1, 0, 0); // 2026-11-02 09:00 China time

/** Everything an API test needs: the app over HTTP (every response checked against docs/openapi.json), a fake WeChat, a movable clock, captured logs. */
export interface TestApp {
  db: TestDatabase;
  services: Services;
  app: Koa;
  server: Server;
  http: ReturnType<typeof request>;
  wechat: FakeWeChat;
  clock: ManualClock;
  logs: string[];
  config: ServiceConfig;
  close(): Promise<void>;
}

export function testConfig(wechatBaseUrl: string, overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return {
    wechat: { appId: 'wx-test-app', appSecret: 'TEST-APP-SECRET-must-never-leak', apiBaseUrl: wechatBaseUrl, timeoutMs: 1000, useFake: false },
    session: { secret: randomBytes(32).toString('base64'), ttlSeconds: 30 * 24 * 3600, issuer: 'kejing', audience: 'kejing-test' },
    shareSecret: randomBytes(32).toString('base64'),
    phoneEncryptionKey: randomBytes(32),
    phoneHashKey: randomBytes(32),
    adminBootstrapToken: `bootstrap-${randomBytes(8).toString('hex')}`,
    ingest: { flushMaxRows: 1000, flushMaxInFlight: 2, dbTimeoutMs: 1500 },
    scoring: { pollMs: 60_000, dailyJobHour: 5, dailyJobLeaseMs: 60_000, dailyJobCheckMs: 300_000 },
    ...overrides,
  };
}

export async function startTestApp(overrides: Partial<ServiceConfig> = {}, dbOptions: TestDatabaseOptions = {}): Promise<TestApp> {
  const db = await openTestDatabase(dbOptions);
  const wechat = await startFakeWeChat({ appId: 'wx-test-app', appSecret: 'TEST-APP-SECRET-must-never-leak' });
  const config = testConfig(wechat.baseUrl, overrides);
  const clock = new ManualClock(TEST_NOW);
  const logs: string[] = [];
  const services = buildServices(config, db.dataSource, clock, createLogger('debug', (line) => logs.push(line)));
  const app = createApp(services);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    db, services, app, server, http: contractChecked(server), wechat, clock, logs, config,
    close: async () => {
      await services.writer.drain();
      await new Promise((resolve) => server.close(resolve));
      await wechat.close();
      await db.close();
    },
  };
}

/** Logs in through the fake WeChat: the code decides the openid. */
export async function login(t: TestApp, code: string): Promise<SessionView> {
  const res = await t.http.post('/api/auth/login').send({ code }).expect(200);
  return res.body as SessionView;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
/** The configured bootstrap token: it opens only what binding the first admin needs, until an admin is bound. */
export const bootstrapAuth = (t: TestApp) => bearer(t.config.adminBootstrapToken);

/** The world's first admin's session. */
export const adminAuth = (world: World) => bearer(world.admin.token);

/** Creates a staff member with the given auth, logs a new WeChat user in and binds the invite: the person's session. */
export async function bindStaff(t: TestApp, auth: Record<string, string>, staff: { name: string; role: string; orgUnitId: string; licenceNo?: string }, code: string) {
  const created = (await t.http.post('/api/admin/staff').set(auth).send(staff).expect(201)).body as StaffCreatedView;
  const session = await login(t, code);
  const bound = (await t.http.post('/api/auth/bind').set(bearer(session.token)).send({ inviteCode: created.inviteCode }).expect(200)).body as SessionView;
  return { token: bound.token, staffId: created.staffId, userId: bound.user.userId };
}

export interface World {
  companyId: string;
  branchIds: [string, string];
  teamIds: [string, string, string];
  /** token and staff id per person. */
  people: Record<string, { token: string; staffId: string }>;
  /** The first admin, created through the bootstrap token and bound to WeChat (which retired the token). */
  admin: { token: string; staffId: string; userId: string };
  versionId: string;
}

/**
 * A small organisation: company → branches b1, b2; teams x, y (in b1) and z (in b2); agents
 * a (team x), b (team x), c (team y), d (team z); leaders lx, ly; managers m1, m2; operators op and op2 (content review needs two: four eyes).
 * As in production, the bootstrap token creates the company and the first admin, who binds WeChat
 * (retiring the token) and creates the rest. Each person has logged in and bound their invite; one
 * approved, tagged article exists.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  const companyId = (await t.http.post('/api/admin/org-units').set(bootstrapAuth(t)).send({ kind: 'company', name: '客经人寿保险股份有限公司' }).expect(201)).body.id as string;
  const firstAdmin = await bindStaff(t, bootstrapAuth(t), { name: '管理员', role: 'admin', orgUnitId: companyId }, `staff-admin-${randomUUID().slice(0, 8)}`);
  const admin = bearer(firstAdmin.token);
  const unit = async (kind: string, name: string, parentId?: string) =>
    (await t.http.post('/api/admin/org-units').set(admin).send({ kind, name, ...(parentId ? { parentId } : {}) }).expect(201)).body.id as string;
  const b1 = await unit('branch', '上海分公司', companyId);
  const b2 = await unit('branch', '北京分公司', companyId);
  const tx = await unit('team', '浦东一组', b1);
  const ty = await unit('team', '浦东二组', b1);
  const tz = await unit('team', '朝阳一组', b2);
  const roster: [string, string, string][] = [
    ['a', 'agent', tx], ['b', 'agent', tx], ['c', 'agent', ty], ['d', 'agent', tz],
    ['lx', 'leader', tx], ['ly', 'leader', ty], ['m1', 'manager', b1], ['m2', 'manager', b2], ['op', 'operator', companyId], ['op2', 'operator', companyId],
  ];
  const people: World['people'] = {};
  for (const [key, role, orgUnitId] of roster) {
    const { token, staffId } = await bindStaff(t, admin, { name: `员工${key}`, role, orgUnitId, licenceNo: `LIC-${key}` }, `staff-${key}-${randomUUID().slice(0, 8)}`);
    people[key] = { token, staffId };
  }
  const { versionId } = await publishContent(t, people, {
    kind: 'article', title: '重疾险的三个误区', summary: '买重疾险前要知道的事', bodyHtml: '<p>正文</p><script>alert(1)</script>',
    tags: ['need:critical_illness', 'audience:white_collar', 'stage:3'],
  });
  return { companyId, branchIds: [b1, b2], teamIds: [tx, ty, tz], people, admin: firstAdmin, versionId };
}

/**
 * Approved content the way operators publish it: op writes and submits (the forbidden words and
 * WeChat's check, on op's behalf), op2 approves (four eyes).
 */
export async function publishContent(t: TestApp, people: World['people'], draft: Record<string, unknown>): Promise<{ itemId: string; versionId: string }> {
  const op = bearer((people.op as { token: string }).token);
  const itemId = (await t.http.post('/api/operator/content').set(op).send(draft).expect(201)).body.itemId as string;
  await t.http.post(`/api/operator/content/${itemId}/submit`).set(op).send({}).expect(200);
  await t.http.post(`/api/operator/content/${itemId}/approve`).set(bearer((people.op2 as { token: string }).token)).send({}).expect(200);
  const versionId = (await t.http.get(`/api/operator/content/${itemId}`).set(op).expect(200)).body.publishedVersionId as string;
  return { itemId, versionId };
}

/** An agent shares the world's article; returns the signed share id. */
export async function shareArticle(t: TestApp, world: World, agentKey = 'a', channel = 'friend'): Promise<string> {
  const res = await t.http.post('/api/shares').set(bearer((world.people[agentKey] as { token: string }).token)).send({ contentVersionId: world.versionId, channel }).expect(201);
  return res.body.shareId as string;
}

/** A WeChat reader (logged in by `code`) opens agent `agentKey`'s share and reads 80 % of it; returns their session and contact. */
export async function openAndRead(t: TestApp, world: World, code: string, agentKey = 'a'): Promise<{ token: string; shareId: string; contactId: string }> {
  const shareId = await shareArticle(t, world, agentKey);
  const token = (await login(t, code)).token;
  const contactId = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(token)).expect(200)).body.contactId as string;
  await t.http.post('/api/events').set(bearer(token)).send({
    sentAtDeviceMs: t.clock.nowMs(),
    events: [{ clientEventId: randomUUID(), type: 'read_progress', shareId, depthPct: 80, dwellMs: 60_000, createdAtDeviceMs: t.clock.nowMs() }],
  }).expect(200);
  return { token, shareId, contactId };
}
