import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import { isLockConflict, retryOnLockConflict } from './lock-conflict';

const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
const lockWait = () => Object.assign(new Error('Lock wait timeout exceeded'), { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 });

/** Work that fails with the given errors in turn, then answers 'done'. */
function failingThen(errors: Error[]) {
  let calls = 0;
  return {
    get calls() { return calls; },
    work: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'done';
    },
  };
}

describe('retryOnLockConflict', () => {
  const waits: number[] = [];
  const options = { attempts: 4, baseDelayMs: 100, random: () => 0.5, sleep: async (ms: number) => void waits.push(ms) };
  beforeEach(() => (waits.length = 0));

  it('runs the work again after a deadlock and a lock-wait timeout, waiting a jittered, doubling time between tries', async () => {
    const w = failingThen([deadlock(), lockWait()]);
    await expect(retryOnLockConflict(w.work, options)).resolves.toBe('done');
    expect(w.calls).toBe(3);
    expect(waits).toEqual([50, 100]);
  });

  it('gives up after the bounded number of tries with 503 database_busy and a Retry-After, never the driver error', async () => {
    const w = failingThen([deadlock(), deadlock(), deadlock(), deadlock(), deadlock()]);
    const error = await retryOnLockConflict(w.work, options).catch((e: unknown) => e);
    expect(w.calls).toBe(4);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 503, code: 'database_busy', headers: { 'Retry-After': '1' } });
  });

  it('passes any other error through at once, without retrying', async () => {
    const w = failingThen([Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY', errno: 1062 })]);
    await expect(retryOnLockConflict(w.work, options)).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
    expect(w.calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('knows a deadlock wrapped by TypeORM (QueryFailedError.driverError) as well as one raw from mysql2', () => {
    expect(isLockConflict(new QueryFailedError('INSERT …', [], deadlock()))).toBe(true);
    expect(isLockConflict(deadlock())).toBe(true);
    expect(isLockConflict({ errno: 1205 })).toBe(true);
    expect(isLockConflict(new Error('no'))).toBe(false);
    expect(isLockConflict({ errno: 1062 })).toBe(false);
  });

  it('knows TiDB\'s write conflicts (9007, 8022): the transaction was rolled back whole, so it runs again', () => {
    expect(isLockConflict({ errno: 9007, code: 'ER_UNKNOWN_ERROR' })).toBe(true);
    expect(isLockConflict(new QueryFailedError('UPDATE …', [], Object.assign(new Error('Write conflict'), { errno: 8022 })))).toBe(true);
    expect(isLockConflict(null)).toBe(false);
  });
});
