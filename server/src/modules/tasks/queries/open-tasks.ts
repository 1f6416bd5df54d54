import type { DataSource, EntityManager } from 'typeorm';
import type { TaskView } from '@kejing/shared';
import { FollowUpTask } from '../follow-up-task.entity';
import { presentTask, type TaskContact } from '../task.presenter';

/** The contact's open follow-ups, soonest due first. */
export async function openTasksOf(db: DataSource | EntityManager, contact: TaskContact & { id: string }): Promise<TaskView[]> {
  const tasks = await db.getRepository(FollowUpTask).find({ where: { contactId: contact.id, status: 'open' }, order: { dueAtMs: 'ASC' } });
  return tasks.map((task) => presentTask(task, contact));
}
