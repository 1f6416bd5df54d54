/** The error body every endpoint answers with, and a page of a list. */
import type { ServerErrorCode } from './error-messages.zh';

/**
 * Every error body: a stable code (one of ERROR_CODES, error-messages.zh.ts), a Chinese message
 * saying what to do next, and per-field details for a 400.
 */
export interface ApiErrorBody {
  error: { code: ServerErrorCode; message: string; details?: FieldError[] };
}
export interface FieldError {
  /** The request field, as sent (e.g. "phones.1.phone"). */
  field: string;
  /** Why, in Chinese. */
  reason: string;
  /** The field's Chinese name (FIELD_LABELS_ZH); the server fills it in on every answer. */
  label?: string;
  /** Position in a batch, when the error is about one item of it. */
  index?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
