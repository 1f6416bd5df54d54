import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Connection, createConnection } from 'mysql2/promise';
import { openDatabase } from '../../server/src/db/data-source';
import { startFakeWeChat } from '../../server/src/wechat/fake-wechat-server';
import request from 'supertest';

/** server/dist/main.js: the real server as `npm start` runs it (built by `tsc -b`, which `npm test` runs first). */
export const SERVER_MAIN = join(__dirname, '..', '..', 'server', 'dist', 'main.js');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The environment every test server process shares: one set of secrets, so a token from one is good at the others. */
export function serverEnv(wechatBaseUrl: string, dataDir: string, databaseUrl: string | null): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '', NODE_ENV: 'development', DATA_DIR: dataDir, LOAD_DEMO: 'false', H5_DIR: join(dataDir, 'no-h5'),
    WECHAT_APP_ID: 'wx-test-app', WECHAT_APP_SECRET: 'TEST-APP-SECRET-must-never-leak', WECHAT_API_BASE_URL: wechatBaseUrl,
    SESSION_SECRET: randomBytes(32).toString('base64'), SHARE_SECRET: randomBytes(32).toString('base64'),
    PHONE_ENCRYPTION_KEY: randomBytes(32).toString('base64'), PHONE_HASH_KEY: randomBytes(32).toString('base64'),
    ADMIN_BOOTSTRAP_TOKEN: `proc-${randomBytes(8).toString('hex')}`, LOG_LEVEL: 'info',
    RATE_LIMIT_EVENTS_PER_USER: '0', RATE_LIMIT_EVENTS_PER_IP: '0', RATE_LIMIT_EVENTS_PER_SHARE: '0', RATE_LIMIT_LOGIN_PER_IP: '0',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

export interface BuiltServer {
  child: ChildProcess;
  http: ReturnType<typeof request>;
  /** Everything the process wrote, for a failing test to show. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts server/dist/main.js with `env` on a free port and resolves once /health answers, or once
 * its output matches `readyWhen` (a PROCESS_ROLE=worker process serves no HTTP).
 */
export async function startBuiltServer(env: Record<string, string>, readyWhen?: RegExp): Promise<BuiltServer> {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run \`npx tsc -b\` first (npm test does)`);
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_MAIN], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  const http = request(`http://127.0.0.1:${port}`);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    try {
      if (readyWhen ? readyWhen.test(output) : (await http.get('/health')).status === 200) return { child, http, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`server did not start: ${output}`);
}

/** A fresh database on the MySQL/MariaDB server of TEST_DATABASE_URL; returns its URL and how to drop it. */
export async function createServerDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: serverUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`),
    drop: async () => {
      const c = await createConnection({ uri: serverUrl });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** What a test of several server processes stands on; `close` stops the given servers, then the rest. */
export interface ProcessTestGround {
  env: Record<string, string>;
  db: Connection;
  rows: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
  close: (servers: BuiltServer[]) => Promise<void>;
}

/**
 * The local fake WeChat, a database of its own on `serverUrl` (migrated here, with today's daily
 * run marked done so it waits until the test makes it due), a data folder, the processes' settings
 * (`extraEnv` on top) and a connection for the test's checks.
 */
export async function prepareProcessTest(serverUrl: string, prefix: string, extraEnv: Record<string, string>): Promise<ProcessTestGround> {
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const wechat = await startFakeWeChat({ appId: 'wx-test-app', appSecret: 'TEST-APP-SECRET-must-never-leak' });
  const database = await createServerDatabase(serverUrl, prefix.replace(/-/g, '_'));
  const env = { ...serverEnv(wechat.baseUrl, dataDir, database.url), ...extraEnv };
  const migrated = await openDatabase({ url: database.url });
  await migrated.query("INSERT INTO job_cursor (name, position_ms, note) VALUES ('daily-job', ?, 'not due until the test says')", [Date.now()]);
  await migrated.destroy();
  const db = await createConnection({ uri: database.url });
  return {
    env, db,
    rows: async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params))[0] as T[],
    close: async (servers) => {
      await Promise.all(servers.map((s) => s.stop()));
      await db.end();
      await wechat.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
