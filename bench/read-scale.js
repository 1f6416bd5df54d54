'use strict';
/**
 * Issue 15 item 4: the agent's reads in a big database. An agent with 2,000 contacts among
 * BENCH_TOTAL_CONTACTS (default 10,000,000) contacts of 5,000 agents, every contact scored, one
 * follow-up on each of the agent's contacts (three in four open or snoozed) and on one in five of
 * everybody else's. Measured through the real HTTP endpoints (createApp on a real port, a session
 * token from the fake-WeChat login and an invite), one request at a time after a warm-up:
 *
 *   GET /api/tasks/today     the morning list: its first page, and the page after 200 tasks
 *   GET /api/contacts        the contact list (first page, and page 50 of a filter)
 *   GET /api/contacts/grid   the grid (counts per cell and per stage)
 *
 * BENCH_DB=sqlite (default; a file in BENCH_SQLITE_PATH, kept when given) or mysql (database
 * BENCH_MYSQL_DB on BENCH_MYSQL_URL's server; dropped at the end unless BENCH_KEEP=1). A database
 * that already holds the contacts is reused (seeding 10M rows takes minutes), and migrated first.
 * BENCH_ITERATIONS (default 1,000 per read), BENCH_WARMUP (100), BENCH_READS (which reads, by index:
 * `0,1` the morning list's two), BENCH_CPU_PROFILE=<file> (the process during the measured requests,
 * server and client both: they share it).
 */
require('reflect-metadata');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir, loadavg } = require('node:os');
const { join } = require('node:path');

const dist = (p) => require(join(__dirname, '..', 'server', 'dist', p));
const { createApp } = dist('app');
const { openDatabase } = dist('db/data-source');
const { systemClock } = dist('lib/clock');
const { createLogger } = dist('lib/logger');
const { buildServices } = dist('services');
const { startFakeWeChat } = dist('wechat/fake-wechat-server');
const { testConfig } = dist('testing/test-app');
const { startCpuProfile } = require('./cpu-profile');

const env = (name, fallback) => (process.env[name] === undefined || process.env[name] === '' ? fallback : Number(process.env[name]));
const TOTAL = env('BENCH_TOTAL_CONTACTS', 10_000_000);
const AGENT_CONTACTS = 2000;
const AGENTS = Math.max(1, Math.round(TOTAL / AGENT_CONTACTS));
const ITERATIONS = env('BENCH_ITERATIONS', 1000);
const WARMUP = env('BENCH_WARMUP', 100);
const DAY_MS = 86_400_000;
const NOW = Date.now();
const useMysql = process.env.BENCH_DB === 'mysql';

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const line = (label, value) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);
const hex12 = (n) => n.toString(16).padStart(12, '0');
const contactId = (i) => `00000000-0000-4000-8000-${hex12(i)}`;
/**
 * The measured agent has every AGENTS-th contact: its 2,000 rows are spread over the whole table
 * (one per page, as contacts arrive over the years: the worst case for the reads). The other
 * agents' contacts come in runs, so that seeding appends to the agent-led indexes instead of
 * writing at random into B-trees far larger than the buffer pool (hours instead of minutes).
 */
const agentOf = (i) => (i % AGENTS === 0 ? 0 : 1 + Math.floor((i * (AGENTS - 1)) / TOTAL));
const agentId = (k, target) => (k === 0 ? target : `a0000000-0000-4000-8000-${hex12(k)}`);
/** Stage entries the last scoring showed (the explanation itself is worked out from the state when read). */
const STAGE_ENTRIES = 3;
const TAGS = '[{"tag":"need:critical_illness","weight":3},{"tag":"need:medical","weight":1}]';
const BANDS = ['low', 'mid', 'high'];
const TASK_BECAUSE = '[{"type":"read_complete","atMs":1764000000000,"contentTitle":"重疾险的三个误区"}]';

/** The seeded values of contact i (the same formulas in JS for SQLite and in SQL for MariaDB). */
function contactRow(i, target) {
  const h = (i * 2654435761) % 4294967296;
  const trust = h % 101;
  const intent = Math.floor(h / 128) % 101;
  const band = (v) => BANDS[v < 34 ? 0 : v < 67 ? 1 : 2];
  return [
    contactId(i), agentId(agentOf(i), target), i % 3 === 0 ? null : `b0000000-0000-4000-8000-${hex12(i)}`, `客户${i}`,
    trust, intent, `${band(trust)}-${band(intent)}`, 1 + (Math.floor(h / 4096) % 8) % 6, i % 50 === 0 ? 'won' : 'open',
    TAGS, STAGE_ENTRIES, i % 97 === 0 ? 1 : 0, NOW - (h % (90 * DAY_MS / 1000)) * 1000, NOW - DAY_MS, NOW - 400 * DAY_MS, i % 7 === 0 ? 'import' : 'share',
  ];
}
const CONTACT_COLS = ['id', 'agent_id', 'viewer_user_id', 'display_name', 'trust', 'intent', 'cell', 'stage', 'outcome', 'interest_tags', 'stage_evidence_count', 'opted_out', 'last_touch_at_ms', 'scored_at_ms', 'created_at_ms', 'source'];
const TASK_COLS = ['id', 'agent_id', 'contact_id', 'trigger_key', 'rule_id', 'action', 'suggested_message', 'due_at_ms', 'priority', 'status', 'snoozed_until_ms', 'because', 'created_at_ms', 'active_contact_id'];
/** A follow-up on every one of the agent's contacts and on one in five of the others'. */
const hasTask = (i) => i % AGENTS === 0 || i % 5 === 1;
/** From a hash of i, not i itself: the measured agent's i are all multiples of AGENTS. */
function taskRow(i, target) {
  const t = Math.floor(((i * 2654435761) % 4294967296) / 1024);
  const status = t % 4 === 0 ? 'done' : t % 4 === 1 ? 'snoozed' : 'open';
  const active = status === 'done' ? null : contactId(i);
  return [
    `10000000-0000-4000-8000-${hex12(i)}`, agentId(agentOf(i), target), contactId(i), `seed:${i}`, 'bench', '跟进', '您好，上次的文章看完了吗？',
    NOW + ((t % 96) - 48) * 1_800_000, 1 + (t % 5), status, status === 'snoozed' ? NOW + ((t % 48) - 24) * 1_800_000 : null,
    TASK_BECAUSE, NOW - (t % 30) * DAY_MS, active,
  ];
}

async function seedSqlite(ds, target) {
  const db = ds.driver.databaseConnection;
  // A big page cache for this connection while seeding (the product's own settings are untouched).
  db.pragma('cache_size = -1048576');
  const contacts = db.prepare(`INSERT INTO contact (${CONTACT_COLS.join(',')}) VALUES (${CONTACT_COLS.map(() => '?').join(',')})`);
  const tasks = db.prepare(`INSERT INTO follow_up_task (${TASK_COLS.join(',')}) VALUES (${TASK_COLS.map(() => '?').join(',')})`);
  const chunk = 200_000;
  for (let from = 0; from < TOTAL; from += chunk) {
    db.transaction(() => {
      for (let i = from; i < Math.min(TOTAL, from + chunk); i += 1) {
        contacts.run(contactRow(i, target));
        if (hasTask(i)) tasks.run(taskRow(i, target));
      }
    })();
    progress(from + chunk);
  }
}

/** MariaDB: INSERT … SELECT over the sequence engine's numbers, a million rows a statement. */
async function seedMysql(ds, target) {
  const cid = (e) => `CONCAT('00000000-0000-4000-8000-', LPAD(HEX(${e}), 12, '0'))`;
  const aid = `IF(seq % ${AGENTS} = 0, '${target}', CONCAT('a0000000-0000-4000-8000-', LPAD(HEX(1 + FLOOR(seq * ${AGENTS - 1} / ${TOTAL})), 12, '0')))`;
  const h = '((seq * 2654435761) % 4294967296)';
  const t = `FLOOR(${h} / 1024)`;
  const band = (v) => `CASE WHEN ${v} < 34 THEN 'low' WHEN ${v} < 67 THEN 'mid' ELSE 'high' END`;
  const chunk = 1_000_000;
  for (let from = 0; from < TOTAL; from += chunk) {
    const to = Math.min(TOTAL, from + chunk) - 1;
    await ds.query(`INSERT INTO contact (${CONTACT_COLS.join(',')})
      SELECT ${cid('seq')}, ${aid}, IF(seq % 3 = 0, NULL, CONCAT('b0000000-0000-4000-8000-', LPAD(HEX(seq), 12, '0'))), CONCAT('客户', seq),
             ${h} % 101, FLOOR(${h} / 128) % 101, CONCAT(${band(`${h} % 101`)}, '-', ${band(`FLOOR(${h} / 128) % 101`)}),
             1 + (FLOOR(${h} / 4096) % 8) % 6, IF(seq % 50 = 0, 'won', 'open'), ?, ?, IF(seq % 97 = 0, 1, 0),
             ${NOW} - (${h} % ${90 * DAY_MS / 1000}) * 1000, ${NOW - DAY_MS}, ${NOW - 400 * DAY_MS}, IF(seq % 7 = 0, 'import', 'share')
        FROM seq_${from}_to_${to}`, [TAGS, STAGE_ENTRIES]);
    await ds.query(`INSERT INTO follow_up_task (${TASK_COLS.join(',')})
      SELECT CONCAT('10000000-0000-4000-8000-', LPAD(HEX(seq), 12, '0')), ${aid}, ${cid('seq')}, CONCAT('seed:', seq), 'bench', '跟进', '您好，上次的文章看完了吗？',
             ${NOW} + (CAST(${t} % 96 AS SIGNED) - 48) * 1800000, 1 + ${t} % 5, ELT(1 + ${t} % 4, 'done', 'snoozed', 'open', 'open'),
             IF(${t} % 4 = 1, ${NOW} + (CAST(${t} % 48 AS SIGNED) - 24) * 1800000, NULL), ?, ${NOW} - (${t} % 30) * ${DAY_MS},
             IF(${t} % 4 = 0, NULL, ${cid('seq')})
        FROM seq_${from}_to_${to} WHERE seq % ${AGENTS} = 0 OR seq % 5 = 1`, [TASK_BECAUSE]);
    progress(to + 1);
  }
}

let seedStarted = 0;
function progress(done) {
  const sec = (Date.now() - seedStarted) / 1000;
  process.stderr.write(`  seeded ${fmt(Math.min(done, TOTAL))} contacts, ${fmt(Math.min(done, TOTAL) / sec)}/s\r`);
}

async function api(base, method, path, token, body, retried = false) {
  // A kept-alive socket the server closed while seeding ran fails once: connect again.
  const res = await fetch(base + path, {
    method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch((error) => {
    if (retried) throw error;
    return null;
  });
  if (res === null) return api(base, method, path, token, body, true);
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kejing-read-scale-'));
  let url = null;
  let drop = async () => {};
  const sqlitePath = process.env.BENCH_SQLITE_PATH || join(dir, 'read.sqlite');
  if (useMysql) {
    const mysql = require('mysql2/promise');
    const server = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
    const name = process.env.BENCH_MYSQL_DB || `kejing_bench_scale_${randomBytes(3).toString('hex')}`;
    const admin = await mysql.createConnection({ uri: server });
    await admin.query(`CREATE DATABASE IF NOT EXISTS ${name} CHARACTER SET utf8mb4`);
    url = server.replace(/\/[^/]*$/, `/${name}`);
    drop = async () => {
      if (process.env.BENCH_KEEP !== '1') await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    };
  } else if (process.env.BENCH_SQLITE_PATH && existsSync(sqlitePath)) {
    process.stdout.write(`reusing ${sqlitePath}\n`);
  }
  const ds = await openDatabase({ url, sqlitePath, timeoutMs: 600_000 });
  const wechat = await startFakeWeChat({ appId: 'wx-bench-app', appSecret: 'bench-app-secret' });
  const config = testConfig(wechat.baseUrl);
  // A loaded machine answers the local fake WeChat slowly: the log-in is not what is measured.
  config.wechat = { ...config.wechat, appId: 'wx-bench-app', appSecret: 'bench-app-secret', timeoutMs: 30_000 };
  const services = buildServices(config, ds, systemClock, createLogger('warn'));
  const app = createApp(services);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  server.keepAliveTimeout = 60_000;
  const base = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`Reads at scale on ${useMysql ? 'MariaDB' : 'SQLite'} (node ${process.version}), through HTTP, one request at a time\n`);

  // The agent: found again in a reused database (same fake-WeChat code, same user), else made through the API.
  let [agent] = await ds.query("SELECT s.id FROM staff_member s WHERE s.name = '压测读者代理人'");
  let token;
  if (!agent) {
    const bootstrap = config.adminBootstrapToken;
    const company = (await api(base, 'POST', '/api/admin/org-units', bootstrap, { kind: 'company', name: '压测保险公司' })).id;
    const firstAdmin = await api(base, 'POST', '/api/admin/staff', bootstrap, { name: '压测管理员', role: 'admin', orgUnitId: company });
    const adminLogin = await api(base, 'POST', '/api/auth/login', null, { code: 'bench-read-admin' });
    const admin = (await api(base, 'POST', '/api/auth/bind', adminLogin.token, { inviteCode: firstAdmin.inviteCode })).token;
    const branch = (await api(base, 'POST', '/api/admin/org-units', admin, { kind: 'branch', name: '压测分公司', parentId: company })).id;
    const team = (await api(base, 'POST', '/api/admin/org-units', admin, { kind: 'team', name: '压测一组', parentId: branch })).id;
    const staff = await api(base, 'POST', '/api/admin/staff', admin, { name: '压测读者代理人', role: 'agent', orgUnitId: team, licenceNo: 'LIC-READ' });
    const login = await api(base, 'POST', '/api/auth/login', null, { code: 'bench-read-agent' });
    token = (await api(base, 'POST', '/api/auth/bind', login.token, { inviteCode: staff.inviteCode })).token;
    agent = { id: staff.staffId };
  } else {
    token = (await api(base, 'POST', '/api/auth/login', null, { code: 'bench-read-agent' })).token;
  }
  const have = Number((await ds.query('SELECT COUNT(*) AS n FROM contact'))[0].n);
  if (have < TOTAL) {
    if (have > 0) throw new Error(`the database holds ${have} contacts, fewer than ${TOTAL}: use a fresh one`);
    seedStarted = Date.now();
    if (useMysql) await seedMysql(ds, agent.id);
    else await seedSqlite(ds, agent.id);
    process.stderr.write('\n');
    line('seeded', `${fmt(TOTAL)} contacts of ${fmt(AGENTS)} agents in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
    if (useMysql) await ds.query('ANALYZE TABLE contact, follow_up_task');
    else await ds.query('ANALYZE');
  }
  const mine = Number((await ds.query('SELECT COUNT(*) AS n FROM contact WHERE agent_id = ?', [agent.id]))[0].n);
  line('database', `${fmt(Math.max(have, TOTAL))} contacts; the agent has ${fmt(mine)}`);

  const reads = [
    ['GET /api/tasks/today (morning list, first page)', '/api/tasks/today', (b) => `${b.tasks.length} of ${b.total} tasks, ${JSON.stringify(b).length} bytes`],
    // The agent has scrolled past 200 tasks: the page after them (the list is ranked whole for every page).
    ['GET /api/tasks/today (the page after 200)', async () => {
      const hundred = await api(base, 'GET', '/api/tasks/today?limit=100', token);
      const twoHundred = await api(base, 'GET', `/api/tasks/today?limit=100&after=${encodeURIComponent(hundred.next)}`, token);
      return `/api/tasks/today?after=${encodeURIComponent(twoHundred.next)}`;
    }, (b) => `${b.tasks.length} of ${b.total} tasks`],
    ['GET /api/contacts (first page)', '/api/contacts', (b) => `${b.items.length} of ${b.total}`],
    ['GET /api/contacts?stage=3&page=5&pageSize=50', '/api/contacts?stage=3&page=5&pageSize=50', (b) => `${b.items.length} of ${b.total}`],
    ['GET /api/contacts/grid', '/api/contacts/grid', (b) => `${Object.values(b.cells).reduce((s, n) => s + n, 0)} in cells`],
  ];
  const only = process.env.BENCH_READS ? new Set(process.env.BENCH_READS.split(',').map(Number)) : null;
  process.stdout.write(`load average before: ${loadavg().map((n) => n.toFixed(2)).join(' ')} (a shared machine: other work runs beside this)\n`);
  for (const [k, [label, pathOrMake, describe]] of reads.entries()) {
    if (only && !only.has(k)) continue;
    const path = typeof pathOrMake === 'function' ? await pathOrMake() : pathOrMake;
    let body;
    for (let i = 0; i < WARMUP; i += 1) body = await api(base, 'GET', path, token);
    const times = [];
    const profiler = await startCpuProfile(process.env.BENCH_CPU_PROFILE && process.env.BENCH_CPU_PROFILE.replace(/(\.cpuprofile)?$/, `-${k}.cpuprofile`));
    for (let i = 0; i < ITERATIONS; i += 1) {
      const started = process.hrtime.bigint();
      body = await api(base, 'GET', path, token);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    await profiler.stop();
    times.sort((a, b) => a - b);
    const pct = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
    line(label, `p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${times[times.length - 1].toFixed(1)} ms (${ITERATIONS} runs; ${describe(body)})`);
  }
  process.stdout.write(`load average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}\n`);

  await new Promise((resolve) => server.close(resolve));
  await services.writer.drain();
  await wechat.close();
  await ds.destroy();
  await drop();
  if (!process.env.BENCH_SQLITE_PATH) rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
