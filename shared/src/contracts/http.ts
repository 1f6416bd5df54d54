/** The error body every endpoint answers with, and a page of a list. */
/** Every error body: a stable code, a message for people, and per-field details for a 400. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: FieldError[] };
}
export interface FieldError {
  field: string;
  reason: string;
  /** Position in a batch, when the error is about one item of it. */
  index?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
