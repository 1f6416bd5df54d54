import 'reflect-metadata';
import type { Server } from 'node:http';
import Redis from 'ioredis';
import { createApp } from './app';
import type { RateLimitStore } from './middleware/rate-limit';
import { AppConfig, loadConfig } from './config/load-config';
import { openDatabase } from './db/data-source';
import { loadDemo } from './demo/load-demo';
import { isDailyJobDue, runDailyJob } from './jobs/daily-job';
import { systemClock } from './lib/clock';
import { createLogger } from './lib/logger';
import { buildServices } from './services';
import { startFakeWeChat } from './wechat/fake-wechat-server';

/** Read config → open (and migrate) the database → listen. Background jobs start with the server. */
export async function start(config: AppConfig = loadConfig()): Promise<{ server: Server; stop: () => Promise<void> }> {
  const logger = createLogger(config.logLevel);
  const closers: (() => Promise<void>)[] = [];
  if (config.wechat.useFake) {
    // Dev only (loadConfig refuses this in production): WeChat's servers are not reachable here.
    const fake = await startFakeWeChat({ appId: config.wechat.appId, appSecret: config.wechat.appSecret });
    config.wechat.apiBaseUrl = fake.baseUrl;
    closers.push(fake.close);
    logger.warn('using a local fake of WeChat: set WECHAT_APP_ID and WECHAT_APP_SECRET for the real one');
  }
  const dataSource = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, timeoutMs: 10_000 });
  closers.push(() => dataSource.destroy());
  const services = buildServices(config, dataSource, systemClock, logger);
  if (config.loadDemo && (await loadDemo(services))) logger.info('demo organisation loaded; log in on H5 with ?devCode=demo-agent-1');
  services.scoringWorker.start(services.changes);
  closers.push(() => services.scoringWorker.stop());
  // The nightly pass runs in-process at the configured hour (China time); also `npm run job:daily -w server`.
  const dailyTimer = setInterval(() => {
    void isDailyJobDue(services, config.scoring.dailyJobHour)
      .then(async (due) => {
        if (due) logger.info('daily job done', { ...(await runDailyJob(services, services.scoringWorker)) });
      })
      .catch((error: unknown) => logger.warn('daily job failed', { detail: (error as Error).message }));
  }, 5 * 60 * 1000);
  dailyTimer.unref();
  closers.push(async () => clearInterval(dailyTimer));
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
  logger.info('listening', { port: config.port, database: dataSource.options.type, h5: config.h5Dir ?? 'not built' });
  const stop = async () => {
    await new Promise((resolve) => server.close(resolve));
    await services.writer.drain();
    for (const close of closers.reverse()) await close();
  };
  return { server, stop };
}

if (require.main === module) {
  start()
    .then(({ stop }) => {
      const shutdown = () => void stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    })
    .catch((error: unknown) => {
      process.stderr.write(`kejing failed to start: ${(error as Error).message}\n`);
      process.exit(1);
    });
}
