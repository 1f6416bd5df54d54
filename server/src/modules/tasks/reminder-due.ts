import { addressNameOf } from '@kejing/shared';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../lib/logger';
import { contactBriefs } from '../contacts/contact-brief.queries';
import type { NotificationsService } from '../notifications/notifications.service';
import type { FollowUpTask } from './follow-up-task.entity';

/** What a reminder coming due needs of the notifications module. */
export type ReminderNotifier = Pick<NotificationsService, 'notify'>;

/**
 * THE place where "a reminder came due" is told to the agent. Every way a reminder comes due
 * (set for today, the daily job's morning run, the place freed by closing another task) ends here:
 * a 待办提醒 notice (消息, and a WeChat push within the agent's grants), once per reminder and due
 * time. A failed notice never undoes the reminder: it is on the morning list already.
 */
export async function announceReminderDue(dataSource: DataSource, logger: Logger, notifier: ReminderNotifier | null, reminders: readonly FollowUpTask[]): Promise<void> {
  if (reminders.length === 0) return;
  const names = await contactBriefs(dataSource, reminders.map((r) => r.contactId));
  for (const reminder of reminders) {
    logger.info('reminder due', { taskId: reminder.id, agentId: reminder.agentId, contactId: reminder.contactId, dueAtMs: reminder.dueAtMs });
    if (!notifier) continue;
    const contact = names.get(reminder.contactId);
    try {
      await notifier.notify(reminder.agentId, 'reminder', {
        sourceKey: `${reminder.id}@${reminder.dueAtMs}`, subject: contact ? addressNameOf(contact) || contact.displayName : '客户',
        detail: reminder.action, contactId: reminder.contactId,
      });
    } catch (error) {
      logger.warn('reminder notice failed; the reminder is on the morning list', { taskId: reminder.id, detail: (error as Error).message?.slice(0, 200) });
    }
  }
}
