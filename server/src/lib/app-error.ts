import { ERROR_MESSAGES_ZH, type ServerErrorCode, type FieldError, type NotFoundSubject } from '@kejing/shared';

/**
 * The one error type the API throws; the error middleware renders it. The code is one of shared's
 * ERROR_CODES (so every code has its Chinese); the message defaults to the table's and is given
 * only when it says more (a name, a limit), in Chinese.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ServerErrorCode,
    message?: string,
    readonly details?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? ERROR_MESSAGES_ZH[code]);
  }
}

/** 404 for one kind of thing: notFound('contact') answers contact_not_found. */
export const notFound = (what: NotFoundSubject) => new AppError(404, `${what}_not_found` as ServerErrorCode);
export const badRequest = (details: FieldError[], message?: string) => new AppError(400, 'field_invalid', message, details);
export const forbidden = (message?: string) => new AppError(403, 'forbidden', message);
export const unauthorized = (message?: string) => new AppError(401, 'unauthorized', message);
export const dbUnavailable = () => new AppError(503, 'database_unavailable', undefined, undefined, { 'Retry-After': '2' });
