import { randomUUID } from 'node:crypto';
import { In, Not, type EntityManager } from 'typeorm';
import type { FollowUpPlan, TouchpointType } from '@kejing/shared';
import { ACTIVE_TASK_STATUSES, activeContactIdFor, FollowUpTask } from './follow-up-task.entity';
import { noteOnReminder } from './follow-up-slot';

/** How many touchpoints a task keeps as its reasons: the morning list sums them up in a line. */
const BECAUSE_LIMIT = 10;

/** The touchpoint a plan answers, as the scorer loaded it (client id → stored row). */
export interface PlanTrigger {
  /** The client's event id, which plans name. */
  id: string;
  rowId: string;
  type: TouchpointType;
  occurredAtMs: number;
  contentTitle: string | null;
}

/** One contact's plans from a scoring run, with the touchpoints they answer. */
export interface FollowUpPlacement {
  contact: { id: string; agentId: string };
  plans: readonly FollowUpPlan[];
  triggers: readonly PlanTrigger[];
}

/** The follow-ups of a whole scoring batch, in the scorer's transaction (which holds every contact's lock). */
export async function applyFollowUpPlansOfBatch(manager: EntityManager, placements: readonly FollowUpPlacement[], nowMs: number): Promise<void> {
  for (const p of placements) await applyFollowUpPlans(manager, p.contact, p.plans, p.triggers, nowMs);
}

/**
 * One active follow-up per contact: a new plan that is more urgent (or reacts to a change such
 * as "moved to high intent") takes over the open task; a lesser one adds its touchpoint to the
 * task's reasons. So a long read sends a handful of progress events but the agent sees one task.
 * Runs inside the scorer's transaction, which holds the contact's lock.
 */
export async function applyFollowUpPlans(
  manager: EntityManager,
  contact: { id: string; agentId: string },
  plans: readonly FollowUpPlan[],
  triggers: readonly PlanTrigger[],
  nowMs: number,
): Promise<void> {
  const repo = manager.getRepository(FollowUpTask);
  const byClientId = new Map(triggers.map((e) => [e.id, e]));
  let task = await repo.findOne({ where: { contactId: contact.id, status: In([...ACTIVE_TASK_STATUSES]) }, order: { createdAtMs: 'DESC' } });
  // The agent's own reminder keeps the place (follow-up-slot.ts): what the customer did shows on
  // its card, and the rule's task waits behind it, taking the place when the reminder is closed.
  const holder = task?.origin === 'reminder' ? task : null;
  if (holder) {
    await noteOnReminder(manager, holder, plans, byClientId, nowMs);
    task = await repo.findOne({ where: { contactId: contact.id, status: 'waiting' }, order: { createdAtMs: 'DESC' } });
  }
  const placeStatus = holder ? 'waiting' : 'open';
  const isNew = !task;
  for (const plan of plans) {
    const trigger = byClientId.get(plan.triggerEventId);
    const because = { type: trigger?.type ?? 'open', atMs: trigger?.occurredAtMs ?? nowMs, contentTitle: trigger?.contentTitle ?? null };
    if (!task) {
      task = repo.create({
        id: randomUUID(), agentId: contact.agentId, contactId: contact.id, triggerKey: `event:${trigger?.rowId ?? plan.triggerEventId}`,
        ruleId: plan.ruleId, action: plan.action, channel: plan.channel, suggestedMessage: plan.message, dueAtMs: plan.dueAtMs, priority: plan.priority,
        status: placeStatus, snoozedUntilMs: null, doneAtMs: null, because: [because], createdAtMs: nowMs,
        activeContactId: activeContactIdFor(placeStatus, contact.id), origin: 'rule', note: null, repeat: null, seriesStartMs: null,
      });
      continue;
    }
    task.because = [...task.because, because].slice(-BECAUSE_LIMIT);
    if (plan.priority < task.priority || (plan.transition !== null && plan.priority <= task.priority)) {
      Object.assign(task, {
        ruleId: plan.ruleId, action: plan.action, channel: plan.channel, suggestedMessage: plan.message, priority: plan.priority,
        dueAtMs: Math.min(task.dueAtMs, plan.dueAtMs), status: placeStatus, snoozedUntilMs: null,
      });
    }
  }
  if (!task) return;
  if (isNew && !holder) {
    // A writer that closed a task without clearing its mark would otherwise bar the contact from any new follow-up.
    await repo.update({ activeContactId: contact.id, status: Not(In([...ACTIVE_TASK_STATUSES])) }, { activeContactId: null });
    await repo.insert(task);
  } else if (isNew) {
    await repo.insert(task);
  } else {
    await repo.update({ id: task.id }, {
      ruleId: task.ruleId, action: task.action, channel: task.channel, suggestedMessage: task.suggestedMessage, priority: task.priority, dueAtMs: task.dueAtMs,
      status: task.status, snoozedUntilMs: task.snoozedUntilMs, because: task.because, activeContactId: activeContactIdFor(task.status, contact.id),
    });
  }
}
