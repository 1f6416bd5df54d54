import type { Context } from 'koa';
import { QueryFailedError } from 'typeorm';
import { createLogger } from '../lib/logger';
import { errorHandler } from './error-handler';

/** What the handler leaves on a bare context when the next middleware throws `error`. */
async function answerTo(error: unknown) {
  const headers: Record<string, string> = {};
  const ctx = { status: 404, body: undefined as unknown, path: '/api/events', set: (h: Record<string, string>) => Object.assign(headers, h) };
  await errorHandler(createLogger('error', () => undefined))(ctx as unknown as Context, () => Promise.reject(error));
  return { status: ctx.status, body: ctx.body as { error: { code: string } }, headers };
}

describe('errorHandler and lock conflicts', () => {
  it.each([
    ['a deadlock (1213) wrapped by TypeORM', new QueryFailedError('UPDATE …', [], Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 }))],
    ['a lock-wait timeout (1205) raw from mysql2', Object.assign(new Error('Lock wait timeout exceeded'), { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 })],
  ])('answers %s that escaped every retry with 503 database_busy and Retry-After, never 500', async (_what, error) => {
    const answer = await answerTo(error);
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('database_busy');
    expect(answer.headers['Retry-After']).toBe('1');
  });

  it('still answers a query that is simply wrong with 500', async () => {
    expect((await answerTo(new QueryFailedError('SELECT …', [], Object.assign(new Error('syntax'), { code: 'ER_PARSE_ERROR', errno: 1064 })))).status).toBe(500);
  });
});
