import { In, type EntityManager } from 'typeorm';
import { FollowUpTask, PENDING_TASK_STATUSES } from './follow-up-task.entity';

/**
 * Closes every follow-up of these contacts not yet closed (open, snoozed, a reminder to come, a rule task waiting) inside the caller's transaction (an
 * opt-out: the agent must not message someone who asked not to be). It clears the one-active mark
 * too, so the contact can get a follow-up again if they opt back in.
 */
export async function dismissOpenTasksOf(manager: EntityManager, contactIds: string[]): Promise<void> {
  if (contactIds.length === 0) return;
  await manager.update(
    FollowUpTask,
    { contactId: In(contactIds), status: In([...PENDING_TASK_STATUSES]) },
    { status: 'dismissed', snoozedUntilMs: null, activeContactId: null },
  );
}
