'use strict';
/**
 * The load generator: autocannon with a fresh body (fresh clientEventIds) for every request.
 *
 * It runs either inside the benchmark process (`runLoad`) or in a forked child process (this
 * file run with `fork`, driven by messages), so the two placements can be compared.
 *
 * Every request's fate is tracked: a 2xx counts its events as acknowledged; a request still in
 * flight when the load stops, or answered with anything but 2xx, is handed back as "unsettled"
 * so the caller can retry it the way a real client would (the server stores a retried event once).
 */
const { randomUUID } = require('node:crypto');
const autocannon = require('autocannon');

/**
 * @param {object} o
 * @param {string} o.url               base url, e.g. http://127.0.0.1:1234
 * @param {number} o.connections
 * @param {number} o.durationSec
 * @param {number} o.eventsPerRequest
 * @param {string[]} o.tokens           viewer session tokens (round-robin per request)
 * @param {string[]} o.shareIds         signed share ids (round-robin per request)
 * @returns {Promise<object>}
 */
async function runLoad(o) {
  const unsettled = new Set();
  let acked = 0;
  let ackedRequests = 0;
  let turn = 0;
  const statuses = {};

  function makeRequest() {
    const i = turn++;
    const token = o.tokens[i % o.tokens.length];
    const shareId = o.shareIds[i % o.shareIds.length];
    const now = Date.now();
    const events = new Array(o.eventsPerRequest);
    for (let k = 0; k < o.eventsPerRequest; k++) {
      events[k] = {
        clientEventId: randomUUID(), type: 'read_progress', shareId, createdAtDeviceMs: now - 1000 - k, depthPct: (i + k) % 101, dwellMs: 12_000,
      };
    }
    return { token, body: JSON.stringify({ sentAtDeviceMs: now, events }) };
  }

  const cpuBefore = process.cpuUsage();
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    pipelining: 1,
    duration: o.durationSec,
    timeout: 10,
    ...(o.overallRate ? { overallRate: o.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/api/events',
        setupRequest(req, context) {
          const pending = makeRequest();
          context.pending = pending;
          unsettled.add(pending);
          req.headers = { 'content-type': 'application/json', authorization: `Bearer ${pending.token}` };
          req.body = pending.body;
          return req;
        },
        onResponse(status, _body, context) {
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status >= 200 && status < 300 && context.pending) {
            unsettled.delete(context.pending);
            acked += o.eventsPerRequest;
            ackedRequests += 1;
          }
        },
      },
    ],
  });
  // Every 2xx latency, so that several short runs can be merged into exact percentiles.
  const latencies = [];
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(Math.round(responseTime * 100) / 100);
  });
  const result = await instance;
  const cpu = process.cpuUsage(cpuBefore);
  const ok = result['2xx'];
  return {
    durationSec: result.duration,
    requests: ok,
    nonOk: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    reqPerSec: ok / result.duration,
    eventsPerSec: (ok * o.eventsPerRequest) / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    ackedEvents: acked,
    ackedRequests,
    unsettled: [...unsettled],
    /** CPU seconds this process spent, for the placement comparison. */
    cpuSec: (cpu.user + cpu.system) / 1e6,
    latencies,
  };
}

module.exports = { runLoad };

// As a child process: { id, options } in, { id, result } or { id, error } out.
if (require.main === module && typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message === 'exit') process.exit(0);
    runLoad(message.options).then(
      (result) => process.send({ id: message.id, result }),
      (error) => process.send({ id: message.id, error: String(error && error.stack ? error.stack : error) }),
    );
  });
  process.send({ ready: true });
}
