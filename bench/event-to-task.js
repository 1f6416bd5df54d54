'use strict';
/**
 * Issue 15 item 5: event-to-task latency under sustained load, and throughput with 1, 2 and 4
 * processes. Real server processes (server/dist/main.js, as `npm start` runs them) on a MariaDB
 * database of their own (dropped at the end):
 *
 *   latency     customers' reads over HTTP at BENCH_RATE events/s (default 2,000), one event a
 *               request, spread over BENCH_VIEWERS contacts; beside them, every BENCH_PROBE_MS a
 *               probe customer who has only opened the share taps 咨询 (consult_tap). The time from
 *               sending that read to the agent's follow-up being committed (the row the morning
 *               list reads, polled every 10 ms) is its latency: p50 / p99 printed. The scorer takes a
 *               contact who acted (the probe) before those only reporting progress, so the bench
 *               also prints how far the reading progress lags (the oldest unscored touchpoint's age).
 *   throughput  the same reads with no rate cap for BENCH_DURATION s: events/s acknowledged, and
 *               events/s scored until the backlog is empty.
 *
 * BENCH_LAYOUTS: the process layouts to run, separated by ";": "all:1" (one process serving and
 * scoring), "all:4" (WEB_CONCURRENCY=4), "api:2+worker:1" (PROCESS_ROLE=api with two processes,
 * and a separate worker). Default "all:1;all:2;all:4;api:2+worker:1". BENCH_MODES: latency,throughput.
 * BENCH_DURATION (s, default 20), BENCH_CONNECTIONS (64), BENCH_SCORING_POLL_MS (the worker's poll, 200).
 */
require('reflect-metadata');
const { fork, spawn } = require('node:child_process');
const { randomBytes, randomUUID } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir, loadavg } = require('node:os');
const { join } = require('node:path');
const mysql = require('mysql2/promise');

const dist = (p) => require(join(__dirname, '..', 'server', 'dist', p));
const { startFakeWeChat } = dist('wechat/fake-wechat-server');
const MAIN = join(__dirname, '..', 'server', 'dist', 'main.js');

const env = (name, fallback) => (process.env[name] === undefined || process.env[name] === '' ? fallback : Number(process.env[name]));
const RATE = env('BENCH_RATE', 2000);
const DURATION = env('BENCH_DURATION', 20);
const CONNECTIONS = env('BENCH_CONNECTIONS', 64);
const VIEWERS = env('BENCH_VIEWERS', 1000);
const PROBE_MS = env('BENCH_PROBE_MS', 100);
const POLL_MS = env('BENCH_SCORING_POLL_MS', 200);
const LAYOUTS = (process.env.BENCH_LAYOUTS || 'all:1;all:2;all:4;api:2+worker:1').split(';').map((s) => s.trim()).filter(Boolean);
const MODES = (process.env.BENCH_MODES || 'latency,throughput').split(',');
const SERVER_URL = process.env.BENCH_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test';

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const out = (s) => process.stdout.write(`${s}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function api(base, method, path, token, body) {
  const res = await fetch(base + path, {
    method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** One `npm start` (server/dist/main.js) with its role and process count. */
function startProcess(envBase, role, count, port) {
  const child = spawn('nice', ['-n', '5', process.execPath, MAIN], {
    env: { ...envBase, PORT: String(port), PROCESS_ROLE: role, WEB_CONCURRENCY: String(count) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Info lines (one per login) are counted for readiness, not kept; warnings and errors are kept.
  let output = '';
  let started = 0;
  const readyLine = role === 'worker' ? /worker started/g : /"msg":"listening"/g;
  const take = (chunk) => {
    const text = String(chunk);
    started += (text.match(readyLine) ?? []).length;
    for (const l of text.split('\n')) if (l && !l.includes('"level":"info"')) output = (output + l + '\n').slice(-20_000);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const ready = async () => {
    for (let i = 0; i < 600; i += 1) {
      if (child.exitCode !== null) throw new Error(`server exited: ${output.slice(-2000)}`);
      if (started >= count) return;
      await sleep(100);
    }
    throw new Error(`server did not start: ${output.slice(-2000)}`);
  };
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(t);
  };
  return { child, ready, stop, output: () => output };
}

/** A loadgen child (bench/loadgen.js), so that autocannon's work is not on this process's timer loop. */
function startLoadgen() {
  const child = fork(join(__dirname, 'loadgen.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise((resolve) => child.once('message', resolve));
  return {
    ready,
    run: (options) => new Promise((resolve, reject) => {
      const id = randomUUID();
      const onMessage = (m) => {
        if (m.id !== id) return;
        child.off('message', onMessage);
        if (m.error) reject(new Error(m.error)); else resolve(m.result);
      };
      child.on('message', onMessage);
      child.send({ id, options });
    }),
    stop: () => child.send('exit'),
  };
}

async function runLayout(layout, wechat) {
  const name = `kejing_bench_e2t_${randomBytes(3).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: SERVER_URL });
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = SERVER_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  const dataDir = mkdtempSync(join(tmpdir(), 'kejing-e2t-'));
  const envBase = {
    PATH: process.env.PATH ?? '', NODE_ENV: 'development', DATA_DIR: dataDir, LOAD_DEMO: 'false', H5_DIR: join(dataDir, 'no-h5'),
    WECHAT_APP_ID: 'wx-bench-app', WECHAT_APP_SECRET: 'bench-app-secret', WECHAT_API_BASE_URL: wechat.baseUrl,
    SESSION_SECRET: randomBytes(32).toString('base64'), SHARE_SECRET: randomBytes(32).toString('base64'),
    PHONE_ENCRYPTION_KEY: randomBytes(32).toString('base64'), PHONE_HASH_KEY: randomBytes(32).toString('base64'),
    ADMIN_BOOTSTRAP_TOKEN: `bench-${randomBytes(8).toString('hex')}`, LOG_LEVEL: 'info', DATABASE_URL: url,
    RATE_LIMIT_EVENTS_PER_USER: '0', RATE_LIMIT_EVENTS_PER_IP: '0', RATE_LIMIT_EVENTS_PER_SHARE: '0', RATE_LIMIT_LOGIN_PER_IP: '0',
    SCORING_POLL_MS: String(POLL_MS), DAILY_JOB_HOUR: '23',
  };
  const port = await freePort();
  const parts = layout.split('+').map((p) => {
    const [role, n] = p.split(':');
    return { role, count: Number(n || 1) };
  });
  const procs = [];
  const db = await mysql.createConnection({ uri: url });
  const q = async (sql, params = []) => (await db.query(sql, params))[0];
  const cleanup = async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // The serving part first (it migrates the schema), then any worker part.
    for (const part of parts.sort((a, b) => (a.role === 'worker') - (b.role === 'worker'))) {
      const p = startProcess(envBase, part.role, part.count, port);
      procs.push(p);
      await p.ready();
    }
    const base = `http://127.0.0.1:${port}`;
    // The world, through the API: an admin, an agent, an article, a share; customers who opened it.
    const bootstrap = envBase.ADMIN_BOOTSTRAP_TOKEN;
    const company = (await api(base, 'POST', '/api/admin/org-units', bootstrap, { kind: 'company', name: '压测保险公司' })).id;
    const first = await api(base, 'POST', '/api/admin/staff', bootstrap, { name: '压测管理员', role: 'admin', orgUnitId: company });
    const adminToken = (await api(base, 'POST', '/api/auth/bind', (await api(base, 'POST', '/api/auth/login', null, { code: `a-${randomUUID()}` })).token, { inviteCode: first.inviteCode })).token;
    const branch = (await api(base, 'POST', '/api/admin/org-units', adminToken, { kind: 'branch', name: '压测分公司', parentId: company })).id;
    const team = (await api(base, 'POST', '/api/admin/org-units', adminToken, { kind: 'team', name: '压测一组', parentId: branch })).id;
    const agents = [];
    for (let i = 0; i < 10; i += 1) {
      const staff = await api(base, 'POST', '/api/admin/staff', adminToken, { name: `压测代理人${i}`, role: 'agent', orgUnitId: team, licenceNo: `LIC-${i}` });
      agents.push({ staffId: staff.staffId, token: (await api(base, 'POST', '/api/auth/bind', (await api(base, 'POST', '/api/auth/login', null, { code: `g-${randomUUID()}` })).token, { inviteCode: staff.inviteCode })).token });
    }
    const content = await api(base, 'POST', '/api/admin/content', adminToken, { kind: 'article', title: '重疾险的三个误区', summary: '买重疾险前要知道的事', bodyHtml: '<p>正文</p>', tags: ['need:critical_illness'] });
    const shares = [];
    for (const agent of agents) shares.push((await api(base, 'POST', '/api/shares', agent.token, { contentVersionId: content.versionId, channel: 'friend' })).shareId);
    const customer = async (i) => {
      const token = (await api(base, 'POST', '/api/auth/login', null, { code: `c-${i}-${randomUUID()}` })).token;
      const shareId = shares[i % shares.length];
      const opened = await api(base, 'POST', `/api/shares/${encodeURIComponent(shareId)}/open`, token, {});
      return { token, shareId, contactId: opened.contactId };
    };
    const probesNeeded = Math.ceil((DURATION * 1000) / PROBE_MS) + 10;
    const made = [];
    for (let i = 0; i < VIEWERS + probesNeeded; i += 50) made.push(...(await Promise.all(Array.from({ length: Math.min(50, VIEWERS + probesNeeded - i) }, (_, k) => customer(i + k)))));
    const viewers = made.slice(0, VIEWERS);
    const probes = made.slice(VIEWERS);
    // Let the opens be scored before measuring.
    for (let i = 0; i < 600 && Number((await q('SELECT COUNT(*) AS n FROM touchpoint_event WHERE scored = 0'))[0].n) > 0; i += 1) await sleep(100);
    const loadgen = startLoadgen();
    await loadgen.ready;
    const result = { layout };
    const load = { url: base, connections: CONNECTIONS, durationSec: DURATION, eventsPerRequest: 1, tokens: viewers.map((v) => v.token), shareIds: viewers.map((v) => v.shareId) };
    // The loadgen pairs tokens and shares by request index, so each viewer sends on its own share.

    if (MODES.includes('latency')) {
      const before = loadavg()[0];
      const running = loadgen.run({ ...load, overallRate: RATE });
      const pending = new Map();
      const latencies = [];
      let sent = 0;
      let failed = 0;
      const stopAt = Date.now() + DURATION * 1000;
      const prober = (async () => {
        for (let k = 0; Date.now() < stopAt && k < probes.length; k += 1) {
          const p = probes[k];
          const at = Date.now();
          sent += 1;
          api(base, 'POST', '/api/events', p.token, { sentAtDeviceMs: at, events: [{ clientEventId: randomUUID(), type: 'consult_tap', shareId: p.shareId, createdAtDeviceMs: at }] })
            .then(() => pending.set(p.contactId, at), () => { failed += 1; });
          await sleep(PROBE_MS);
        }
      })();
      // The agent's read path: the follow-up row the morning list reads, committed.
      const watcher = (async () => {
        const seenSince = Date.now();
        while (Date.now() < stopAt + 15_000) {
          if (pending.size > 0) {
            const ids = [...pending.keys()];
            const rows = await q(`SELECT contact_id FROM follow_up_task WHERE created_at_ms >= ? AND contact_id IN (${ids.map(() => '?').join(',')})`, [seenSince, ...ids]);
            const now = Date.now();
            for (const r of rows) {
              const at = pending.get(r.contact_id);
              if (at === undefined) continue;
              latencies.push(now - at);
              pending.delete(r.contact_id);
            }
          } else if (Date.now() > stopAt + 1000) break;
          await sleep(10);
        }
      })();
      // How far the reading progress waiting its turn lags: the oldest unscored touchpoint's age, once a second.
      const lags = [];
      const lagWatcher = (async () => {
        while (Date.now() < stopAt) {
          await sleep(1000);
          const [row] = await q('SELECT MIN(received_at_ms) AS oldest FROM touchpoint_event WHERE scored = 0');
          lags.push(row.oldest === null ? 0 : Date.now() - Number(row.oldest));
        }
      })();
      const loadResult = await running;
      await prober;
      await watcher;
      await lagWatcher;
      latencies.sort((a, b) => a - b);
      lags.sort((a, b) => a - b);
      result.latency = {
        offered: RATE, ackedPerSec: loadResult.eventsPerSec, ingestP99: loadResult.p99, non2xx: loadResult.nonOk,
        probes: sent, seen: latencies.length, missing: pending.size, failed, p50: pct(latencies, 0.5), p99: pct(latencies, 0.99), max: latencies[latencies.length - 1],
        load: `${before.toFixed(1)}→${loadavg()[0].toFixed(1)}`, progressLagP50: pct(lags, 0.5), progressLagMax: lags[lags.length - 1],
      };
      out(`  ${layout.padEnd(16)} latency at ${fmt(RATE)} events/s offered (${fmt(loadResult.eventsPerSec)}/s acknowledged, ingest p99 ${loadResult.p99} ms, non-2xx ${loadResult.nonOk}): `
        + `read → task p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms (${latencies.length} of ${sent} probes seen${pending.size ? `, ${pending.size} not within 15 s` : ''}); `
        + `oldest unscored reading progress p50 ${fmt(result.latency.progressLagP50)} ms, max ${fmt(result.latency.progressLagMax)} ms; load avg ${result.latency.load}`);
      // Drain before the next mode.
      for (let i = 0; i < 1200 && Number((await q('SELECT COUNT(*) AS n FROM touchpoint_event WHERE scored = 0'))[0].n) > 0; i += 1) await sleep(100);
    }

    if (MODES.includes('throughput')) {
      const before = loadavg()[0];
      const [{ n: scoredBefore }] = await q('SELECT COUNT(*) AS n FROM touchpoint_event WHERE scored = 1');
      const started = Date.now();
      const loadResult = await loadgen.run(load);
      let unscored = 1;
      for (let i = 0; i < 6000; i += 1) {
        unscored = Number((await q('SELECT COUNT(*) AS n FROM touchpoint_event WHERE scored = 0'))[0].n);
        if (unscored === 0) break;
        await sleep(100);
      }
      const sec = (Date.now() - started) / 1000;
      const [{ n: scoredAfter }] = await q('SELECT COUNT(*) AS n FROM touchpoint_event WHERE scored = 1');
      result.throughput = { ingestPerSec: loadResult.eventsPerSec, p99: loadResult.p99, scoredPerSec: (Number(scoredAfter) - Number(scoredBefore)) / sec, drainSec: sec, unscored, load: `${before.toFixed(1)}→${loadavg()[0].toFixed(1)}` };
      out(`  ${layout.padEnd(16)} throughput: ${fmt(loadResult.eventsPerSec)} events/s acknowledged (p99 ${loadResult.p99} ms, ${CONNECTIONS} connections, ${DURATION} s); `
        + `${fmt(result.throughput.scoredPerSec)} events/s scored (all scored ${sec.toFixed(1)} s after the start${unscored ? `, ${unscored} left` : ''}); load avg ${result.throughput.load}`);
    }
    loadgen.stop();
    const problems = procs.map((p) => p.output().split('\n').filter((l) => /"level":"(error|warn)"/.test(l)).slice(0, 3).join('\n')).filter(Boolean);
    if (problems.length) out(`    server warnings: ${problems.join('\n').slice(0, 600)}`);
    return result;
  } finally {
    await cleanup();
  }
}

/**
 * What the cores limit: scored events/s per layout against one process, next to the number of
 * cores. Every process of a layout, MariaDB and the load generator share the same cores, so a
 * layout with more processes than cores can only be as fast as the cores it adds.
 */
function summarise(results) {
  const rows = results.filter((r) => r.throughput);
  if (rows.length === 0) return;
  const cores = require('node:os').cpus().length;
  const one = rows.find((r) => r.layout === 'all:1')?.throughput.scoredPerSec;
  out(`\nThroughput by layout (${cores} cores shared by the server processes, MariaDB and the load generator):`);
  for (const r of rows) {
    const t = r.throughput;
    const ratio = one ? ` (${(t.scoredPerSec / one).toFixed(2)}× one process)` : '';
    out(`  ${r.layout.padEnd(16)} ${fmt(t.ingestPerSec)} events/s acknowledged, ${fmt(t.scoredPerSec)} events/s scored${ratio}`);
  }
  const best = rows.reduce((a, b) => (b.throughput.scoredPerSec > a.throughput.scoredPerSec ? b : a));
  out(`  best: ${best.layout}; beyond ${cores} busy processes the layouts share the same ${cores} cores, so a gain past that is the scheduler's, not capacity`);
}

async function main() {
  out(`Event-to-task latency and throughput on MariaDB (node ${process.version}, ${require('node:os').cpus().length} cores, shared machine: load average ${loadavg().map((n) => n.toFixed(1)).join(' ')})`);
  const wechat = await startFakeWeChat({ appId: 'wx-bench-app', appSecret: 'bench-app-secret' });
  const results = [];
  try {
    for (const layout of LAYOUTS) results.push(await runLayout(layout, wechat));
  } finally {
    await wechat.close();
  }
  summarise(results);
  if (process.env.BENCH_JSON) require('node:fs').writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
