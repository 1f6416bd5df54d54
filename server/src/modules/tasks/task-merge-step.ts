import { In } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { ContactMergeStep } from '../contacts/contact-merge-step';
import { contactOwnersAndNames } from '../contacts/contact-names.query';
import { activeContactIdFor, ACTIVE_TASK_STATUSES, FollowUpTask } from './follow-up-task.entity';

/**
 * A suggested message greets the person by name: one written to the merged contact's name (a lead
 * form's 王小五) is re-addressed to the name the agent keeps (导入客户5), and back on undo.
 */
async function readdress(manager: EntityManager, taskId: string, message: string, fromContactId: string, toContactId: string): Promise<void> {
  const names = await contactOwnersAndNames(manager, [fromContactId, toContactId]);
  const from = names.get(fromContactId)?.name ?? '';
  const to = names.get(toContactId)?.name ?? '';
  if (from !== '' && to !== '' && from !== to && message.startsWith(from)) {
    await manager.getRepository(FollowUpTask).update({ id: taskId }, { suggestedMessage: to + message.slice(from.length) });
  }
}

/**
 * Tasks follow the person under the one-active-follow-up rule: if the surviving contact already
 * has an active task, the merged contact's active one is dismissed (its prior status kept, and
 * restored by undo); otherwise it becomes the survivor's active task.
 */
export const taskMergeStep: ContactMergeStep = {
  name: 'tasks',
  async move(manager, fromContactId, intoContactId) {
    const repo = manager.getRepository(FollowUpTask);
    const tasks = await repo.findBy({ contactId: fromContactId });
    const survivorActive = await repo.countBy({ contactId: intoContactId, status: In([...ACTIVE_TASK_STATUSES]) });
    const moved = [];
    for (const task of tasks) {
      const active = ACTIVE_TASK_STATUSES.includes(task.status);
      const status = active && survivorActive > 0 ? 'dismissed' : task.status;
      // Cleared first: the active-contact index is unique, and the row moves onto a contact that may hold it.
      await repo.update({ id: task.id }, { activeContactId: null });
      await repo.update({ id: task.id }, { contactId: intoContactId, status, activeContactId: activeContactIdFor(status, intoContactId) });
      if (status === task.status && task.status !== 'done' && task.status !== 'dismissed') await readdress(manager, task.id, task.suggestedMessage, fromContactId, intoContactId);
      moved.push({ rowId: task.id, prior: status === task.status ? null : task.status });
    }
    return moved;
  },
  async undo(manager, fromContactId, intoContactId, rows) {
    const repo = manager.getRepository(FollowUpTask);
    const tasks = await repo.findBy({ id: In(rows.map((r) => r.rowId)) });
    for (const task of tasks) {
      const prior = rows.find((r) => r.rowId === task.id)?.prior;
      const status = (prior ?? task.status) as FollowUpTask['status'];
      await repo.update({ id: task.id }, { activeContactId: null });
      await repo.update({ id: task.id }, { contactId: fromContactId, status, activeContactId: activeContactIdFor(status, fromContactId) });
      if (prior === null || prior === undefined) await readdress(manager, task.id, task.suggestedMessage, intoContactId, fromContactId);
    }
  },
};
