import type { FieldError } from '@kejing/shared';

/** The one error type the API throws; the error middleware renders it. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'resource') => new AppError(404, 'not_found', `${what} not found`);
export const badRequest = (details: FieldError[], message = 'invalid request') =>
  new AppError(400, 'invalid_request', message, details);
export const forbidden = (message = 'not allowed') => new AppError(403, 'forbidden', message);
export const unauthorized = (message = 'authentication required') => new AppError(401, 'unauthorized', message);
export const dbUnavailable = () =>
  new AppError(503, 'database_unavailable', 'the database is unavailable; retry later', undefined, { 'Retry-After': '2' });
