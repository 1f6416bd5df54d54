'use strict';
/**
 * KYC1984 benchmark (`npm run bench:scoring`, which builds first). On an embedded SQLite file of
 * its own (the default store; BENCH_DB=mysql for MariaDB at BENCH_MYSQL_URL), it prints:
 *
 *   1. scorer throughput: contacts with fresh (unscored) touchpoints taken in by the real
 *      ScorerService — full recomputation, stage moves and one follow-up per touchpoint — as
 *      events/s and contacts/s;
 *   2. the daily job (decay, stage step-backs, referral classes, morning lists) over
 *      BENCH_DAILY_CONTACTS contacts (default 100,000) with 50 events each, as contacts/s;
 *   3. the morning-list query (TasksService.today) for an agent with 2,000 contacts in a
 *      database of BENCH_TOTAL_CONTACTS contacts (default 1,000,000): p50 / p99 / max.
 */
require('reflect-metadata');
const { randomUUID, randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'server', 'dist');
const { openDatabase } = require(join(dist, 'db', 'data-source'));
const { buildServices } = require(join(dist, 'services'));
const { ManualClock } = require(join(dist, 'lib', 'clock'));
const { createLogger } = require(join(dist, 'lib', 'logger'));
const { runDailyJob } = require(join(dist, 'jobs', 'daily-job'));

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const SCORER_CONTACTS = env('BENCH_SCORER_CONTACTS', 2000);
const DAILY_CONTACTS = env('BENCH_DAILY_CONTACTS', 100_000);
const EVENTS_PER_CONTACT = env('BENCH_EVENTS_PER_CONTACT', 50);
const TOTAL_CONTACTS = env('BENCH_TOTAL_CONTACTS', 1_000_000);
const LIST_AGENT_CONTACTS = 2000;
const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 1, 0, 0);
const TYPES = ['open', 'read_progress', 'read_progress', 'read_complete', 'card_view', 'consult_tap', 'video_progress', 'forward'];

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const line = (label, value) => process.stdout.write(`${label.padEnd(58)} ${value}\n`);

function config() {
  return {
    wechat: { appId: 'bench', appSecret: 'bench', apiBaseUrl: 'http://127.0.0.1:9', timeoutMs: 100, useFake: false },
    session: { secret: randomBytes(32).toString('base64'), ttlSeconds: 3600, issuer: 'kejing', audience: 'bench' },
    shareSecret: 'bench-share-secret', phoneEncryptionKey: randomBytes(32), phoneHashKey: randomBytes(32), adminBootstrapToken: 'bench',
    ingest: { flushMaxRows: 1000, flushMaxInFlight: 1, dbTimeoutMs: 60_000 }, scoring: { pollMs: 3_600_000, dailyJobHour: 5, dailyJobLeaseMs: 60_000, dailyJobCheckMs: 300_000 },
  };
}

/** Bulk rows through the raw driver handle: the benchmark measures scoring, not row-by-row inserts. */
async function bulkInsert(ds, table, columns, rows) {
  if (ds.options.type === 'better-sqlite3') {
    // One prepared statement in one transaction: SQLite's fastest way in, by far.
    const db = ds.driver.databaseConnection;
    const insert = db.prepare(`INSERT INTO ${table} (${columns.join(',')}) VALUES (${columns.map(() => '?').join(',')})`);
    db.transaction((all) => { for (const row of all) insert.run(row); })(rows);
    return;
  }
  const per = Math.floor(30_000 / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const sql = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => `(${columns.map(() => '?').join(',')})`).join(',')}`;
    await ds.query(sql, chunk.flat());
  }
}

async function seedContacts(ds, agentIds, count, firstIndex) {
  const rows = [];
  for (let i = 0; i < count; i += 1) {
    const agentId = agentIds[(firstIndex + i) % agentIds.length];
    rows.push([randomUUID(), agentId, randomUUID(), `客户${firstIndex + i}`, NOW - 30 * DAY_MS]);
  }
  await bulkInsert(ds, 'contact', ['id', 'agent_id', 'viewer_user_id', 'display_name', 'created_at_ms'], rows);
  return rows.map((r) => ({ id: r[0], agentId: r[1] }));
}

async function seedEvents(ds, contacts, versions, scored) {
  let batch = [];
  const cols = ['id', 'client_event_id', 'contact_id', 'agent_id', 'share_id', 'content_version_id', 'type', 'occurred_at_ms', 'received_at_ms', 'depth_pct', 'dwell_ms', 'scored'];
  let n = 0;
  for (const [ci, c] of contacts.entries()) {
    for (let k = 0; k < EVENTS_PER_CONTACT; k += 1) {
      const type = TYPES[(ci + k) % TYPES.length];
      const at = NOW - (40 - Math.floor((k * 40) / EVENTS_PER_CONTACT)) * DAY_MS + k * 60_000;
      const depth = type === 'read_progress' ? (ci * 7 + k * 13) % 101 : type === 'read_complete' ? 100 : null;
      batch.push([randomUUID(), randomUUID(), c.id, c.agentId, null, versions[(ci + k) % versions.length], type, at, at, depth, depth === null ? null : 30_000, scored ? 1 : 0]);
      n += 1;
    }
    if (batch.length >= 20_000) {
      await bulkInsert(ds, 'touchpoint_event', cols, batch);
      batch = [];
    }
  }
  if (batch.length) await bulkInsert(ds, 'touchpoint_event', cols, batch);
  return n;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kejing-bench-scoring-'));
  const useMysql = process.env.BENCH_DB === 'mysql';
  let dropMysql = async () => {};
  let url = null;
  if (useMysql) {
    const mysql = require('mysql2/promise');
    const server = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
    const name = `kejing_bench_${randomBytes(4).toString('hex')}`;
    const admin = await mysql.createConnection({ uri: server });
    await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4`);
    url = server.replace(/\/[^/]*$/, `/${name}`);
    dropMysql = async () => { await admin.query(`DROP DATABASE ${name}`); await admin.end(); };
  }
  const ds = await openDatabase({ url, sqlitePath: join(dir, 'bench.sqlite') });
  const clock = new ManualClock(NOW);
  const s = buildServices(config(), ds, clock, createLogger('warn'));
  process.stdout.write(`KYC1984 benchmark on ${useMysql ? 'MariaDB/MySQL' : 'SQLite'} (node ${process.version})\n\n`);

  const company = await s.org.create({ kind: 'company', name: '基准保险' });
  const branch = await s.org.create({ kind: 'branch', name: '分公司', parentId: company.id });
  const team = await s.org.create({ kind: 'team', name: '一组', parentId: branch.id });
  const agentIds = [];
  for (let i = 0; i < 500; i += 1) agentIds.push((await s.staff.create({ name: `代理人${i}`, role: 'agent', orgUnitId: team.id })).staffId);
  const tags = [['need:critical_illness', 'stage:3'], ['need:medical', 'stage:2'], ['need:retirement', 'need:annuity'], ['need:education', 'audience:young_mothers']];
  const versions = [];
  for (let i = 0; i < 20; i += 1) versions.push((await s.content.createApproved({ kind: 'article', title: `文章${i}`, tags: tags[i % tags.length] }, null)).version.id);

  // 1. The scorer on fresh touchpoints.
  let t0 = Date.now();
  const fresh = await seedContacts(ds, agentIds, SCORER_CONTACTS, 0);
  const freshEvents = await seedEvents(ds, fresh, versions, false);
  line('seeded for the scorer', `${fmt(SCORER_CONTACTS)} contacts, ${fmt(freshEvents)} events (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  t0 = Date.now();
  for (let i = 0; i < fresh.length; i += 100) await s.scorer.scoreContacts(fresh.slice(i, i + 100).map((c) => c.id));
  const scorerSec = (Date.now() - t0) / 1000;
  const tasks = Number((await ds.query('SELECT COUNT(*) AS n FROM follow_up_task'))[0].n);
  line('scorer: events taken in per second', `${fmt(freshEvents / scorerSec)} events/s (${fmt(SCORER_CONTACTS / scorerSec)} contacts/s, ${scorerSec.toFixed(1)} s, ${fmt(tasks)} tasks)`);

  // 2. The daily job over already-scored histories.
  t0 = Date.now();
  const daily = await seedContacts(ds, agentIds, DAILY_CONTACTS - SCORER_CONTACTS, SCORER_CONTACTS);
  const dailyEvents = await seedEvents(ds, daily, versions, true);
  line('seeded for the daily job', `${fmt(DAILY_CONTACTS)} contacts, ${fmt(dailyEvents + freshEvents)} events (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  clock.advance(DAY_MS);
  const summary = await runDailyJob(s, s.scoringWorker);
  line('daily job: contacts rescored per second', `${fmt(summary.contactsRescored / (summary.ms / 1000))} contacts/s (${fmt(summary.contactsRescored)} in ${(summary.ms / 1000).toFixed(1)} s, ${fmt(summary.stageStepBacks)} step-backs)`);

  // 3. The morning list in a big database.
  t0 = Date.now();
  const listAgent = (await s.staff.create({ name: '被测代理人', role: 'agent', orgUnitId: team.id })).staffId;
  const mine = await seedContacts(ds, [listAgent], LIST_AGENT_CONTACTS, 0);
  let made = DAILY_CONTACTS + LIST_AGENT_CONTACTS;
  while (made < TOTAL_CONTACTS) {
    const n = Math.min(100_000, TOTAL_CONTACTS - made);
    await seedContacts(ds, agentIds, n, made);
    made += n;
  }
  const taskRows = mine.map((c, i) => [randomUUID(), listAgent, c.id, `event:${randomUUID()}`, 'bench', '跟进', '您好', NOW + ((i % 48) - 24) * 3_600_000, 1 + (i % 5), i % 4 === 0 ? 'done' : 'open', '[]', NOW]);
  await bulkInsert(ds, 'follow_up_task', ['id', 'agent_id', 'contact_id', 'trigger_key', 'rule_id', 'action', 'suggested_message', 'due_at_ms', 'priority', 'status', 'because', 'created_at_ms'], taskRows);
  const total = Number((await ds.query('SELECT COUNT(*) AS n FROM contact'))[0].n);
  line('seeded for the morning list', `${fmt(total)} contacts, agent with ${fmt(LIST_AGENT_CONTACTS)} contacts and ${fmt(taskRows.length)} tasks (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const actor = { kind: 'staff', userId: null, staffId: listAgent, role: 'agent', orgUnitId: team.id, orgPath: team.path, bootstrap: false };
  const times = [];
  let size = 0;
  for (let i = 0; i < 40; i += 1) {
    const started = process.hrtime.bigint();
    size = (await s.tasks.today(actor)).length;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
  line('morning list query (40 runs)', `p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${times[times.length - 1].toFixed(1)} ms (${size} tasks today)`);

  await ds.destroy();
  await dropMysql();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
