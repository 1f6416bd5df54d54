import { AppError } from './app-error';

// InnoDB's answers to two writers in each other's way: the statement (deadlock: the whole
// transaction) was rolled back and nothing of it remains, so running it again is safe.
const LOCK_CONFLICT_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
// TiDB (docs/scale-out.md) answers the same in its pessimistic mode, and in an optimistic
// transaction a write conflict found at commit (9007) or a retry it gave up (8022): also rolled
// back whole, so also safe to run again.
const LOCK_CONFLICT_ERRNOS = new Set([1213, 1205, 9007, 8022]);

/** True for a deadlock (1213), lock-wait timeout (1205) or TiDB write conflict (9007, 8022), raw from mysql2 or wrapped by TypeORM. */
export function isLockConflict(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  const errno = e?.errno ?? e?.driverError?.errno;
  return (typeof code === 'string' && LOCK_CONFLICT_CODES.has(code)) || (typeof errno === 'number' && LOCK_CONFLICT_ERRNOS.has(errno));
}

/** What a client hears when the retries ran out: busy for a moment, not broken. */
export const databaseBusy = () =>
  new AppError(503, 'database_busy', undefined, undefined, { 'Retry-After': '1' });

export interface LockRetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** The longest wait before the first retry; each retry doubles it. */
  baseDelayMs: number;
  /** [0, 1): the jitter's source (tests pass a seeded one). */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Four tries, waiting at most 15, 30 and 60 ms between them: two writers that deadlocked once
 * rarely do again once one of them waits, and the whole ladder stays far inside a request's
 * database timeout (DB_TIMEOUT_MS, 2 s by default).
 */
export const LOCK_RETRY_DEFAULTS: LockRetryOptions = { attempts: 4, baseDelayMs: 15 };

const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` again after a deadlock or lock-wait timeout, a bounded number of times with "full
 * jitter" (a random wait up to the doubling bound, so the two losers do not collide again in
 * step). Any other error passes through at once; when the tries run out it is 503 database_busy
 * with Retry-After, never a 500. `work` must be safe to repeat: one statement or one transaction.
 */
export async function retryOnLockConflict<T>(work: () => Promise<T>, options: LockRetryOptions = LOCK_RETRY_DEFAULTS): Promise<T> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? sleepMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isLockConflict(error)) throw error;
      if (attempt >= options.attempts) throw databaseBusy();
      await sleep(Math.floor(random() * options.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
