/**
 * Tabular import (批量导入, issue 13.2): a CSV or .xlsx file is uploaded, previewed with the
 * columns it can fill, then committed with the agent's column mapping. Any kind of record that
 * comes in rows (contacts now, policies later) uses the same four steps and the same views.
 */

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The file itself, before base64 (the body is about 4/3 of it). */
export const IMPORT_FILE_MAX_BYTES = 4 * 1024 * 1024;
/** The upload body: the file in base64 plus a little JSON around it. */
export const IMPORT_UPLOAD_MAX_BYTES = Math.ceil(IMPORT_FILE_MAX_BYTES / 3) * 4 + 4096;
export const IMPORT_ROWS_MAX = 20_000;
/** Rows shown in the preview. */
export const IMPORT_SAMPLE_ROWS = 5;
/** Problem rows listed in a job's view (all are counted). */
export const IMPORT_PROBLEMS_LISTED = 500;
export const IMPORT_UPLOAD_PATH = '/api/imports';

/** POST /api/imports. */
export interface ImportUploadRequest {
  /** What the rows are: 'contacts' or 'policies' (existing clients' policies). */
  kind: string;
  fileName: string;
  /** Told by the file name's ending when left out. */
  format?: ImportFormat;
  contentBase64: string;
}

/** A field a row can fill. */
export interface ImportColumnView {
  key: string;
  /** Its name as the agent reads it (姓名, 手机 …). */
  label: string;
  required: boolean;
}

/** Which of the file's columns (by 0-based position) fills a field; null leaves it empty. */
export interface ImportMappingEntry {
  column: string;
  header: number | null;
}

/** What the upload found: the file's headers, a few rows, and the mapping the headers suggest. */
export interface ImportPreviewView {
  jobId: string;
  kind: string;
  fileName: string;
  headers: string[];
  sampleRows: string[][];
  totalRows: number;
  columns: ImportColumnView[];
  suggestedMapping: ImportMappingEntry[];
}

/** POST /api/imports/:jobId/commit. */
export interface ImportCommitRequest {
  mapping: ImportMappingEntry[];
}

export const IMPORT_JOB_STATUSES = ['previewed', 'running', 'done'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/**
 * What became of a row: created; duplicate (already held by this agent, not created again);
 * flagged (created, and also held by another agent of the company: listed for managers); bad.
 */
export const IMPORT_ROW_OUTCOMES = ['created', 'duplicate', 'flagged', 'bad'] as const;
export type ImportRowOutcome = (typeof IMPORT_ROW_OUTCOMES)[number];

export interface ImportProblemView {
  /** The row's line in the file (the header is line 1). */
  line: number;
  outcome: Exclude<ImportRowOutcome, 'created'>;
  /** Why, in Chinese. */
  reason: string;
}

/** GET /api/imports/:jobId: progress while running, the result when done. */
export interface ImportJobView {
  jobId: string;
  kind: string;
  fileName: string;
  status: ImportJobStatus;
  totalRows: number;
  processedRows: number;
  counts: Record<ImportRowOutcome, number>;
  /** Rows not simply created, by line (at most IMPORT_PROBLEMS_LISTED). */
  problems: ImportProblemView[];
  createdAt: string;
  finishedAt: string | null;
}
