import { isLockConflict } from './lock-conflict';

const BUSY_RETRIES = 30;
/**
 * SQLite (the embedded default) has one connection: a transaction begun while the scorer's is
 * open fails at once and nothing of it happened. MariaDB's deadlocks are the same story. Both
 * are waited out, then the work runs again (it must be one transaction, safe to repeat).
 */
export async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const busy = isLockConflict(error) || /within a transaction|SQLITE_BUSY|database is locked/i.test((error as Error)?.message ?? '');
      if (!busy || attempt >= BUSY_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.floor(Math.random() * 20 * Math.min(attempt, 5))));
    }
  }
}
