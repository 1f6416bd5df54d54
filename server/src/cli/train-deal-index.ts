import 'reflect-metadata';
import { loadConfig } from '../config/load-config';
import { openDatabase } from '../db/data-source';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { buildServices } from '../services';

/**
 * `npm run train:deal-index -w server`: train the deal index (成交指数) on every closed contact
 * now, store the model with its held-out AUC and calibration, and print what happened. With too
 * few outcomes nothing is trained and the stage prior stays in use; the reason is printed.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const services = buildServices(config, dataSource, systemClock, createLogger(config.logLevel));
  const summary = await services.dealIndex.train();
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.stdout.write(
    summary.modelVersion
      ? `model ${summary.modelVersion}: held-out AUC ${summary.auc?.toFixed(3) ?? '—'} (stage alone ${summary.stagePriorAuc?.toFixed(3) ?? '—'}) on ${summary.heldOut} contacts; ${summary.active ? 'in use' : 'not used (below the AUC bar)'}\n`
      : `no model: ${summary.readiness.reasonZh}\n`,
  );
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`training failed: ${(error as Error).message}\n`);
  process.exit(1);
});
