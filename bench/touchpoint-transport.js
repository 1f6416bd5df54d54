'use strict';
/**
 * Issue 15 item 6, the decision: do touchpoints reach the scorer processes through the database
 * table (unscored rows, polled: what the product does) or through NATS JetStream partitioned by
 * contact? A prototype of each, at BENCH_RATE contact notices per second (default 2,000) for
 * BENCH_DURATION s, on this machine's MariaDB and NATS (127.0.0.1:4222):
 *
 *   table   an "API" inserts touchpoint rows (scored = 0) in group commits every 10 ms, as the
 *           ingestion writer does; a "worker" runs the scoring worker's own poll query every
 *           BENCH_POLL_MS (100, 200, 1000) and marks what it found scored. Latency = commit → seen.
 *   stream  the same commits also publish each contact id to JetStream, subject
 *           kejing.touch.<partition> (16 partitions by contact), awaiting the stream's ack (so it is
 *           durable, as the table is); a consumer per partition pulls. Latency = commit → received.
 *
 * Printed: notice latency p50 / p99 / max, the publisher's ack p99, and CPU seconds used by
 * mariadbd and nats-server during each run (from /proc). The scoring work itself is the same on
 * both paths and is left out: this is the transport's own cost and delay.
 * The `nats` client is not a dependency of the product: `npm install --no-save nats@2` first, or
 * set NATS_MODULE to a folder that has it.
 */
require('reflect-metadata');
const { randomBytes, randomUUID, createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { loadavg } = require('node:os');
const { performance } = require('node:perf_hooks');
const mysql = require('mysql2/promise');

const { openDatabase } = require(join(__dirname, '..', 'server', 'dist', 'db', 'data-source'));
const { eventId } = require(join(__dirname, '..', 'server', 'dist', 'modules', 'events', 'event-id'));

const env = (name, fallback) => (process.env[name] === undefined || process.env[name] === '' ? fallback : Number(process.env[name]));
const RATE = env('BENCH_RATE', 2000);
const DURATION = env('BENCH_DURATION', 15);
const POLLS = (process.env.BENCH_POLL_MS || '100,200,1000').split(',').map(Number);
const PARTITIONS = 16;
const CONTACTS = 20_000;
const SERVER_URL = process.env.BENCH_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test';
const NATS_URL = process.env.NATS_URL || '127.0.0.1:4222';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (a, p) => (a.length ? a[Math.min(a.length - 1, Math.floor(p * a.length))] : NaN);
const out = (s) => process.stdout.write(`${s}\n`);

function cpuSecOf(name) {
  try {
    const pids = execFileSync('pgrep', ['-x', name]).toString().trim().split('\n').filter(Boolean);
    let ticks = 0;
    for (const pid of pids) {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    }
    return ticks / 100;
  } catch {
    return NaN;
  }
}
let deadlocks = 0;
/** Ingestion and the scorer retry a deadlock (retryOnLockConflict); counted, since it is a cost of the table path. */
async function retrying(run) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (error.code !== 'ER_LOCK_DEADLOCK' || attempt > 5) throw error;
      deadlocks += 1;
    }
  }
}
const summary = (lat) => {
  lat.sort((a, b) => a - b);
  return `p50 ${pct(lat, 0.5).toFixed(1)} ms, p99 ${pct(lat, 0.99).toFixed(1)} ms, max ${lat[lat.length - 1].toFixed(1)} ms (${lat.length} notices)`;
};

const contactIds = Array.from({ length: CONTACTS }, () => randomUUID());
const partitionOf = (contactId) => createHash('md5').update(contactId).digest()[0] % PARTITIONS;

/** Commits every 10 ms of RATE/100 touchpoints each; `after(rows, committedAt)` runs after each commit. */
async function produce(db, after, before = () => {}) {
  const perCommit = Math.max(1, Math.round(RATE / 100));
  const stopAt = Date.now() + DURATION * 1000;
  let k = 0;
  let next = Date.now();
  const inflight = [];
  while (Date.now() < stopAt) {
    const rows = [];
    for (let i = 0; i < perCommit; i += 1, k += 1) {
      const contactId = contactIds[(k * 7919) % CONTACTS];
      const now = Date.now();
      rows.push([eventId(now), randomUUID(), contactId, randomUUID(), 'read_progress', now, now, 40, 20_000, 0]);
    }
    before(rows);
    inflight.push(retrying(() => db.query(`INSERT INTO touchpoint_event (id, client_event_id, contact_id, agent_id, type, occurred_at_ms, received_at_ms, depth_pct, dwell_ms, scored) VALUES ?`, [rows]))
      .then(() => after(rows, performance.now())));
    next += 10;
    await sleep(Math.max(0, next - Date.now()));
  }
  await Promise.all(inflight);
}

async function tableRun(url, pollMs) {
  const writer = await mysql.createConnection({ uri: url });
  const poller = await mysql.createConnection({ uri: url });
  const committed = new Map();
  const lat = [];
  const queryMs = [];
  let producing = true;
  let giveUpAt = Infinity;
  const worker = (async () => {
    while ((producing || committed.size > 0) && Date.now() < giveUpAt) {
      const t0 = performance.now();
      // The scoring worker's poll (scoring-worker.ts), then the rows it found marked scored.
      const [found] = await poller.query('SELECT DISTINCT contact_id FROM touchpoint_event WHERE scored = 0 LIMIT 5000');
      queryMs.push(performance.now() - t0);
      if (found.length > 0) {
        const ids = found.map((r) => r.contact_id);
        const [rows] = await poller.query('SELECT id FROM touchpoint_event WHERE scored = 0 AND contact_id IN (?)', [ids]);
        const seenAt = performance.now();
        for (const r of rows) {
          // Seen before the writer heard its commit acknowledged: no delay to speak of.
          if (committed.has(r.id)) { const at = committed.get(r.id); lat.push(at === null ? 0 : seenAt - at); committed.delete(r.id); }
        }
        // By primary key, as the scorer marks what it took in (markTouchpointsScored).
        await retrying(() => poller.query('UPDATE touchpoint_event SET scored = 1 WHERE id IN (?)', [rows.map((r) => r.id)]));
      }
      await sleep(pollMs);
    }
  })();
  const cpu0 = cpuSecOf('mariadbd');
  deadlocks = 0;
  await produce(writer, (rows, at) => { for (const r of rows) if (committed.has(r[0])) committed.set(r[0], at); }, (rows) => { for (const r of rows) committed.set(r[0], null); });
  producing = false;
  giveUpAt = Date.now() + 20_000;
  await worker;
  const cpu = cpuSecOf('mariadbd') - cpu0;
  queryMs.sort((a, b) => a - b);
  out(`  table, poll every ${String(pollMs).padStart(4)} ms: commit → seen ${summary(lat)}; poll query p50 ${pct(queryMs, 0.5).toFixed(1)} ms; mariadbd ${cpu.toFixed(1)} CPU s; ${deadlocks} deadlocks retried`);
  await writer.end();
  await poller.end();
}

async function streamRun(url) {
  let nats;
  try {
    nats = require(process.env.NATS_MODULE ? join(process.env.NATS_MODULE, 'nats') : 'nats');
  } catch {
    out('  JetStream: skipped, the nats client is not installed (npm install --no-save nats@2, or NATS_MODULE=<its node_modules>)');
    return;
  }
  const nc = await nats.connect({ servers: NATS_URL });
  const jsm = await nc.jetstreamManager();
  const stream = `KEJING_BENCH_${randomBytes(3).toString('hex').toUpperCase()}`;
  const subject = stream.toLowerCase();
  await jsm.streams.add({ name: stream, subjects: [`${subject}.*`], storage: nats.StorageType.File, retention: nats.RetentionPolicy.Workqueue });
  const js = nc.jetstream();
  const lat = [];
  const ackMs = [];
  const sent = new Map();
  const codec = nats.StringCodec();
  let received = 0;
  const consumers = [];
  for (let p = 0; p < PARTITIONS; p += 1) {
    await jsm.consumers.add(stream, { durable_name: `scorer-${p}`, ack_policy: nats.AckPolicy.Explicit, filter_subject: `${subject}.${p}` });
    const c = await js.consumers.get(stream, `scorer-${p}`);
    const messages = await c.consume({ max_messages: 1000 });
    consumers.push(messages);
    (async () => {
      for await (const m of messages) {
        const key = codec.decode(m.data);
        const at = sent.get(key);
        if (at !== undefined) { lat.push(performance.now() - at); sent.delete(key); }
        received += 1;
        m.ack();
      }
    })();
  }
  const writer = await mysql.createConnection({ uri: url });
  const cpuDb0 = cpuSecOf('mariadbd');
  const cpuNats0 = cpuSecOf('nats-server');
  let published = 0;
  const publishes = [];
  await produce(writer, (rows, at) => {
    // After the commit, as ingestion would: one message per touchpoint, keyed by its row id, on its contact's partition.
    for (const r of rows) {
      sent.set(r[0], at);
      const t0 = performance.now();
      publishes.push(js.publish(`${subject}.${partitionOf(r[2])}`, codec.encode(r[0]), { msgID: r[0] }).then(() => { ackMs.push(performance.now() - t0); published += 1; }));
    }
  });
  await Promise.all(publishes);
  for (let i = 0; i < 200 && sent.size > 0; i += 1) await sleep(50);
  const cpuDb = cpuSecOf('mariadbd') - cpuDb0;
  const cpuNats = cpuSecOf('nats-server') - cpuNats0;
  ackMs.sort((a, b) => a - b);
  out(`  JetStream, ${PARTITIONS} partitions:     commit → received ${summary(lat)}; publish ack p99 ${pct(ackMs, 0.99).toFixed(1)} ms; mariadbd ${cpuDb.toFixed(1)} + nats-server ${cpuNats.toFixed(1)} CPU s (${published} published, ${received} received, ${sent.size} lost)`);
  for (const m of consumers) m.stop();
  await writer.end();
  await jsm.streams.delete(stream);
  await nc.drain();
}

async function main() {
  out(`Touchpoints from API to scorer: table vs JetStream at ${RATE.toLocaleString('en-US')} notices/s for ${DURATION} s (shared machine, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')})`);
  const name = `kejing_bench_transport_${randomBytes(3).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: SERVER_URL });
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4`);
  const url = SERVER_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  try {
    const ds = await openDatabase({ url });
    await ds.destroy();
    if (!process.env.BENCH_SKIP_TABLE) for (const poll of POLLS) await tableRun(url, poll);
    if (!process.env.BENCH_SKIP_STREAM) await streamRun(url);
    out(`  load average after: ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  } finally {
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
