import 'reflect-metadata';
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { createApp } from './app';
import type { RateLimitStore } from './middleware/rate-limit';
import { AppConfig, loadConfig } from './config/load-config';
import { openDatabase } from './db/data-source';
import { loadDemo } from './demo/load-demo';
import { scheduleDailyJob } from './jobs/daily-job-schedule';
import { shiftedClock, systemClock } from './lib/clock';
import { createLogger, type Logger } from './lib/logger';
import { setEventIdLayout } from './modules/events/event-id';
import { buildServices, type Services } from './services';
import { startFakeWeChat } from './wechat/fake-wechat-server';

/**
 * Read config → open (and migrate) the database → listen. The scorer and the daily job start with
 * the server unless PROCESS_ROLE=api; PROCESS_ROLE=worker runs them without HTTP.
 */
export async function start(config: AppConfig = loadConfig()): Promise<{ server: Server | null; stop: () => Promise<void> }> {
  const logger = createLogger(config.logLevel);
  const closers: (() => Promise<void>)[] = [];
  const { services, dataSource } = await openServices(config, logger, closers);
  const role = config.processes.role;
  setEventIdLayout(config.processes.eventIds ?? 'time');
  if (role !== 'api') {
    services.scoringWorker.start(services.changes);
    closers.push(() => services.scoringWorker.stop());
    // The daily pass, once per China day across every process (leases); also `npm run job:daily -w server`.
    closers.push(scheduleDailyJob(services, logger));
    // Pushes held for quiet hours (or WeChat being away) go out once due; claimed per notice, so every worker may run it.
    services.notifications.start(config.notifications.deliverEveryMs);
    closers.push(() => services.notifications.stop());
  }
  if (role === 'worker') {
    logger.info('worker started (scorer and daily job, no HTTP)', { database: dataSource.options.type });
    return { server: null, stop: () => closeAll(closers) };
  }
  let rateLimitStore: RateLimitStore = { kind: 'memory', map: new Map() };
  if (config.redisUrl) {
    // Fail fast (no offline queue): the limiter lets requests through while Redis is away.
    const client = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false });
    client.on('error', (error: Error) => logger.warn('redis error', { detail: error.message.slice(0, 200) }));
    rateLimitStore = { kind: 'redis', client };
    closers.push(async () => void client.disconnect());
  }
  const app = createApp(services, { h5Dir: config.h5Dir, rateLimitStore });
  const server = app.listen(config.port);
  await new Promise((resolve) => server.once('listening', resolve));
  logger.info('listening', { port: config.port, role, database: dataSource.options.type, h5: config.h5Dir ?? 'not built' });
  const stop = async () => {
    await new Promise((resolve) => server.close(resolve));
    await services.writer.drain();
    await closeAll(closers);
  };
  return { server, stop };
}

/** The fake WeChat (dev only), the migrated database, the services and the demo; what to close goes on `closers`. */
async function openServices(config: AppConfig, logger: Logger, closers: (() => Promise<void>)[]): Promise<{ services: Services; dataSource: DataSource }> {
  if (config.wechat.useFake) {
    // Dev only (loadConfig refuses this in production): WeChat's servers are not reachable here.
    const fake = await startFakeWeChat({ appId: config.wechat.appId, appSecret: config.wechat.appSecret });
    config.wechat.apiBaseUrl = fake.baseUrl;
    closers.push(fake.close);
    logger.warn('using a local fake of WeChat: set WECHAT_APP_ID and WECHAT_APP_SECRET for the real one');
  }
  const dataSource = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, timeoutMs: 10_000 });
  closers.push(() => dataSource.destroy());
  const clock = config.devClockShiftMs === 0 ? systemClock : shiftedClock(systemClock, config.devClockShiftMs);
  if (config.devClockShiftMs !== 0) logger.warn('the clock is shifted (DEV_CLOCK_SHIFT_DAYS): the server acts as if it were another day', { shiftMs: config.devClockShiftMs });
  const services = buildServices(config, dataSource, clock, logger);
  if (config.loadDemo && (await loadDemo(services))) logger.info('demo organisation loaded; log in on H5 with ?devCode=demo-agent-1');
  return { services, dataSource };
}

async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  for (const close of closers.reverse()) await close();
}

/**
 * WEB_CONCURRENCY > 1: this (primary) process migrates the schema and loads the demo once, then
 * forks the processes that serve (they share the port; node's cluster spreads connections) and
 * starts a new one in place of any that dies. The processes need nothing from each other: the
 * database's row locks and leases keep scoring and the daily job correct among them.
 */
async function startCluster(config: AppConfig): Promise<void> {
  const logger = createLogger(config.logLevel);
  const closers: (() => Promise<void>)[] = [];
  await openServices({ ...config, wechat: { ...config.wechat } }, logger, closers);
  await closeAll(closers);
  if (!config.databaseUrl) logger.warn('several processes on the embedded SQLite: fine to try, but use MySQL/MariaDB (DATABASE_URL) for real load');
  let stopping = false;
  const fork = () => cluster.fork({ LOAD_DEMO: 'false' });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.warn('server process exited; starting another', { pid: worker.process.pid, code, signal });
    setTimeout(fork, 1000).unref();
  });
  for (let i = 0; i < config.processes.count; i += 1) fork();
  logger.info('started server processes', { count: config.processes.count, role: config.processes.role });
  const shutdown = () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const worker of workers) {
      worker?.once('exit', () => {
        left -= 1;
        if (left === 0) process.exit(0);
      });
      worker?.process.kill('SIGTERM');
    }
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  const config = loadConfig();
  const started = config.processes.count > 1 && cluster.isPrimary ? startCluster(config) : start(config).then(({ stop }) => {
    const shutdown = () => void stop().then(() => process.exit(0));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  started.catch((error: unknown) => {
    process.stderr.write(`kejing failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
