import { In, Not, type EntityManager } from 'typeorm';
import { ACTIVE_TASK_STATUSES, FollowUpTask } from './follow-up-task.entity';

/*
 * Reads and writes for placing the follow-ups of many contacts at once (a scoring batch, a batch
 * of the daily job's silence tasks), inside the caller's transaction, which holds every contact's
 * lock: the place is decided in memory, so a batch costs a few statements, not several per contact.
 */

/** Ids per statement: well under SQLite's and MariaDB's limits on bound values. */
const IDS_PER_STATEMENT = 500;
/** Task rows per INSERT: 19 columns each stays under SQLite's 32,766 bound values. */
const ROWS_PER_INSERT = 500;

const PLACE_STATUSES = [...ACTIVE_TASK_STATUSES, 'waiting'] as const;

/** A contact's tasks that bear on its place: the active one and any rule task waiting behind a reminder. */
export interface ContactPlace {
  /** The newest active (open or snoozed) task: the one the contact's follow-ups go to. */
  active: FollowUpTask | null;
  /** The newest waiting rule task, behind the agent's reminder. */
  waiting: FollowUpTask | null;
}

/** Newest first, as the one-at-a-time reads ordered them (created_at_ms DESC), ties by id so the choice is stable. */
const newer = (a: FollowUpTask, b: FollowUpTask): boolean => a.createdAtMs > b.createdAtMs || (a.createdAtMs === b.createdAtMs && a.id > b.id);

/** The places of some contacts, in one query per 500 ids; a contact with no such task has an empty place. */
export async function placesOf(manager: EntityManager, contactIds: readonly string[]): Promise<Map<string, ContactPlace>> {
  const ids = [...new Set(contactIds)];
  const places = new Map<string, ContactPlace>(ids.map((id) => [id, { active: null, waiting: null }]));
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    // `+t.status`: else SQLite ranges over idx_follow_up_task_status_due, every open task there is, not over these contacts'.
    const tasks = await manager.getRepository(FollowUpTask).createQueryBuilder('t')
      .where('t.contact_id IN (:...ids)', { ids: ids.slice(i, i + IDS_PER_STATEMENT) })
      .andWhere('+t.status IN (:...statuses)', { statuses: [...PLACE_STATUSES] })
      .getMany();
    for (const task of tasks) {
      const place = places.get(task.contactId) as ContactPlace;
      const slot = task.status === 'waiting' ? 'waiting' : 'active';
      const known = place[slot];
      if (!known || newer(task, known)) place[slot] = task;
    }
  }
  return places;
}

/**
 * Clears the mark a closed task's writer left behind on these contacts, so it cannot bar a new
 * active follow-up (the mark is unique). Run before inserting their new tasks.
 */
export async function clearStaleActiveMarks(manager: EntityManager, contactIds: readonly string[]): Promise<void> {
  for (let i = 0; i < contactIds.length; i += IDS_PER_STATEMENT) {
    await manager.getRepository(FollowUpTask).update(
      { activeContactId: In(contactIds.slice(i, i + IDS_PER_STATEMENT)), status: Not(In([...ACTIVE_TASK_STATUSES])) }, { activeContactId: null },
    );
  }
}

/**
 * New tasks in multi-row INSERTs, written from the entity's own column list and value conversions
 * (JSON text, transformers) but as plain SQL: TypeORM's insert builder spent about 8 ms per 100
 * rows building its statement, most of what placing a scoring batch's follow-ups cost.
 */
export async function insertTasks(manager: EntityManager, tasks: readonly FollowUpTask[]): Promise<void> {
  if (tasks.length === 0) return;
  const { driver } = manager.connection;
  const meta = manager.connection.getMetadata(FollowUpTask);
  const columns = meta.columns;
  const row = `(${columns.map(() => '?').join(', ')})`;
  const into = `INSERT INTO ${driver.escape(meta.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  for (let i = 0; i < tasks.length; i += ROWS_PER_INSERT) {
    const chunk = tasks.slice(i, i + ROWS_PER_INSERT);
    // Every column is given: a task is built whole (no database defaults are relied on here).
    const values: unknown[] = chunk.flatMap((task) => columns.map((c) => driver.preparePersistentValue(c.getEntityValue(task), c) ?? null));
    await manager.query(into + chunk.map(() => row).join(', '), values);
  }
}

/** One task's changed fields (one statement: existing tasks changed by a batch are few). */
export async function updateTask(manager: EntityManager, id: string, fields: Partial<FollowUpTask>): Promise<void> {
  await manager.createQueryBuilder().update(FollowUpTask).set(fields).where({ id }).updateEntity(false).execute();
}
