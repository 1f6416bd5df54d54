import 'reflect-metadata';
import { loadConfig } from '../config/load-config';
import { openDatabase } from '../db/data-source';
import { runDailyJob } from '../jobs/daily-job';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { buildServices } from '../services';

/** `npm run job:daily -w server`: the nightly decay / step-back / morning-list pass, now. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const services = buildServices(config, dataSource, systemClock, createLogger(config.logLevel));
  const summary = await runDailyJob(services, services.scoringWorker);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`daily job failed: ${(error as Error).message}\n`);
  process.exit(1);
});
