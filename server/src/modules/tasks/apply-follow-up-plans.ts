import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { FollowUpPlan, TouchpointType } from '@kejing/shared';
import { activeContactIdFor, FollowUpTask } from './follow-up-task.entity';
import { clearStaleActiveMarks, insertTasks, placesOf, updateTask } from './follow-up-batch';
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

/** A contact named twice in a batch gets its plans in order, as two runs one after the other would give them. */
function byContact(placements: readonly FollowUpPlacement[]): FollowUpPlacement[] {
  const merged = new Map<string, FollowUpPlacement>();
  for (const p of placements) {
    const known = merged.get(p.contact.id);
    merged.set(p.contact.id, known ? { contact: known.contact, plans: [...known.plans, ...p.plans], triggers: [...known.triggers, ...p.triggers] } : p);
  }
  return [...merged.values()].filter((p) => p.plans.length > 0);
}

/**
 * One active follow-up per contact: a new plan that is more urgent (or reacts to a change such
 * as "moved to high intent") takes over the open task; a lesser one adds its touchpoint to the
 * task's reasons. So a long read sends a handful of progress events but the agent sees one task.
 *
 * For a whole scoring batch at once, in the scorer's transaction (which holds every contact's
 * lock): the batch's places are read in one query, decided in memory, and written in a few
 * statements (new tasks in one INSERT), because a statement or three per contact was most of the
 * daily job's time on a busy day.
 */
export async function applyFollowUpPlansOfBatch(manager: EntityManager, placements: readonly FollowUpPlacement[], nowMs: number): Promise<void> {
  const batch = byContact(placements);
  if (batch.length === 0) return;
  const places = await placesOf(manager, batch.map((p) => p.contact.id));
  const inserts: FollowUpTask[] = [];
  const freedFirst: string[] = [];
  const updates: { id: string; fields: Partial<FollowUpTask> }[] = [];
  for (const { contact, plans, triggers } of batch) {
    const byClientId = new Map(triggers.map((e) => [e.id, e]));
    const place = places.get(contact.id) ?? { active: null, waiting: null };
    // The agent's own reminder keeps the place (follow-up-slot.ts): what the customer did shows on
    // its card, and the rule's task waits behind it, taking the place when the reminder is closed.
    const holder = place.active?.origin === 'reminder' ? place.active : null;
    if (holder) updates.push({ id: holder.id, fields: noteOnReminder(holder, plans, byClientId, nowMs) });
    let task = holder ? place.waiting : place.active;
    const placeStatus = holder ? 'waiting' : 'open';
    const isNew = !task;
    for (const plan of plans) {
      const trigger = byClientId.get(plan.triggerEventId);
      const because = { type: trigger?.type ?? 'open', atMs: trigger?.occurredAtMs ?? nowMs, contentTitle: trigger?.contentTitle ?? null };
      if (!task) {
        task = Object.assign(new FollowUpTask(), {
          id: randomUUID(), agentId: contact.agentId, contactId: contact.id, triggerKey: `event:${trigger?.rowId ?? plan.triggerEventId}`,
          ruleId: plan.ruleId, action: plan.action, channel: plan.channel, suggestedMessage: plan.message, dueAtMs: plan.dueAtMs, priority: plan.priority,
          status: placeStatus, snoozedUntilMs: null, doneAtMs: null, because: [because], createdAtMs: nowMs,
          activeContactId: activeContactIdFor(placeStatus, contact.id), origin: 'rule', note: null, repeat: null, seriesStartMs: null,
        } satisfies FollowUpTask);
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
    if (!task) continue;
    if (isNew) {
      // A writer that closed a task without clearing its mark would otherwise bar the contact from any new follow-up.
      if (!holder) freedFirst.push(contact.id);
      inserts.push(task);
    } else {
      updates.push({
        id: task.id,
        fields: {
          ruleId: task.ruleId, action: task.action, channel: task.channel, suggestedMessage: task.suggestedMessage, priority: task.priority, dueAtMs: task.dueAtMs,
          status: task.status, snoozedUntilMs: task.snoozedUntilMs, because: task.because, activeContactId: activeContactIdFor(task.status, contact.id),
        },
      });
    }
  }
  for (const { id, fields } of updates) await updateTask(manager, id, fields);
  await clearStaleActiveMarks(manager, freedFirst);
  await insertTasks(manager, inserts);
}
