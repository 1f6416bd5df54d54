import type { Context, Next } from 'koa';
import { QueryFailedError } from 'typeorm';
import { ERROR_MESSAGES_ZH, fieldLabelZh, hasChinese, type FieldError } from '@kejing/shared';
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
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError(404, 'not_found');
    } catch (caught) {
      let error = caught;
      const http = caught as { status?: number; type?: string; expose?: boolean; message?: string };
      if (!(error instanceof AppError)) {
        // A deadlock that escaped every retry (or struck where none is made) is contention, not a bug.
        if (isLockConflict(error)) error = databaseBusy();
        else if (isDatabaseUnavailable(error)) error = dbUnavailable();
        else if (http.status === 413 || http.type === 'entity.too.large') error = new AppError(413, 'payload_too_large');
        else if (http.status === 415) error = new AppError(415, 'unsupported_media_type');
        // co-body marks a JSON parse failure (NaN, a __proto__ key bourne refuses) 400 without `expose`.
        else if (http.status === 400 && (http.expose || caught instanceof SyntaxError)) error = new AppError(400, 'invalid_json');
        else if (typeof http.status === 'number' && http.status >= 400 && http.status < 500 && http.expose) {
          error = new AppError(http.status, 'bad_request');
        }
      }
      if (error instanceof AppError) {
        ctx.status = error.status;
        const details = error.details?.map((d) => inChinese(d, logger));
        const message = hasChinese(error.message) ? error.message : ERROR_MESSAGES_ZH[error.code];
        if (message !== error.message) logger.warn('an error message in English was replaced', { code: error.code, message: error.message });
        ctx.body = { error: { code: error.code, message: details && details.length > 0 && error.message === ERROR_MESSAGES_ZH.field_invalid ? fieldSummary(details) : message, ...(details ? { details } : {}) } };
        if (error.headers) ctx.set(error.headers);
        if (error.status >= 500) logger.warn('request failed', { status: error.status, code: error.code, path: ctx.path });
        return;
      }
      const kind = caught instanceof QueryFailedError ? 'query_failed' : (caught as Error)?.name ?? 'unknown';
      logger.error('unhandled error', { path: ctx.path, kind, detail: (caught as Error)?.message?.slice(0, 300) });
      ctx.status = 500;
      ctx.body = { error: { code: 'internal', message: ERROR_MESSAGES_ZH.internal } };
    }
  };
}

/**
 * A field error as a person reads it: the field's Chinese name beside its Chinese reason. A reason
 * in English (a slip the English scan should have caught) never reaches a person.
 */
function inChinese(detail: FieldError, logger: Logger): FieldError {
  const label = detail.label ?? fieldLabelZh(detail.field);
  if (hasChinese(detail.reason)) return { ...detail, label };
  logger.warn('a field reason in English was replaced', { field: detail.field, reason: detail.reason });
  return { ...detail, label, reason: '填写有误，请检查后重新填写' };
}

/** The message of a 400 with fields: the first field's reason by name, and how many more there are. */
function fieldSummary(details: FieldError[]): string {
  const first = details[0] as FieldError;
  const label = first.label ?? fieldLabelZh(first.field);
  const text = first.reason.includes(label) ? first.reason : `${label}：${first.reason}`;
  return details.length > 1 ? `${text}（另有 ${details.length - 1} 处需要修改）` : text;
}
