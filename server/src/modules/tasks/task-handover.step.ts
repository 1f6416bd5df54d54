import { In, type EntityManager } from 'typeorm';
import type { HandoverMove, HandoverStep } from '../handover/handover-step';
import { dismissOpenTasksOf } from './dismiss-open-tasks';
import { FollowUpTask, PENDING_TASK_STATUSES } from './follow-up-task.entity';

/**
 * The tasks module's part of a handover: the contacts' follow-ups not yet closed (open, snoozed,
 * the agent's reminders to come, a rule task waiting) go to the receiver; in a pool nobody would work them, so they are dismissed (the one-active
 * mark cleared, so whoever takes the contact gets follow-ups again). Done tasks stay the leaver's:
 * they are the leaver's activity (KYB134), not the contact's.
 */
export const tasksHandoverStep: HandoverStep = {
  name: 'tasks',
  async move(manager: EntityManager, move: HandoverMove): Promise<number> {
    if (move.contactIds.length === 0) return 0;
    const where = { contactId: In(move.contactIds), status: In([...PENDING_TASK_STATUSES]) };
    const count = await manager.count(FollowUpTask, { where });
    if (move.toAgentId) await manager.update(FollowUpTask, where, { agentId: move.toAgentId });
    else await dismissOpenTasksOf(manager, move.contactIds);
    return count;
  },
};
