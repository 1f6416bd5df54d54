import { shownNameOf, type TaskView } from '@kejing/shared';
import type { Contact } from '../contacts/contact.entity';
import type { FollowUpTask } from './follow-up-task.entity';

/** The contact's remark name when the caller has it (the morning list's query already chose the name). */
export function presentTask(task: FollowUpTask, contact: Pick<Contact, 'displayName' | 'cell' | 'stage'> & Partial<Pick<Contact, 'remarkName' | 'realName'>>): TaskView {
  return {
    taskId: task.id,
    contactId: task.contactId,
    contactName: shownNameOf({ remarkName: contact.remarkName ?? null, realName: contact.realName ?? null, displayName: contact.displayName }),
    cell: contact.cell,
    stage: contact.stage,
    action: task.action,
    channel: task.channel,
    suggestedMessage: task.suggestedMessage,
    dueAt: new Date(task.dueAtMs).toISOString(),
    priority: task.priority,
    status: task.status,
    because: task.because.map((b) => ({ type: b.type, at: new Date(b.atMs).toISOString(), contentTitle: b.contentTitle })),
    origin: task.origin ?? 'rule',
    note: task.note ?? null,
    repeat: task.repeat ?? null,
  };
}
