import type { Logger } from '../lib/logger';
import type { Services } from '../services';
import { runDueDailyJobs } from './daily-job';

/**
 * Looks every `checkMs` whether a day's run is due and, if so, takes part in it (and in any day
 * missed before it, in order). Never two runs at once in one process; across processes the day's
 * leases decide who does what, so every worker process can run this.
 */
export function scheduleDailyJob(services: Services, logger: Logger): () => Promise<void> {
  const { dailyJobHour, dailyJobCheckMs } = services.config.scoring;
  let running: Promise<void> | null = null;
  const stopping = new AbortController();
  const check = () => {
    if (running || stopping.signal.aborted) return;
    running = runDueDailyJobs(services, services.scoringWorker, dailyJobHour, { signal: stopping.signal })
      .then((summaries) => {
        for (const summary of summaries) logger.info('daily job done', { ...summary });
      })
      .catch((error: unknown) => logger.warn('daily job failed; the next check resumes it', { detail: (error as Error).message?.slice(0, 300) }))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(check, dailyJobCheckMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    stopping.abort();
    await running;
  };
}
