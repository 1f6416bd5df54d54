import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import type request from 'supertest';
import { contractChecked } from '../../server/src/testing/contract-check';
import { bearer, buildWorld, login, shareArticle, TestApp, World } from '../../server/src/testing/test-app';
import { testDatabaseServerUrl } from '../../server/src/testing/test-database';
import { startFakeWeChat, FakeWeChat } from '../../server/src/wechat/fake-wechat-server';

const MAIN = join(__dirname, '..', '..', 'server', 'dist', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real server (server/dist/main.js, built by `tsc -b`) in a child process under load, killed
 * with SIGKILL mid-batch and started again: every acknowledged event must be there, none twice.
 * On SQLite (a temp DATA_DIR) or on MariaDB (a fresh database) as TEST_DATABASE_URL says.
 */
describe('server killed mid-batch (SIGKILL) under load', () => {
  const serverUrl = testDatabaseServerUrl();
  const dbName = `kejing_t_kill_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'kejing-kill-'));
  let wechat: FakeWeChat;
  let child: ChildProcess | null = null;
  let port: number;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx tsc -b\` first (npm test does)`);
    wechat = await startFakeWeChat({ appId: 'wx-kill-test', appSecret: 'kill-test-secret' });
    port = await freePort();
    if (serverUrl) {
      const admin = await createConnection({ uri: serverUrl });
      await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await admin.end();
    }
    env = {
      PATH: process.env.PATH ?? '', NODE_ENV: 'development', PORT: String(port), DATA_DIR: dataDir, LOAD_DEMO: 'false', H5_DIR: join(dataDir, 'no-h5'),
      WECHAT_APP_ID: 'wx-kill-test', WECHAT_APP_SECRET: 'kill-test-secret', WECHAT_API_BASE_URL: wechat.baseUrl,
      SESSION_SECRET: randomBytes(32).toString('base64'), SHARE_SECRET: randomBytes(32).toString('base64'),
      PHONE_ENCRYPTION_KEY: randomBytes(32).toString('base64'), PHONE_HASH_KEY: randomBytes(32).toString('base64'),
      ADMIN_BOOTSTRAP_TOKEN: `kill-${randomBytes(8).toString('hex')}`, LOG_LEVEL: 'error', SCORING_POLL_MS: '600000',
      RATE_LIMIT_EVENTS_PER_USER: '0', RATE_LIMIT_EVENTS_PER_IP: '0', RATE_LIMIT_EVENTS_PER_SHARE: '0', RATE_LIMIT_LOGIN_PER_IP: '0',
      ...(serverUrl ? { DATABASE_URL: serverUrl.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`) } : {}),
    };
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await wechat?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (serverUrl) {
      const admin = await createConnection({ uri: serverUrl });
      await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await admin.end();
    }
  });

  async function startServer(): Promise<ReturnType<typeof request>> {
    child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c) => (stderr += c));
    const http = contractChecked(`http://127.0.0.1:${port}`);
    // Up to 30 s: on a loaded 2-core machine, starting and migrating on MariaDB once took over 10.
    for (let i = 0; i < 300; i++) {
      try {
        if ((await http.get('/health')).status === 200) return http;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start: ${stderr}`);
  }

  async function storedIds(ids: string[]): Promise<string[]> {
    const sql = `SELECT client_event_id AS id FROM touchpoint_event WHERE client_event_id IN (${ids.map(() => '?').join(',')})`;
    if (serverUrl) {
      const c = await createConnection({ uri: env.DATABASE_URL as string });
      const [rows] = await c.query(sql, ids);
      await c.end();
      return (rows as { id: string }[]).map((r) => r.id);
    }
    const db = new Database(join(dataDir, 'kejing.sqlite'), { readonly: true });
    const rows = db.prepare(sql).all(...ids) as { id: string }[];
    db.close();
    return rows.map((r) => r.id);
  }

  it('after restart, rows = acknowledged events (none lost, none twice); retried unacknowledged batches land exactly once', async () => {
    let http = await startServer();
    const t = { http, config: { adminBootstrapToken: env.ADMIN_BOOTSTRAP_TOKEN } } as unknown as TestApp;
    const world: World = await buildWorld(t);
    const shareId = await shareArticle(t, world);
    const viewers = await Promise.all(Array.from({ length: 6 }, async (_, i) => {
      const token = (await login(t, `kill-reader-${i}`)).token;
      await http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(token)).expect(200);
      return token;
    }));
    const sent: { token: string; events: { clientEventId: string }[] }[] = [];
    const acknowledged = new Set<string>();
    let requests = 0;
    let failures = 0;
    let killed = false;
    const now = Date.now();
    const client = async (token: string) => {
      while (!killed) {
        const events = Array.from({ length: 50 }, () => ({ clientEventId: randomUUID(), type: 'read_progress', shareId, depthPct: 70, dwellMs: 3000, createdAtDeviceMs: now }));
        sent.push({ token, events });
        requests += 1;
        try {
          const res = await http.post('/api/events').set(bearer(token)).send({ sentAtDeviceMs: now, events });
          if (res.status === 200 && res.body.stored + res.body.duplicates === events.length) for (const e of events) acknowledged.add(e.clientEventId);
          else failures += 1;
        } catch {
          failures += 1; // the connection died with the server: not acknowledged
        }
      }
    };
    const load = Promise.all(viewers.map(client));
    await new Promise((r) => setTimeout(r, 1500));
    child?.kill('SIGKILL');
    killed = true;
    await load;
    await new Promise((r) => child?.once('exit', r));

    http = await startServer();
    const all = sent.flatMap((b) => b.events.map((e) => e.clientEventId));
    const found = await storedIds(all);
    const foundSet = new Set(found);
    const lost = [...acknowledged].filter((id) => !foundSet.has(id));
    process.stdout.write(`SIGKILL (${serverUrl ? 'mysql' : 'sqlite'}): requests sent ${requests}, acknowledged events ${acknowledged.size}, failed/unanswered requests ${failures}; rows found ${found.length} (distinct ${foundSet.size}), acknowledged missing ${lost.length}\n`);
    expect(lost).toEqual([]);
    expect(found.length).toBe(foundSet.size);
    expect(acknowledged.size).toBeGreaterThan(0);

    // The clients retry everything not acknowledged; afterwards rows = everything sent, exactly once.
    let retries = 0;
    let fiveXX = 0;
    for (const b of sent) {
      if (b.events.every((e) => acknowledged.has(e.clientEventId))) continue;
      retries += 1;
      const res = await http.post('/api/events').set(bearer(b.token)).send({ sentAtDeviceMs: now, events: b.events });
      if (res.status >= 500) fiveXX += 1;
      expect(res.status).toBe(200);
    }
    const final = await storedIds(all);
    process.stdout.write(`SIGKILL (${serverUrl ? 'mysql' : 'sqlite'}) after retries: ${retries} batches retried, 5xx ${fiveXX}; rows expected ${all.length}, found ${final.length} (distinct ${new Set(final).size})\n`);
    expect(final.length).toBe(all.length);
    expect(new Set(final).size).toBe(all.length);
    child?.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
    child = null;
  }, 60_000);
});
