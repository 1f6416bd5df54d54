import { randomUUID } from 'node:crypto';
import { In, Not, type DataSource } from 'typeorm';
import type { FollowUpChannel, TouchpointType } from '@kejing/shared';
import { ACTIVE_TASK_STATUSES, activeContactIdFor, FollowUpTask } from './follow-up-task.entity';

/** A task a daily planner offers for a dated moment (a birthday, a premium due …), once per trigger key. */
export interface DatedTaskOffer {
  contactId: string;
  agentId: string;
  triggerKey: string;
  ruleId: string;
  action: string;
  channel: FollowUpChannel;
  suggestedMessage: string;
  dueAtMs: number;
  priority: number;
  because: { type: TouchpointType; atMs: number; contentTitle: string | null }[];
}

/**
 * What happened to an offer: a new task; the contact's active task taken over (the offer is more
 * urgent); the active task kept (the offer waits, and may be offered again another day); or the
 * key was planned before (never twice).
 */
export type DatedTaskOutcome = 'created' | 'took_over' | 'kept_existing' | 'planned_before';

/**
 * Offers a dated task under the one-active-follow-up rule: a contact has at most one open or
 * snoozed task. A more urgent offer takes the active task over (and its key, so it is not planned
 * twice); a less urgent one waits. The unique indexes decide a race with the scorer.
 */
export async function offerDatedTask(dataSource: DataSource, offer: DatedTaskOffer, nowMs: number): Promise<DatedTaskOutcome> {
  return dataSource.transaction(async (manager) => {
    const repo = manager.getRepository(FollowUpTask);
    if (await repo.existsBy({ triggerKey: offer.triggerKey })) return 'planned_before';
    const active = await repo.findOne({ where: { contactId: offer.contactId, status: In([...ACTIVE_TASK_STATUSES]) }, order: { createdAtMs: 'DESC' } });
    const fields = {
      triggerKey: offer.triggerKey, ruleId: offer.ruleId, action: offer.action.slice(0, 200), channel: offer.channel,
      suggestedMessage: offer.suggestedMessage.slice(0, 1000), dueAtMs: offer.dueAtMs, priority: offer.priority,
    };
    if (!active) {
      // A writer that closed a task without clearing its mark would otherwise bar the contact from any new follow-up.
      await repo.update({ activeContactId: offer.contactId, status: Not(In([...ACTIVE_TASK_STATUSES])) }, { activeContactId: null });
      await repo.insert({
        id: randomUUID(), agentId: offer.agentId, contactId: offer.contactId, ...fields, status: 'open', snoozedUntilMs: null, doneAtMs: null,
        because: offer.because, createdAtMs: nowMs, activeContactId: activeContactIdFor('open', offer.contactId),
      });
      return 'created';
    }
    if (offer.priority >= active.priority) return 'kept_existing';
    await repo.update({ id: active.id }, {
      ...fields, status: 'open', snoozedUntilMs: null, because: [...active.because, ...offer.because].slice(-10), activeContactId: activeContactIdFor('open', offer.contactId),
    });
    return 'took_over';
  });
}
