import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { In } from 'typeorm';

/** One row a step moved; `prior` is whatever else the step changed on it and must put back. */
export interface MovedRow {
  rowId: string;
  prior?: string | null;
}

/**
 * One module's part of merging two contacts of an agent: move its rows of `fromContactId` onto
 * `intoContactId`, and put exactly those rows back on undo. Each module that keeps rows by
 * contact owns its step (it knows its own rules, such as one active follow-up per contact); the
 * merge service runs them all in one transaction and keeps the moved rows for undo.
 */
export interface ContactMergeStep {
  /** Names the step in the merge record (≤ 30 characters, stable: undo finds its rows by it). */
  name: string;
  move(manager: EntityManager, fromContactId: string, intoContactId: string): Promise<MovedRow[]>;
  undo(manager: EntityManager, fromContactId: string, intoContactId: string, rows: MovedRow[]): Promise<void>;
}

const CHUNK = 500;

/**
 * The step for a table whose rows simply follow their contact: every row with `column` equal to
 * the merged contact moves, and back. `column` is the entity's property (contactId by default).
 */
export function moveContactRowsStep<T extends ObjectLiteral & { id: string }>(name: string, entity: EntityTarget<T>, column = 'contactId'): ContactMergeStep {
  const setContact = async (manager: EntityManager, ids: string[], contactId: string) => {
    for (let i = 0; i < ids.length; i += CHUNK) {
      await manager.createQueryBuilder().update(entity).set({ [column]: contactId } as never).where({ id: In(ids.slice(i, i + CHUNK)) }).execute();
    }
  };
  return {
    name,
    async move(manager, fromContactId, intoContactId) {
      const rows = await manager.getRepository(entity).find({ select: { id: true } as never, where: { [column]: fromContactId } as never });
      const ids = rows.map((r) => r.id);
      await setContact(manager, ids, intoContactId);
      return ids.map((rowId) => ({ rowId }));
    },
    async undo(manager, fromContactId, _intoContactId, rows) {
      await setContact(manager, rows.map((r) => r.rowId), fromContactId);
    },
  };
}
