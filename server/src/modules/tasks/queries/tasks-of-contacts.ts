import { In, type DataSource, type EntityManager } from 'typeorm';
import { FollowUpTask } from '../follow-up-task.entity';

/** What the privacy export lists of a follow-up (a reminder's note is the agent's writing about the person). */
export type TaskExportRow = Pick<FollowUpTask, 'contactId' | 'action' | 'status' | 'dueAtMs' | 'note'>;

/** Every follow-up of some contacts, oldest first. */
export function tasksOfContacts(db: DataSource | EntityManager, contactIds: readonly string[]): Promise<TaskExportRow[]> {
  return contactIds.length === 0
    ? Promise.resolve([])
    : db.getRepository(FollowUpTask).find({ where: { contactId: In([...contactIds]) }, order: { createdAtMs: 'ASC' } });
}
