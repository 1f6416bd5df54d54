'use strict';
/**
 * Ingestion benchmark (`npm run bench`, which builds first). One run, on a database of its own:
 *
 *   1. a bare Koa endpoint (Koa + @koa/router + the app's body parser, same options) and the real
 *      POST /api/events (real createApp, a real session token from the fake-WeChat login, real
 *      signed share ids), each driven by autocannon with single events and with batches of 10,
 *      every event with a fresh clientEventId;
 *   2. raw multi-row INSERTs of 1,000 rows into the same touchpoint_event table (mysql2 directly,
 *      or better-sqlite3 directly on SQLite) — the ceiling for the batch case;
 *   3. a durability check: requests still in flight when a phase stopped are retried, as a client
 *      would, and then the table must hold exactly one row per acknowledged event.
 *
 * Flags / environment (all optional):
 *   --sqlite | BENCH_DB=sqlite          SQLite file in a temp folder instead of MariaDB/MySQL
 *   BENCH_MYSQL_URL                     server to create the throwaway database on
 *                                       (default mysql://root@127.0.0.1:3306/test)
 *   BENCH_DURATION=10                   seconds each measured phase runs in all
 *   BENCH_ROUNDS=4                      slices each phase is cut into, interleaved with the phase
 *                                       it is compared with (noise on a shared machine hits both)
 *   BENCH_WARMUP=2                      seconds of unmeasured load before each HTTP phase
 *   BENCH_CONNECTIONS=100               autocannon connections
 *   BENCH_LOADGEN=child|same|both       where autocannon runs (default child; see README)
 *   BENCH_VIEWERS=50, BENCH_SHARES=4    distinct viewer sessions and share ids in the load
 *   BENCH_RAW_CONCURRENCY=1             connections the raw INSERT phase uses at once
 *   BENCH_RATE=0                        requests/s cap (0 = as fast as possible); with a cap below
 *                                       saturation the CPU µs per request are the figures to compare
 *   BENCH_PHASES=bare1,ingest1,bare10,ingest10,raw   a subset, for profiling (ratios need all)
 *   BENCH_PROFILE=<dir>                 write a V8 CPU profile of this process for each measured HTTP phase
 *   INGEST_FLUSH_MAX_ROWS, INGEST_FLUSH_MAX_IN_FLIGHT, BENCH_POOL_SIZE   server tuning
 */
require('reflect-metadata');
const { randomBytes, randomUUID } = require('node:crypto');
const { fork } = require('node:child_process');
const { mkdtempSync, rmSync, readFileSync } = require('node:fs');
const { tmpdir, cpus } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const dist = (p) => require(join(__dirname, '..', 'server', 'dist', p));
const { createApp } = dist('app');
const { openDatabase } = dist('db/data-source');
const { systemClock } = dist('lib/clock');
const { createLogger } = dist('lib/logger');
const { buildServices } = dist('services');
const { startFakeWeChat } = dist('wechat/fake-wechat-server');
const { testConfig } = dist('testing/test-app');
const { eventId } = dist('modules/events/event-id');
const { EVENT_BATCH_MAX_BYTES } = require('@kejing/shared');
const { runLoad } = require('./loadgen');

const env = process.env;
const int = (name, fallback) => {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${v}"`);
  return n;
};
const DEFAULTS = JSON.parse(readFileSync(join(__dirname, '..', 'config', 'default.json'), 'utf8'));
const OPTS = {
  db: process.argv.includes('--sqlite') || env.BENCH_DB === 'sqlite' ? 'sqlite' : 'mysql',
  mysqlUrl: env.BENCH_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test',
  duration: int('BENCH_DURATION', 10),
  warmup: int('BENCH_WARMUP', 2),
  connections: int('BENCH_CONNECTIONS', 100),
  loadgen: env.BENCH_LOADGEN || 'child',
  viewers: int('BENCH_VIEWERS', 50),
  shares: int('BENCH_SHARES', 4),
  rawConcurrency: int('BENCH_RAW_CONCURRENCY', 1),
  rawBatch: 1000,
  rounds: Math.max(1, Math.round(int('BENCH_ROUNDS', 4))),
  rate: int('BENCH_RATE', 0),
  phases: (env.BENCH_PHASES || 'bare1,ingest1,bare10,ingest10,raw').split(','),
  flushMaxRows: int('INGEST_FLUSH_MAX_ROWS', DEFAULTS.ingest.flushMaxRows),
  flushMaxInFlight: int('INGEST_FLUSH_MAX_IN_FLIGHT', DEFAULTS.ingest.flushMaxInFlight),
  dbTimeoutMs: int('DB_TIMEOUT_MS', DEFAULTS.ingest.dbTimeoutMs),
  poolSize: int('BENCH_POOL_SIZE', 10),
};
if (!['child', 'same', 'both'].includes(OPTS.loadgen)) throw new Error('BENCH_LOADGEN must be child, same or both');

const COLUMNS = [
  'id', 'client_event_id', 'contact_id', 'agent_id', 'share_id', 'content_version_id', 'type', 'occurred_at_ms', 'received_at_ms',
  'depth_pct', 'dwell_ms', 'video_pct', 'video_position_sec', 'nps_score', 'note',
];

const log = (...args) => process.stderr.write(`${args.join(' ')}\n`);
const fmt = (n, digits = 0) => (n === null || n === undefined || Number.isNaN(n) ? '—' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const pct = (x) => `${(x * 100).toFixed(1)} %`;

// ---------------------------------------------------------------------------------------------
// CPU accounting: the machine is shared (load generator, server and database on 2 cores), so each
// phase reports who used the CPU, including anything else running on the machine at the time.

const CLK_TCK = 100;
function machineCpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, _idle, _iowait, irq, softirq, steal] = f;
  return { busy: (user + nice + system + irq + softirq + steal) / CLK_TCK, total: f.slice(0, 8).reduce((a, b) => a + b, 0) / CLK_TCK };
}
function findPid(names) {
  try {
    for (const d of require('node:fs').readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        if (names.includes(readFileSync(`/proc/${d}/comm`, 'utf8').trim())) return Number(d);
      } catch { /* gone */ }
    }
  } catch { /* no /proc */ }
  return null;
}
function pidCpu(pid) {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}
const DB_PID = findPid(['mariadbd', 'mysqld']);
function cpuMeter() {
  const m0 = machineCpu();
  const p0 = process.cpuUsage();
  const d0 = pidCpu(DB_PID);
  const t0 = performance.now();
  return (loadgenCpuSec, loadgenInProcess) => {
    const m1 = machineCpu();
    const p = process.cpuUsage(p0);
    const wall = (performance.now() - t0) / 1000;
    const self = (p.user + p.system) / 1e6;
    // In the same process the two cannot be told apart: the server column then includes the load generator.
    const server = self;
    if (loadgenInProcess) loadgenCpuSec = 0;
    const db = pidCpu(DB_PID) - d0;
    const busy = m1.busy - m0.busy;
    const share = (x) => Math.round((x / wall) * 100);
    return {
      machine: share(busy), server: share(server), loadgen: share(loadgenCpuSec), db: share(db), other: Math.max(0, share(busy - self - (loadgenInProcess ? 0 : loadgenCpuSec) - db)),
      serverSec: server, dbSec: db,
    };
  };
}

/** A CPU profile of this process (the server) over one phase, when BENCH_PROFILE names a folder. */
async function profiled(name, fn) {
  if (!env.BENCH_PROFILE) return fn();
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await post('Profiler.stop');
    require('node:fs').mkdirSync(env.BENCH_PROFILE, { recursive: true });
    require('node:fs').writeFileSync(join(env.BENCH_PROFILE, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// Database

async function createBenchDatabase() {
  const name = `kejing_bench_${randomBytes(4).toString('hex')}`;
  if (OPTS.db === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${name}-`));
    const path = join(dir, 'kejing.sqlite');
    const dataSource = await openDatabase({ url: null, sqlitePath: path });
    return { name: path, kind: 'sqlite', dataSource, path, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const mysql = require('mysql2/promise');
  const admin = await mysql.createConnection({ uri: OPTS.mysqlUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = OPTS.mysqlUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  const [[version]] = await admin.query('SELECT VERSION() AS v, @@innodb_flush_log_at_trx_commit AS flush, @@innodb_buffer_pool_size AS pool, @@sync_binlog AS sb, @@log_bin AS lb');
  const dataSource = await openDatabase({ url, timeoutMs: 10_000, poolSize: OPTS.poolSize });
  return {
    name, kind: 'mysql', dataSource, url, version,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The real app and the bare endpoint, both in this process

async function listen(app) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  server.keepAliveTimeout = 60_000;
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

function bareApp() {
  const Koa = require('koa');
  const Router = require('@koa/router');
  const { bodyParser } = require('@koa/bodyparser');
  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: EVENT_BATCH_MAX_BYTES, encoding: 'utf-8' }));
  const router = new Router();
  router.post('/api/events', (ctx) => {
    const events = ctx.request.body && Array.isArray(ctx.request.body.events) ? ctx.request.body.events : [];
    ctx.body = { stored: events.length, duplicates: 0, invalid: [] };
  });
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

async function api(base, method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Through the real API: an organisation, an agent bound by invite, approved content, shares, viewers. */
async function buildWorld(base, config) {
  // The bootstrap token creates the company and the first admin only; that admin, bound, does the rest.
  const bootstrap = config.adminBootstrapToken;
  const company = (await api(base, 'POST', '/api/admin/org-units', bootstrap, { kind: 'company', name: '压测保险公司' })).id;
  const firstAdmin = await api(base, 'POST', '/api/admin/staff', bootstrap, { name: '压测管理员', role: 'admin', orgUnitId: company });
  const adminLogin = await api(base, 'POST', '/api/auth/login', null, { code: `bench-admin-${randomUUID().slice(0, 8)}` });
  const admin = (await api(base, 'POST', '/api/auth/bind', adminLogin.token, { inviteCode: firstAdmin.inviteCode })).token;
  const unit = async (kind, name, parentId) => (await api(base, 'POST', '/api/admin/org-units', admin, { kind, name, ...(parentId ? { parentId } : {}) })).id;
  const branch = await unit('branch', '压测分公司', company);
  const team = await unit('team', '压测一组', branch);
  const staff = await api(base, 'POST', '/api/admin/staff', admin, { name: '压测代理人', role: 'agent', orgUnitId: team, licenceNo: 'LIC-BENCH' });
  const agentLogin = await api(base, 'POST', '/api/auth/login', null, { code: `bench-agent-${randomUUID().slice(0, 8)}` });
  const agent = await api(base, 'POST', '/api/auth/bind', agentLogin.token, { inviteCode: staff.inviteCode });
  // Content is published through the compliance check, on behalf of the WeChat-bound admin.
  const content = await api(base, 'POST', '/api/admin/content', admin, {
    kind: 'article', title: '重疾险的三个误区', summary: '买重疾险前要知道的事', bodyHtml: '<p>正文</p>', tags: ['need:critical_illness'],
  });
  const shareIds = [];
  for (let i = 0; i < OPTS.shares; i++) {
    shareIds.push((await api(base, 'POST', '/api/shares', agent.token, { contentVersionId: content.versionId, channel: 'friend' })).shareId);
  }
  const tokens = [];
  for (let i = 0; i < OPTS.viewers; i++) {
    const viewer = await api(base, 'POST', '/api/auth/login', null, { code: `bench-viewer-${i}-${randomUUID().slice(0, 8)}` });
    await api(base, 'POST', `/api/shares/${encodeURIComponent(shareIds[i % shareIds.length])}/open`, viewer.token, {});
    tokens.push(viewer.token);
  }
  return { agentStaffId: staff.staffId, contentVersionId: content.versionId, shareIds, tokens };
}

// ---------------------------------------------------------------------------------------------
// Load generator placement

function childLoadgen() {
  const child = fork(join(__dirname, 'loadgen.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let next = 0;
  const waiting = new Map();
  const ready = new Promise((resolve) => child.once('message', resolve));
  child.on('message', (m) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new Error(m.error));
    else w.resolve(m.result);
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`load generator exited with ${code}`));
    waiting.clear();
  });
  return {
    name: 'child process',
    run: async (options) => {
      await ready;
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ id, options });
      });
    },
    close: () => {
      if (child.connected) child.send('exit');
    },
  };
}

const sameLoadgen = () => ({ name: 'same process', run: runLoad, close: () => {} });

// ---------------------------------------------------------------------------------------------
// Raw multi-row INSERT ceiling

function rawRows(n, ids) {
  const now = Date.now();
  const params = new Array(n * COLUMNS.length);
  let p = 0;
  for (let i = 0; i < n; i++) {
    params[p++] = eventId(); params[p++] = randomUUID(); params[p++] = ids.contactIds[(ids.turn++) % ids.contactIds.length]; params[p++] = ids.agentId;
    params[p++] = ids.shareId; params[p++] = ids.contentVersionId; params[p++] = 'read_progress'; params[p++] = now - 1000;
    params[p++] = now; params[p++] = i % 101; params[p++] = 12_000; params[p++] = null; params[p++] = null; params[p++] = null; params[p++] = null;
  }
  return params;
}

/**
 * The raw ceiling is measured in slices interleaved with the batch ingestion phase, so that on
 * average it sees the same table size (InnoDB inserts slow down as a table grows) and the same
 * background load.
 */
function rawMeasurer(db, ids) {
  const parts = [];
  return {
    run: async (seconds) => {
      const meter = cpuMeter();
      const part = db.kind === 'sqlite' ? rawInsertSqlite(db, seconds, ids) : await rawInsertMysql(db, seconds, ids);
      part.cpu = meter(0, false);
      part.rowsPerSec = part.measured / part.elapsed;
      parts.push(part);
      log(`  raw INSERT (${seconds}s)${' '.repeat(30)} ${fmt(part.rowsPerSec)} rows/s  cpu ${JSON.stringify(part.cpu)}`);
    },
    result: () => {
      if (parts.length === 0) return null;
      const measured = parts.reduce((n, p) => n + p.measured, 0);
      const elapsed = parts.reduce((n, p) => n + p.elapsed, 0);
      const latencies = parts.flatMap((p) => p.latencies);
      const worst = (k) => Math.max(...parts.map((p) => p.cpu[k]));
      return {
        rowsPerSec: measured / elapsed, statements: latencies.length, ...summariseLatencies(latencies), parts: parts.map((p) => p.rowsPerSec),
        cpu: { server: worst('server'), db: worst('db'), other: worst('other') },
      };
    },
  };
}

function summariseLatencies(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

async function rawInsertMysql(db, seconds, ids) {
  const mysql = require('mysql2/promise');
  const sql = `INSERT INTO touchpoint_event (${COLUMNS.join(',')}) VALUES ${Array.from({ length: OPTS.rawBatch }, () => `(${COLUMNS.map(() => '?').join(',')})`).join(',')}`;
  const conns = await Promise.all(Array.from({ length: OPTS.rawConcurrency }, () => mysql.createConnection({ uri: db.url, charset: 'utf8mb4_unicode_ci' })));
  // One statement of warm-up per connection, not counted (and not counted as ingested either).
  let rows = 0;
  for (const c of conns) {
    await c.query(sql, rawRows(OPTS.rawBatch, ids));
    rows += OPTS.rawBatch;
  }
  const latencies = [];
  let measured = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(conns.map(async (c) => {
    let params = rawRows(OPTS.rawBatch, ids);
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const pending = c.query(sql, params);
      params = rawRows(OPTS.rawBatch, ids); // build the next batch while this one runs
      await pending;
      latencies.push(performance.now() - t0);
      measured += OPTS.rawBatch;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(conns.map((c) => c.end()));
  return { measured, elapsed, latencies, rowsInserted: rows + measured };
}

function rawInsertSqlite(db, seconds, ids) {
  const Database = require('better-sqlite3');
  const handle = new Database(db.path);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('busy_timeout = 5000');
  const stmt = handle.prepare(`INSERT INTO touchpoint_event (${COLUMNS.join(',')}) VALUES ${Array.from({ length: OPTS.rawBatch }, () => `(${COLUMNS.map(() => '?').join(',')})`).join(',')}`);
  stmt.run(rawRows(OPTS.rawBatch, ids));
  let rows = OPTS.rawBatch;
  const latencies = [];
  let measured = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    const params = rawRows(OPTS.rawBatch, ids);
    const t0 = performance.now();
    stmt.run(params);
    latencies.push(performance.now() - t0);
    measured += OPTS.rawBatch;
  }
  const elapsed = (performance.now() - started) / 1000;
  handle.close();
  return { measured, elapsed, latencies, rowsInserted: rows + measured };
}

// ---------------------------------------------------------------------------------------------

/** Retries what a phase left unsettled, as a client would: the server stores a retried event once. */
async function settle(base, unsettled, eventsPerRequest) {
  let acked = 0;
  let attempts = 0;
  const queue = [...unsettled];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      for (let attempt = 1; ; attempt++) {
        attempts++;
        const res = await fetch(`${base}/api/events`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${item.token}` }, body: item.body,
        }).catch(() => null);
        if (res && res.ok) {
          const body = await res.json();
          if (body.stored + body.duplicates !== eventsPerRequest) throw new Error(`a retried request was not wholly accepted: ${JSON.stringify(body)}`);
          acked += eventsPerRequest;
          break;
        }
        if (attempt >= 10) throw new Error(`a retried request kept failing: ${res ? res.status : 'no connection'}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { acked, attempts };
}

/**
 * What 90 % of the bare endpoint's rate would cost this machine: each party's CPU per request as
 * measured in the ingestion phase, times that rate, against the cores there are. Over 100 % of
 * the machine, the single-event target cannot be met here however the server is tuned, because
 * the database and the load generator share the cores with it.
 */
function cpuBudget(bare, ingest) {
  const rate = 0.9 * bare.reqPerSec;
  const perReq = (share) => (share / 100 / ingest.reqPerSec) * 1e6; // µs of CPU per request
  const server = perReq(ingest.cpu.server);
  const loadgen = perReq(ingest.cpu.loadgen);
  const db = perReq(ingest.cpu.db);
  const other = perReq(ingest.cpu.other);
  const needed = (rate * (server + loadgen + db + other)) / 1e6 / cpus().length;
  const bareServer = (bare.cpu.server / 100 / bare.reqPerSec) * 1e6;
  return `CPU budget at 90 % of bare (${fmt(rate)} req/s): server ${fmt(server)} + load generator ${fmt(loadgen)} + database ${fmt(db)} + other ${fmt(other)} µs per request = ${fmt(needed * 100)} % of the machine's ${cpus().length} cores (the bare endpoint's server alone: ${fmt(bareServer)} µs/req)`;
}

async function main() {
  const t0 = performance.now();
  log(`bench: ${OPTS.db}, ${OPTS.connections} connections, ${OPTS.duration}s per phase (+${OPTS.warmup}s warm-up), load generator: ${OPTS.loadgen}`);
  const db = await createBenchDatabase();
  const cleanups = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch((e) => log('cleanup:', e.message));
  };
  cleanups.push(() => db.drop());
  cleanups.push(async () => { if (db.dataSource.isInitialized) await db.dataSource.destroy(); });
  try {
    const wechat = await startFakeWeChat({ appId: 'wx-bench-app', appSecret: 'bench-app-secret' });
    cleanups.push(() => wechat.close());
    const config = testConfig(wechat.baseUrl, {
      ingest: { flushMaxRows: OPTS.flushMaxRows, flushMaxInFlight: OPTS.flushMaxInFlight, dbTimeoutMs: OPTS.dbTimeoutMs },
    });
    config.wechat = { ...config.wechat, appId: 'wx-bench-app', appSecret: 'bench-app-secret' };
    const serverLog = { lines: 0, first: [] };
    const logger = createLogger('warn', (line) => {
      serverLog.lines++;
      if (serverLog.first.length < 5) serverLog.first.push(line);
    });
    const services = buildServices(config, db.dataSource, systemClock, logger);
    const kejing = await listen(createApp(services));
    cleanups.push(() => new Promise((r) => kejing.server.close(r)));
    cleanups.push(() => services.writer.drain());
    const bare = await listen(bareApp());
    cleanups.push(() => new Promise((r) => bare.server.close(r)));

    const world = await buildWorld(kejing.url, config);
    const shareRow = (await db.dataSource.query('SELECT id, agent_id AS agentId, content_version_id AS contentVersionId FROM share LIMIT 1'))[0];
    log(`bench: world ready (${world.tokens.length} viewers, ${world.shareIds.length} shares) in ${((performance.now() - t0) / 1000).toFixed(1)}s`);

    const placements = OPTS.loadgen === 'both' ? [childLoadgen(), sameLoadgen()] : [OPTS.loadgen === 'same' ? sameLoadgen() : childLoadgen()];
    for (const p of placements) cleanups.push(async () => p.close());

    let ackedEvents = 0;
    let retried = { requests: 0, events: 0, attempts: 0 };
    const slices = [];
    /** One autocannon run against one endpoint; ingestion runs are accounted for the durability check. */
    const run = async (loadgen, kind, target, eventsPerRequest, durationSec, measured) => {
      const options = {
        url: target.url, connections: OPTS.connections, eventsPerRequest, tokens: world.tokens, shareIds: world.shareIds, durationSec, overallRate: OPTS.rate,
      };
      const meter = cpuMeter();
      const w0 = { ...services.writer.totals };
      const r = await profiled(`${kind}-${loadgen.name.replace(/\W+/g, '-')}-${slices.length}`, () => loadgen.run(options));
      r.cpu = meter(r.cpuSec, loadgen.name === 'same process');
      const w1 = services.writer.totals;
      r.commits = w1.commits - w0.commits;
      r.committedRows = w1.rows - w0.rows;
      if (target === kejing) {
        ackedEvents += r.ackedEvents;
        if (r.unsettled.length > 0) {
          const s = await settle(kejing.url, r.unsettled, eventsPerRequest);
          ackedEvents += s.acked;
          retried = { requests: retried.requests + r.unsettled.length, events: retried.events + s.acked, attempts: retried.attempts + s.attempts };
        }
      }
      if (measured) {
        slices.push({ loadgen: loadgen.name, kind, eventsPerRequest, ...r, unsettled: r.unsettled.length });
        log(`  ${kind.padEnd(9)} ${fmt(r.reqPerSec).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.nonOk}  cpu ${JSON.stringify(r.cpu)}${r.commits ? `  ${fmt(r.commits / r.durationSec)} commits/s, ${fmt(r.committedRows / r.commits, 1)} rows/commit` : ''}`);
      }
      return r;
    };

    // Raw rows go to the same contacts as the ingested ones (the same index positions: a single
    // contact would make every index insert land on one page, an unfairly easy ceiling); they are
    // told apart by an agent id of their own.
    const contactIds = (await db.dataSource.query('SELECT id FROM contact')).map((r) => r.id);
    const rawIds = { contactIds, turn: 0, agentId: randomUUID(), shareId: shareRow.id, contentVersionId: shareRow.contentVersionId };
    const rawPhase = rawMeasurer(db, rawIds);
    const want = (name) => OPTS.phases.includes(name);
    const slice = OPTS.duration / OPTS.rounds;
    for (const [p, loadgen] of placements.entries()) {
      log(`bench: load generator in a ${loadgen.name}; ${OPTS.rounds} rounds of ${slice.toFixed(1)}s per phase, alternating`);
      // Warm-up (JIT, pools, caches), not measured.
      if (OPTS.warmup > 0) {
        for (const [kind, target, n] of [['bare1', bare, 1], ['ingest1', kejing, 1], ['bare10', bare, 10], ['ingest10', kejing, 10]]) {
          if (want(kind)) await run(loadgen, kind, target, n, OPTS.warmup, false);
        }
      }
      // Interleaved rounds, the order flipped every round, so that whatever else the machine is
      // doing, and the table's growth, weigh on the compared phases alike.
      for (let round = 0; round < OPTS.rounds; round++) {
        const single = [['bare1', bare], ['ingest1', kejing]];
        for (const [kind, target] of round % 2 ? single.reverse() : single) if (want(kind)) await run(loadgen, kind, target, 1, slice, true);
      }
      for (let round = 0; round < OPTS.rounds; round++) {
        const batch = [['bare10', bare], ['raw', null], ['ingest10', kejing]];
        for (const [kind, target] of round % 2 ? batch.reverse() : batch) {
          if (!want(kind)) continue;
          if (kind === 'raw') {
            if (p === 0) await rawPhase.run(slice);
          } else {
            await run(loadgen, kind, target, 10, slice, true);
          }
        }
      }
    }
    await services.writer.drain();
    const raw = rawPhase.result() ?? { rowsPerSec: NaN, statements: 0, p50: NaN, p99: NaN, max: NaN, parts: [], cpu: { server: 0, db: 0, other: 0 } };

    /** The slices of one kind merged: total 2xx over total time, exact percentiles over every latency. */
    const merged = (loadgen, kind) => {
      const parts = slices.filter((x) => x.loadgen === loadgen && x.kind === kind);
      if (parts.length === 0) return null;
      const sum = (k) => parts.reduce((n, x) => n + x[k], 0);
      const seconds = sum('durationSec');
      const lat = summariseLatencies(parts.flatMap((x) => x.latencies));
      const weighted = (k) => Math.round(parts.reduce((n, x) => n + x.cpu[k] * x.durationSec, 0) / seconds);
      return {
        requests: sum('requests'), seconds, reqPerSec: sum('requests') / seconds, eventsPerSec: (sum('requests') * parts[0].eventsPerRequest) / seconds,
        p50: lat.p50, p99: lat.p99, max: lat.max, nonOk: sum('nonOk') + sum('errors'), perRound: parts.map((x) => x.reqPerSec),
        serverUsPerReq: (parts.reduce((n, x) => n + x.cpu.serverSec, 0) / sum('requests')) * 1e6,
        dbUsPerEvent: (parts.reduce((n, x) => n + x.cpu.dbSec, 0) / (sum('requests') * parts[0].eventsPerRequest)) * 1e6,
        commitsPerSec: sum('commits') / seconds, rowsPerCommit: sum('commits') ? sum('committedRows') / sum('commits') : 0,
        cpu: { server: weighted('server'), loadgen: weighted('loadgen'), db: weighted('db'), other: weighted('other') },
      };
    };
    const byPlacement = placements.map((l) => ({
      loadgen: l.name, bare1: merged(l.name, 'bare1'), ingest1: merged(l.name, 'ingest1'), bare10: merged(l.name, 'bare10'), ingest10: merged(l.name, 'ingest10'),
    }));

    const count = async (sql, params) => Number((await db.dataSource.query(sql, params))[0].n);
    const totalRows = await count('SELECT COUNT(*) AS n FROM touchpoint_event', []);
    const rawRowsInTable = await count('SELECT COUNT(*) AS n FROM touchpoint_event WHERE agent_id = ?', [rawIds.agentId]);
    const ingestedRows = totalRows - rawRowsInTable;

    // ---------------------------------------------------------------------------------------
    const out = [];
    const say = (s = '') => out.push(s);
    say();
    say(`Kejing ingestion benchmark — ${new Date().toISOString()}`);
    say(`database: ${db.kind === 'mysql' ? `${db.version.v} (innodb_flush_log_at_trx_commit=${db.version.flush}, buffer pool ${Math.round(db.version.pool / 1048576)} MB, binlog ${db.version.lb ? 'on' : 'off'})` : 'SQLite (better-sqlite3, WAL, synchronous=NORMAL)'}; throwaway database ${db.kind === 'mysql' ? db.name : 'file'}`);
    say(`machine: ${cpus().length} cores (${cpus()[0].model.trim()}), node ${process.version}; ${OPTS.connections} connections, pipelining 1; ${OPTS.duration}s per phase in ${OPTS.rounds} interleaved rounds, after ${OPTS.warmup}s warm-up`);
    say(`server: flushMaxRows ${OPTS.flushMaxRows}, flushMaxInFlight ${db.kind === 'sqlite' ? 1 : OPTS.flushMaxInFlight}, pool ${OPTS.poolSize}; ${world.tokens.length} viewer sessions, ${world.shareIds.length} shares`);
    for (const row of byPlacement) {
      say();
      say(`load generator: ${row.loadgen}${row.loadgen === 'same process' ? ' (the server CPU column includes the load generator)' : ''}`);
      say(`  ${'phase'.padEnd(40)} ${'req/s'.padStart(9)} ${'events/s'.padStart(10)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'non-2xx'.padStart(8)}   CPU % of one core: server / load gen / db / other`);
      for (const [key, label] of [['bare1', 'bare Koa endpoint, 1 event'], ['ingest1', 'POST /api/events, 1 event'], ['bare10', 'bare Koa endpoint, batch of 10'], ['ingest10', 'POST /api/events, batch of 10']]) {
        const r = row[key];
        if (!r) continue;
        say(`  ${label.padEnd(40)} ${fmt(r.reqPerSec).padStart(9)} ${fmt(r.eventsPerSec).padStart(10)} ${fmt(r.p50, 1).padStart(7)} ${fmt(r.p99, 1).padStart(7)} ${fmt(r.max).padStart(7)} ${fmt(r.nonOk).padStart(8)}   ${r.cpu.server} / ${r.cpu.loadgen} / ${r.cpu.db} / ${r.cpu.other}   server ${fmt(r.serverUsPerReq)} µs/req, db ${fmt(r.dbUsPerEvent)} µs/event; rounds: ${r.perRound.map((x) => fmt(x)).join(' ')}${r.commitsPerSec ? `; ${fmt(r.commitsPerSec)} commits/s of ${fmt(r.rowsPerCommit, 1)} rows` : ''}`);
      }
    }
    say();
    say(`raw multi-row INSERT (${OPTS.rawBatch} rows/statement, ${OPTS.rawConcurrency} connection, ${db.kind === 'mysql' ? 'mysql2' : 'better-sqlite3'} directly): ${fmt(raw.rowsPerSec)} rows/s (rounds: ${raw.parts.map((h) => fmt(h)).join(' ')}), ${raw.statements} statements, p50 ${raw.p50.toFixed(1)} ms, p99 ${raw.p99.toFixed(1)} ms; CPU % bench / db / other: ${raw.cpu.server} / ${raw.cpu.db} / ${raw.cpu.other}`);
    say();
    say('ratios');
    for (const row of byPlacement) {
      if (row.ingest1 && row.bare1) {
        const r1 = row.ingest1.reqPerSec / row.bare1.reqPerSec;
        say(`  [${row.loadgen}] single event: ingestion ${fmt(row.ingest1.reqPerSec)} / bare ${fmt(row.bare1.reqPerSec)} req/s = ${pct(r1)} (target ≥ 90 %: ${r1 >= 0.9 ? 'met' : 'NOT met'}); p99 ${row.ingest1.p99} ms (target ≤ 30 ms: ${row.ingest1.p99 <= 30 ? 'met' : 'NOT met'}; the bare endpoint's own p99 here: ${row.bare1.p99} ms)`);
        if (row.loadgen !== 'same process') say(`  [${row.loadgen}] ${cpuBudget(row.bare1, row.ingest1)}`);
      }
      if (row.ingest10 && row.bare10 && raw.rowsPerSec > 0) {
        const r10 = row.ingest10.eventsPerSec / raw.rowsPerSec;
        const rBare10 = row.ingest10.reqPerSec / row.bare10.reqPerSec;
        say(`  [${row.loadgen}] batch of 10: ingestion ${fmt(row.ingest10.eventsPerSec)} events/s / raw INSERT ${fmt(raw.rowsPerSec)} rows/s = ${pct(r10)} (target ≥ 80 %: ${r10 >= 0.8 ? 'met' : 'NOT met'})`);
        say(`  [${row.loadgen}] batch of 10 vs bare endpoint: ${fmt(row.ingest10.reqPerSec)} / ${fmt(row.bare10.reqPerSec)} req/s = ${pct(rBare10)}`);
      }
      if (!row.ingest1 || !row.bare1 || !row.ingest10 || !row.bare10 || !(raw.rowsPerSec > 0)) say('  (some phases were skipped: some ratios are missing)');
    }
    const noisy = slices.filter((r) => r.cpu.other > 25).length + raw.parts.length * 0;
    const worstOther = Math.max(raw.cpu.other, ...slices.map((r) => r.cpu.other));
    if (worstOther > 25) {
      say();
      say(`WARNING: other processes used up to ${worstOther} % of one core during the measurement (${noisy} of ${slices.length} slices over 25 %):`);
      say('  absolute figures understate this machine; the interleaved ratios are the figures to read.');
    }
    say();
    const ok = ingestedRows === ackedEvents;
    say(`durability: ${fmt(ackedEvents)} events acknowledged (2xx), ${fmt(ingestedRows)} rows ingested in touchpoint_event → ${ok ? 'EQUAL' : 'MISMATCH'}`);
    say(`  (${retried.requests} requests were in flight when a phase stopped or not answered 2xx and were retried once settled: ${fmt(retried.events)} events, ${retried.attempts} attempts; plus ${fmt(rawRowsInTable)} raw-INSERT rows in the same table; server warnings: ${serverLog.lines})`);
    for (const l of serverLog.first) say(`  server log: ${l}`);
    say(`total bench time ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    process.stdout.write(`${out.join('\n')}\n`);
    if (!ok) process.exitCode = 1;
    if (env.BENCH_JSON) require('node:fs').writeFileSync(env.BENCH_JSON, JSON.stringify({ opts: OPTS, byPlacement, raw: { ...raw, latencies: undefined }, ackedEvents, ingestedRows }, null, 2));
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
