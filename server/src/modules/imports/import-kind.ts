import type { ImportRowOutcome } from '@kejing/shared';
import type { EntityManager } from 'typeorm';
import type { StaffActor } from '../../permissions/actor';

/** A field of the kind's rows, and the header names that suggest it (compared without spaces, case-insensitively). */
export interface ImportColumn {
  key: string;
  label: string;
  aliases: readonly string[];
  required?: boolean;
}

/** What one row became. `recordId` names what it created (or the record it duplicates). */
export interface RowResult {
  outcome: ImportRowOutcome;
  /** Why, in Chinese; required unless created. */
  reason?: string;
  recordId?: string;
}

/**
 * One kind of record that comes in rows (contacts, policies …). The import machinery reads the
 * file, suggests and checks the mapping, feeds rows in order and in chunks, and keeps progress
 * and the per-line report; the kind only says what a row is and how to store it.
 */
export interface ImportKind<Row> {
  kind: string;
  /** Roles that may import this kind. */
  roles: readonly string[];
  columns: readonly ImportColumn[];
  /** The mapped cells (by column key, trimmed text, '' when empty) as a row, or why not (Chinese). */
  readRow(cells: Readonly<Record<string, string>>): { row: Row } | { error: string };
  /**
   * Stores one good row for the importer, inside the transaction that also records the row's
   * outcome: a row is stored once even if the process stops between rows. Rows come in file
   * order, so a later row sees what an earlier one of the same file stored.
   */
  commitRow(manager: EntityManager, actor: StaffActor, row: Row, context: { jobId: string; line: number }): Promise<RowResult>;
  /** After each chunk, with the ids of what it created (to rescore them now, say). */
  afterChunk?(actor: StaffActor, createdIds: string[]): Promise<void>;
}

/** Any kind, as the registry holds them (each kind's Row type is its own business). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry is heterogeneous; each kind is typed where it is written
export type AnyImportKind = ImportKind<any>;
