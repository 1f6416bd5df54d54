import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createServer, Socket, type Server as NetServer, type AddressInfo } from 'node:net';
import { createConnection } from 'mysql2/promise';
import type request from 'supertest';
import { contractChecked } from '../../server/src/testing/contract-check';
import type { DataSource } from 'typeorm';
import { createApp } from '../../server/src/app';
import { openDatabase } from '../../server/src/db/data-source';
import { ManualClock } from '../../server/src/lib/clock';
import { createLogger } from '../../server/src/lib/logger';
import { buildServices, Services } from '../../server/src/services';
import { bearer, buildWorld, login, shareArticle, testConfig, TestApp, TEST_NOW } from '../../server/src/testing/test-app';
import { testDatabaseServerUrl } from '../../server/src/testing/test-database';
import { FakeWeChat, startFakeWeChat } from '../../server/src/wechat/fake-wechat-server';

/**
 * A TCP proxy between the server and MariaDB that the test can cut or slow down: the database
 * "goes away" for this server only, as a network fault would, without touching the shared
 * MariaDB. MariaDB only: SQLite has no connection to cut (its lock-based fault is in
 * database-down.test.ts).
 */
class FaultyProxy {
  private server: NetServer | null = null;
  private readonly sockets = new Set<Socket>();
  mode: 'up' | 'cut' = 'up';
  latencyMs = 0;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (this.mode === 'cut') return void client.destroy();
      const upstream = new Socket();
      this.sockets.add(client);
      this.sockets.add(upstream);
      const pipe = (from: Socket, to: Socket) => from.on('data', (chunk) => {
        const send = () => (to.destroyed ? undefined : to.write(chunk));
        if (this.latencyMs > 0) setTimeout(send, this.latencyMs);
        else send();
      });
      pipe(client, upstream);
      pipe(upstream, client);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
      upstream.connect(this.target.port, this.target.host);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server?.address() as AddressInfo).port;
  }

  /** Drops every connection and refuses new ones. */
  cut(): void {
    this.mode = 'cut';
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.mode = 'up';
    this.latencyMs = 0;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const serverUrl = testDatabaseServerUrl();
// SQLite has no network connection to cut or slow down; its outage case is database-down.test.ts.
const describeMysql = serverUrl ? describe : describe.skip;

describeMysql('the database behind a faulty network (MariaDB through a TCP proxy)', () => {
  const name = `kejing_t_proxy_${randomBytes(4).toString('hex')}`;
  let proxy: FaultyProxy;
  let dataSource: DataSource;
  let services: Services;
  let wechat: FakeWeChat;
  let server: Server;
  let http: ReturnType<typeof request>;
  let viewer: string;
  let shareId: string;
  let direct: Awaited<ReturnType<typeof createConnection>>;

  beforeAll(async () => {
    const target = new URL(serverUrl as string);
    direct = await createConnection({ uri: serverUrl as string });
    await direct.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    proxy = new FaultyProxy({ host: target.hostname, port: Number(target.port || 3306) });
    await proxy.start();
    const viaProxy = `mysql://${target.username || 'root'}${target.password ? `:${target.password}` : ''}@127.0.0.1:${proxy.port}/${name}`;
    // Connect timeout as in production (longer than the health probe's 1.5 s), a small pool to make exhaustion show.
    dataSource = await openDatabase({ url: viaProxy, timeoutMs: 10_000, poolSize: 5 });
    wechat = await startFakeWeChat({ appId: 'wx-test-app', appSecret: 'TEST-APP-SECRET-must-never-leak' });
    const config = testConfig(wechat.baseUrl, { ingest: { flushMaxRows: 1000, flushMaxInFlight: 2, dbTimeoutMs: 1500 } });
    services = buildServices(config, dataSource, new ManualClock(TEST_NOW), createLogger('error', () => undefined));
    server = createApp(services).listen(0, '127.0.0.1');
    http = contractChecked(server);
    const t = { http, config } as unknown as TestApp;
    const world = await buildWorld(t);
    shareId = await shareArticle(t, world);
    viewer = (await login(t, 'proxy-customer')).token;
    await http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(viewer)).expect(200);
  }, 60_000);

  afterAll(async () => {
    proxy.restore();
    await services.writer.drain();
    await new Promise((r) => server.close(r));
    await dataSource.destroy().catch(() => undefined);
    await proxy.stop();
    await wechat.close();
    await direct.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await direct.end();
  });

  const batch = (n: number) => Array.from({ length: n }, () => ({ clientEventId: randomUUID(), type: 'read_progress', shareId, depthPct: 60, dwellMs: 5000, createdAtDeviceMs: TEST_NOW }));
  const send = (events: object[]) => http.post('/api/events').set(bearer(viewer)).send({ sentAtDeviceMs: TEST_NOW, events });
  const rows = async (ids: string[]) => {
    const [found] = await direct.query(`SELECT client_event_id FROM \`${name}\`.touchpoint_event WHERE client_event_id IN (${ids.map(() => '?').join(',')})`, ids);
    return (found as { client_event_id: string }[]).map((r) => r.client_event_id);
  };
  /** The client's retry loop: back off as Retry-After says, until the batch is acknowledged. */
  async function retryUntilAcknowledged(events: object[], stats: { sent: number; s503: number }): Promise<void> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const res = await send(events);
      stats.sent += 1;
      if (res.status === 200) return;
      expect(res.status).toBe(503);
      stats.s503 += 1;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('never acknowledged');
  }

  it('connection cut: 503 with Retry-After within 2 s; restored: every retried event stored exactly once, nothing acknowledged missing', async () => {
    const acknowledged = batch(20);
    await send(acknowledged).expect(200);
    proxy.cut();
    const pending = [batch(10), batch(10), batch(10)];
    const started = Date.now();
    const replies = await Promise.all(pending.map((b) => send(b)));
    const elapsed = Date.now() - started;
    const stats = { sent: 1 + replies.length, s503: replies.filter((r) => r.status === 503).length };
    for (const r of replies) {
      expect(r.status).toBe(503);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(r.text).not.toMatch(/ECONN|PROTOCOL|ER_|mysql|sql/i);
    }
    expect(elapsed).toBeLessThan(2000);
    proxy.restore();
    for (const b of pending) await retryUntilAcknowledged(b, stats);
    await retryUntilAcknowledged(acknowledged, stats); // a replay of acknowledged events changes nothing
    const all = [...acknowledged, ...pending.flat()].map((e) => e.clientEventId);
    const found = await rows(all);
    process.stdout.write(`db cut via proxy (mysql): requests sent ${stats.sent}, 503s ${stats.s503}, 5xx other than 503: 0, first 503s in ${elapsed} ms; rows expected ${all.length}, found ${found.length} (distinct ${new Set(found).size})\n`);
    expect(found.sort()).toEqual([...all].sort());
  }, 30_000);

  it('database slow (3 s per round trip): requests time out cleanly with 503, /health says degraded, and the pool is not exhausted afterwards', async () => {
    proxy.latencyMs = 3000;
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 12 }, () => send(batch(5))));
    const elapsed = Date.now() - started;
    const health = await http.get('/health');
    const statuses = replies.map((r) => r.status);
    expect(statuses.every((s) => s === 503 || s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(2500);
    process.stdout.write(`health while slow: ${health.status} ${JSON.stringify(health.body)}\n`);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    proxy.latencyMs = 0;
    // Slow queries still in flight drain; then the pool serves again at once (nothing leaked).
    await new Promise((r) => setTimeout(r, 3500));
    const after = Date.now();
    const ok = await Promise.all(Array.from({ length: 10 }, () => send(batch(2))));
    process.stdout.write(`db slow via proxy (mysql): requests sent ${replies.length + ok.length}, 503s ${statuses.filter((s) => s === 503).length}, 5xx other than 503: ${[...statuses, ...ok.map((r) => r.status)].filter((s) => s >= 500 && s !== 503).length}; health ${health.body.status}; 10 requests after recovery in ${Date.now() - after} ms\n`);
    expect(ok.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect((await http.get('/health').expect(200)).body.status).toBe('ok');
  }, 30_000);
});
