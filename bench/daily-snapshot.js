'use strict';
/**
 * Daily snapshot benchmark (`npm run bench:snapshot`, which builds first): the time to compute and
 * store one day's KYB134 (every agent: activity and layer, assets, KASH with team and company
 * percentiles, MCIP) and the process funnels of every agent, team, branch and the company.
 *
 * Data, generated with multi-row INSERTs on a database of its own (seeded, so runs compare):
 *   1 company → BENCH_BRANCHES branches → teams of 10 agents; BENCH_AGENTS agents (default 10,000)
 *   BENCH_CONTACTS contacts (default 1,000,000), each with a stage path of 1–4 entries (≈2.5 M
 *   contact_stage_change rows), 10 % won or lost, 10 % with a lead budget; over the 30-day window
 *   ≈20 shares, ≈100 customer touchpoints, 6 follow-up tasks and ≈12 morning-list days per agent.
 *
 * Flags / environment:
 *   --sqlite (default) | --mysql        SQLite file in a temp folder, or a throwaway MariaDB/MySQL database
 *   BENCH_MYSQL_URL                     server for --mysql (default mysql://root@127.0.0.1:3306/test)
 *   BENCH_AGENTS, BENCH_CONTACTS, BENCH_BRANCHES   sizes
 */
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'server', 'dist');
const { openDatabase } = require(join(dist, 'db', 'data-source'));
const { ManualClock } = require(join(dist, 'lib', 'clock'));
const { createLogger } = require(join(dist, 'lib', 'logger'));
const { SnapshotService } = require(join(dist, 'modules', 'dashboards', 'snapshot.service'));
const { DealIndexService } = require(join(dist, 'modules', 'deal-index', 'deal-index.service'));

const AGENTS = Number(process.env.BENCH_AGENTS ?? 10_000);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const BRANCHES = Number(process.env.BENCH_BRANCHES ?? 20);
const TEAM_SIZE = 10;
const MYSQL = process.argv.includes('--mysql');
const DAY_MS = 86_400_000;
const DAY = '2026-11-01';
const END_MS = Date.parse(`${DAY}T23:59:59.999+08:00`);
const { seededRandom: seeded } = require(join(dist, 'testing', 'seeded-random'));
const NOW_MS = Date.parse('2026-11-02T05:00:00+08:00');

const rand = seeded(134);
const pick = (n) => Math.floor(rand() * n);
/** Deterministic UUID-shaped ids: kind digit + counter. */
const uid = (kind, n) => `${String(kind).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function main() {
  let dir = null;
  let dataSource;
  let insertRows;
  let close;
  if (MYSQL) {
    const { createConnection } = require('mysql2/promise');
    const server = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
    const name = `kejing_snap_${Date.now().toString(36)}`;
    const admin = await createConnection({ uri: server });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const url = server.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    dataSource = await openDatabase({ url, timeoutMs: 600_000 });
    const conn = await createConnection({ uri: url });
    insertRows = async (table, columns, rows) => {
      for (let i = 0; i < rows.length; i += 5000) {
        await conn.query(`INSERT INTO \`${table}\` (${columns.join(',')}) VALUES ?`, [rows.slice(i, i + 5000)]);
      }
    };
    close = async () => {
      await conn.end();
      await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    };
  } else {
    dir = mkdtempSync(join(tmpdir(), 'kejing-snap-'));
    const sqlitePath = join(dir, 'bench.sqlite');
    dataSource = await openDatabase({ url: null, sqlitePath });
    const Database = require('better-sqlite3');
    const db = new Database(sqlitePath);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const statements = new Map();
    insertRows = async (table, columns, rows) => {
      // 32,766 bound variables at most per statement.
      const per = Math.floor(30_000 / columns.length);
      const stmt = (n) => {
        const key = `${table}|${n}`;
        if (!statements.has(key)) {
          const one = `(${columns.map(() => '?').join(',')})`;
          statements.set(key, db.prepare(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array.from({ length: n }, () => one).join(',')}`));
        }
        return statements.get(key);
      };
      db.transaction(() => {
        for (let i = 0; i < rows.length; i += per) {
          const chunk = rows.slice(i, i + per);
          stmt(chunk.length).run(chunk.flat());
        }
      })();
    };
    close = async () => {
      db.close();
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    };
  }

  const genStarted = Date.now();
  const counts = await generate(insertRows);
  const genMs = Date.now() - genStarted;
  process.stdout.write(`generated on ${MYSQL ? 'MariaDB/MySQL' : 'SQLite'} in ${(genMs / 1000).toFixed(1)} s: ${JSON.stringify(counts)}\n`);

  const clock = new ManualClock(NOW_MS);
  const logger = createLogger('warn');
  const dealIndex = new DealIndexService(dataSource, clock, logger, /* contacts service: not used by stagePriors */ null);
  const snapshots = new SnapshotService(dataSource, clock, logger, () => dealIndex.stagePriors());
  const started = Date.now();
  const summary = await snapshots.computeDay(DAY);
  const ms = Date.now() - started;
  const stored = await dataSource.query('SELECT COUNT(*) AS n FROM kyb134_agent_day');
  const funnels = await dataSource.query('SELECT COUNT(*) AS n FROM funnel_snapshot');
  process.stdout.write(
    `daily snapshot ${DAY}: ${summary.agents.toLocaleString('en')} agents, ${summary.contacts.toLocaleString('en')} contacts, ` +
      `${summary.funnels.toLocaleString('en')} funnels → ${(ms / 1000).toFixed(1)} s ` +
      `(rows stored: kyb134_agent_day ${Number(stored[0].n)}, funnel_snapshot ${Number(funnels[0].n)}; peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB)\n`,
  );
  await close();
}

async function generate(insertRows) {
  const companyId = uid(1, 0);
  const units = [[companyId, 'company', '客经人寿', null, `/${companyId}/`, NOW_MS]];
  const branchIds = Array.from({ length: BRANCHES }, (_, b) => uid(2, b));
  branchIds.forEach((id, b) => units.push([id, 'branch', `分公司${b}`, companyId, `/${companyId}/${id}/`, NOW_MS]));
  const teams = Math.ceil(AGENTS / TEAM_SIZE);
  const teamIds = Array.from({ length: teams }, (_, t) => uid(3, t));
  teamIds.forEach((id, t) => {
    const branch = branchIds[t % BRANCHES];
    units.push([id, 'team', `团队${t}`, branch, `/${companyId}/${branch}/${id}/`, NOW_MS]);
  });
  await insertRows('org_unit', ['id', 'kind', 'name', 'parent_id', 'path', 'created_at_ms'], units);
  const agentIds = Array.from({ length: AGENTS }, (_, i) => uid(4, i));
  await insertRows('staff_member', ['id', 'role', 'org_unit_id', 'name', 'created_at_ms'],
    agentIds.map((id, i) => [id, 'agent', teamIds[Math.floor(i / TEAM_SIZE)], `代理人${i}`, NOW_MS]));

  const needs = ['critical_illness', 'medical', 'accident', 'life', 'annuity', 'education', 'retirement', 'legacy'];
  const versions = Array.from({ length: 40 }, (_, i) => [uid(5, i), uid(6, i), 1, `文章${i}`, JSON.stringify([`need:${needs[i % 8]}`]), 'approved', NOW_MS]);
  await insertRows('content_item', ['id', 'kind', 'status', 'visible_org_unit_ids', 'created_at_ms'], versions.map((v) => [v[1], 'article', 'published', '[]', NOW_MS]));
  await insertRows('content_version', ['id', 'item_id', 'version_no', 'title', 'tags', 'status', 'created_at_ms'], versions);

  const windowStart = END_MS - 30 * DAY_MS;
  const inWindow = () => windowStart + pick(30 * DAY_MS);
  const cells = ['low-low', 'low-mid', 'low-high', 'mid-low', 'mid-mid', 'mid-high', 'high-low', 'high-mid', 'high-high'];
  const referral = ['negative', 'indifferent', 'indifferent', 'indifferent', 'passive_promoter', 'active_promoter'];
  let contacts = [];
  let moves = [];
  let leads = [];
  let touches = [];
  const totals = { contacts: 0, stageChanges: 0, leads: 0, touchpoints: 0, shares: 0, tasks: 0, mornings: 0, studies: 0 };
  const flush = async (force) => {
    if (!force && contacts.length < 50_000) return;
    await insertRows('contact', ['id', 'agent_id', 'display_name', 'trust', 'intent', 'cell', 'stage', 'outcome', 'referral_class', 'centre_of_influence', 'opted_out', 'created_at_ms'], contacts);
    await insertRows('contact_stage_change', ['id', 'contact_id', 'agent_id', 'from_stage', 'to_stage', 'outcome', 'at_ms'], moves);
    await insertRows('lead', ['id', 'client_event_id', 'contact_id', 'agent_id', 'name', 'phone_cipher', 'phone_hash', 'phone_last4', 'phone_prefix3', 'budget_fen', 'needs', 'consent_id', 'created_at_ms'], leads);
    await insertRows('touchpoint_event', ['id', 'client_event_id', 'contact_id', 'agent_id', 'type', 'occurred_at_ms', 'received_at_ms', 'scored'], touches);
    totals.contacts += contacts.length;
    totals.stageChanges += moves.length;
    totals.leads += leads.length;
    totals.touchpoints += touches.length;
    contacts = [];
    moves = [];
    leads = [];
    touches = [];
  };
  const touchTypes = ['open', 'read_progress', 'read_progress', 'read_complete', 'card_view', 'consult_tap', 'forward'];
  let moveN = 0;
  let eventN = 0;
  for (let i = 0; i < CONTACTS; i += 1) {
    const id = uid(7, i);
    const agentId = agentIds[i % AGENTS];
    const created = END_MS - (1 + pick(180)) * DAY_MS;
    const steps = 1 + pick(4);
    let stage = 1;
    let at = created;
    const r = rand();
    const outcome = r < 0.05 ? 'won' : r < 0.1 ? 'lost' : 'open';
    for (let s = 0; s < steps; s += 1) {
      const from = s === 0 ? null : stage;
      if (s > 0) {
        stage = rand() < 0.15 ? Math.max(1, stage - 1) : Math.min(8, stage + 1 + pick(2));
        at += pick(20 * DAY_MS);
      }
      const last = s === steps - 1;
      moves.push([uid(8, moveN++), id, agentId, from, last && outcome !== 'open' ? 8 : stage, last ? outcome : 'open', Math.min(at, END_MS)]);
    }
    if (outcome !== 'open') stage = 8;
    contacts.push([id, agentId, '客户', pick(100), pick(100), cells[pick(9)], stage, outcome, referral[pick(6)], rand() < 0.01 ? 1 : 0, 0, created]);
    if (rand() < 0.1) leads.push([uid(9, i), uid(9, i), id, agentId, '客户', 'x', `h${i}`, '1234', '138', 100_000 * (1 + pick(20)), '[]', uid(9, i), created + DAY_MS]);
    if (i % (CONTACTS / (AGENTS * 100) || 1) === 0) touches.push([uid(10, eventN), uid(10, eventN++), id, agentId, touchTypes[pick(touchTypes.length)], inWindow(), NOW_MS, 1]);
    await flush(false);
  }
  await flush(true);

  const shares = [];
  const tasks = [];
  const mornings = [];
  const studies = [];
  agentIds.forEach((agentId, a) => {
    const activeness = rand();
    for (let k = 0; k < Math.round(40 * activeness); k += 1) {
      shares.push([uid(11, shares.length), agentId, versions[pick(40)][0], 'friend', inWindow()]);
    }
    for (let k = 0; k < 6; k += 1) {
      const due = inWindow();
      const done = rand() < activeness ? due + pick(2 * DAY_MS) : null;
      tasks.push([uid(12, tasks.length), agentId, uid(7, a), `bench:${a}:${k}`, 'r', '跟进', '', due, 3, done ? 'done' : 'open', done, '[]', due - DAY_MS]);
    }
    const days = new Set(Array.from({ length: Math.round(24 * activeness) }, () => pick(30)));
    for (const d of days) mornings.push([agentId, new Date(END_MS - d * DAY_MS + 8 * 3600_000).toISOString().slice(0, 10), NOW_MS]);
    for (let k = 0; k < 3; k += 1) studies.push([agentId, versions[(a + k) % 40][1], DAY, 40 + pick(60), NOW_MS]);
  });
  await insertRows('share', ['id', 'agent_id', 'content_version_id', 'channel', 'created_at_ms'], shares);
  await insertRows('follow_up_task', ['id', 'agent_id', 'contact_id', 'trigger_key', 'rule_id', 'action', 'suggested_message', 'due_at_ms', 'priority', 'status', 'done_at_ms', 'because', 'created_at_ms'], tasks);
  await insertRows('morning_list_open', ['agent_id', 'day', 'opened_at_ms'], mornings);
  await insertRows('agent_content_study', ['agent_id', 'item_id', 'day', 'depth_pct', 'updated_at_ms'], [...new Map(studies.map((s) => [`${s[0]}|${s[1]}`, s])).values()]);
  Object.assign(totals, { shares: shares.length, tasks: tasks.length, mornings: mornings.length, studies: studies.length });
  return totals;
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
