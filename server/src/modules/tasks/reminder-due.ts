import type { Logger } from '../../lib/logger';
import type { FollowUpTask } from './follow-up-task.entity';

/**
 * THE place where "a reminder came due" is told to the agent. Every way a reminder comes due
 * (set for today, the daily job's morning run, the place freed by closing another task) ends here.
 * The notifications work (issue 13 item 6) will call its notify(agentId, 'reminder_due', …) from
 * this function; until then the reminder is on the morning list and the log says so.
 */
export async function announceReminderDue(logger: Logger, reminders: readonly FollowUpTask[]): Promise<void> {
  for (const reminder of reminders) {
    logger.info('reminder due', { taskId: reminder.id, agentId: reminder.agentId, contactId: reminder.contactId, dueAtMs: reminder.dueAtMs });
  }
}
