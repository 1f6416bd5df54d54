import 'reflect-metadata';
import { loadConfig } from '../config/load-config';
import { openDatabase } from '../db/data-source';
import { type DailyJobProgress, type DailyJobSummary, dailyJobAsOfMs, runDailyJob, runDueDailyJobs } from '../jobs/daily-job';
import { shiftedClock, systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { buildServices } from '../services';

const USAGE = 'usage: npm run job:daily -w server [-- --as-of YYYY-MM-DD]';

/** `--as-of YYYY-MM-DD` → that day; nothing → every due day (missed ones first, then today). */
export function parseDailyJobArgs(argv: string[]): { asOf: string | null } {
  let asOf: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--as-of') asOf = argv[(i += 1)] ?? '';
    else if (arg.startsWith('--as-of=')) asOf = arg.slice('--as-of='.length);
    else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  return { asOf };
}

function printProgress(): (p: DailyJobProgress) => void {
  let lastMs = 0;
  const started = Date.now();
  return (p) => {
    const now = Date.now();
    // A line a second at most; every finished part is shown.
    if (now - lastMs < 1000 && p.partsDone < p.partsTotal) return;
    lastMs = now;
    const rate = p.contactsRescored / Math.max(0.001, (now - started) / 1000);
    process.stderr.write(`${p.day}  ${p.partsDone}/${p.partsTotal} parts done  ${p.part}  ${p.contactsRescored} contacts rescored here (${Math.round(rate)}/s)\n`);
  };
}

/**
 * `npm run job:daily -w server`: the daily pass now, catching up every missed day first, or for one
 * day with `--as-of`. It joins runs other processes have started (each part once, by leases) and
 * prints its progress on stderr and one JSON summary per day on stdout.
 */
async function main(): Promise<void> {
  const { asOf } = parseDailyJobArgs(process.argv.slice(2));
  const config = loadConfig();
  const clock = config.devClockShiftMs === 0 ? systemClock : shiftedClock(systemClock, config.devClockShiftMs);
  if (asOf !== null) dailyJobAsOfMs(asOf, clock.nowMs(), config.scoring.dailyJobHour); // refuse a bad date before touching the database
  const dataSource = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const services = buildServices(config, dataSource, clock, createLogger(config.logLevel));
    const onProgress = printProgress();
    const summaries: DailyJobSummary[] = asOf !== null
      ? [await runDailyJob(services, services.scoringWorker, { day: asOf, onProgress })]
      // Run by hand, today counts as due whatever the configured hour.
      : await runDueDailyJobs(services, services.scoringWorker, 0, { onProgress });
    if (summaries.length === 0) process.stderr.write('nothing due\n');
    for (const summary of summaries) process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`daily job failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
