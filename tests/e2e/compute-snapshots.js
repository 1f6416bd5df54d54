// Stores the demo's daily KYB134 / funnel snapshots for the last `days` China days, as the nightly
// job does for yesterday, so the dashboards have a history (trends, "who slipped" a week ago).
// Runs the built server's own SnapshotService against the e2e server's DATA_DIR; the demo has no
// admin login for POST /api/dashboards/snapshots.
const path = require('node:path');
const { REPO } = require('./server-process');

async function computeSnapshots({ dataDir, days = 14 }) {
  const dist = path.join(REPO, 'server', 'dist');
  const env = { ...process.env };
  process.env.DATA_DIR = dataDir;
  process.env.NODE_ENV = 'development';
  try {
    require('reflect-metadata');
    const { loadConfig } = require(path.join(dist, 'config', 'load-config'));
    const { openDatabase } = require(path.join(dist, 'db', 'data-source'));
    const { buildServices } = require(path.join(dist, 'services'));
    const { systemClock } = require(path.join(dist, 'lib', 'clock'));
    const { createLogger } = require(path.join(dist, 'lib', 'logger'));
    const config = loadConfig();
    const dataSource = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, timeoutMs: 10_000 });
    try {
      const services = buildServices(config, dataSource, systemClock, createLogger('warn'));
      // Today in China (UTC+8), as the server counts days.
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const out = [];
      for (let back = days; back >= 0; back -= 1) {
        const day = new Date(Date.parse(`${today}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
        out.push(await services.snapshots.computeDay(day));
      }
      return out;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    process.env = env;
  }
}

module.exports = { computeSnapshots };
