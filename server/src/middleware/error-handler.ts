import type { Context, Next } from 'koa';
import { QueryFailedError } from 'typeorm';
import { AppError, dbUnavailable } from '../lib/app-error';
import { databaseBusy, isLockConflict } from '../lib/lock-conflict';
import type { Logger } from '../lib/logger';

const DB_DOWN_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR',
  'PROTOCOL_SEQUENCE_TIMEOUT', 'POOL_CLOSED', 'SQLITE_BUSY', 'DB_TIMEOUT',
]);

/** True when an error means "the database cannot be reached right now" rather than "bad query". */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; fatal?: unknown; message?: unknown };
  const code = e?.code ?? e?.driverError?.code;
  if (typeof code === 'string' && DB_DOWN_CODES.has(code)) return true;
  if (e?.fatal === true) return true;
  return typeof e?.message === 'string' && /Pool is closed|connection is in closed state|Connection lost|Can't add new command when connection is in closed state/i.test(e.message);
}

/** The first middleware: every error leaves as { error: { code, message, details? } }, never a stack or SQL. */
export function errorHandler(logger: Logger) {
  return async function handleErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError(404, 'not_found', 'no such endpoint');
    } catch (caught) {
      let error = caught;
      const http = caught as { status?: number; type?: string; expose?: boolean; message?: string };
      if (!(error instanceof AppError)) {
        // A deadlock that escaped every retry (or struck where none is made) is contention, not a bug.
        if (isLockConflict(error)) error = databaseBusy();
        else if (isDatabaseUnavailable(error)) error = dbUnavailable();
        else if (http.status === 413 || http.type === 'entity.too.large') error = new AppError(413, 'payload_too_large', 'the request body is too large');
        else if (http.status === 415) error = new AppError(415, 'unsupported_media_type', 'send application/json');
        // co-body marks a JSON parse failure (NaN, a __proto__ key bourne refuses) 400 without `expose`.
        else if (http.status === 400 && (http.expose || caught instanceof SyntaxError)) error = new AppError(400, 'invalid_json', 'the body is not valid JSON');
        else if (typeof http.status === 'number' && http.status >= 400 && http.status < 500 && http.expose) {
          error = new AppError(http.status, 'bad_request', 'the request could not be read');
        }
      }
      if (error instanceof AppError) {
        ctx.status = error.status;
        ctx.body = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
        if (error.headers) ctx.set(error.headers);
        if (error.status >= 500) logger.warn('request failed', { status: error.status, code: error.code, path: ctx.path });
        return;
      }
      const kind = caught instanceof QueryFailedError ? 'query_failed' : (caught as Error)?.name ?? 'unknown';
      logger.error('unhandled error', { path: ctx.path, kind, detail: (caught as Error)?.message?.slice(0, 300) });
      ctx.status = 500;
      ctx.body = { error: { code: 'internal', message: 'something went wrong on our side' } };
    }
  };
}
