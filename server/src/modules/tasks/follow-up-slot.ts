import { randomUUID } from 'node:crypto';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { nextReminderOccurrenceMs, type FollowUpPlan } from '@kejing/shared';
import { ACTIVE_TASK_STATUSES, activeContactIdFor, FollowUpTask } from './follow-up-task.entity';
import type { PlanTrigger } from './apply-follow-up-plans';
import { lockContact } from '../contacts/queries/lock-contact';

/*
 * The contact's one active follow-up (the unique follow_up_task.active_contact_id) with the
 * agent's own reminders in it, as an agent expects:
 * - A reminder the agent set holds the place once it comes due; it is never rewritten by a rule.
 *   A rule task that held the place steps aside (waiting), and the reminder's card carries what
 *   the customer did, so nothing the customer did is hidden.
 * - While a reminder holds the place, new rule plans go to the one waiting rule task.
 * - When the holder is closed (done, dismissed, a reminder snoozed or cancelled), the place goes
 *   to the next reminder due today, else to the waiting rule task.
 * - A reminder not yet due is scheduled: it holds nothing, so rule tasks come and go meanwhile.
 */

const BECAUSE_LIMIT = 10;

/** The contact's row lock, so the place is decided by one writer at a time (the scorer takes the same lock). */
export const lockContactForTasks = (manager: EntityManager, contactId: string): Promise<void> => lockContact(manager, contactId);

/**
 * What the customer did while the agent's reminder holds the place: on the reminder's card, and as
 * urgent as the most urgent plan. Returns the reminder's changed fields; the caller writes them.
 */
export function noteOnReminder(
  reminder: FollowUpTask, plans: readonly FollowUpPlan[], triggers: ReadonlyMap<string, PlanTrigger>, nowMs: number,
): Pick<FollowUpTask, 'because' | 'priority'> {
  const because = plans.map((plan) => {
    const trigger = triggers.get(plan.triggerEventId);
    return { type: trigger?.type ?? 'open', atMs: trigger?.occurredAtMs ?? nowMs, contentTitle: trigger?.contentTitle ?? null };
  });
  const priority = Math.min(reminder.priority, ...plans.map((p) => p.priority));
  return { because: [...reminder.because, ...because].slice(-BECAUSE_LIMIT), priority };
}

/**
 * A reminder comes due: it takes the place, and a rule task holding it waits. Returns false when
 * another reminder holds the place (this one then comes when that one is closed).
 */
export async function activateReminder(manager: EntityManager, reminder: FollowUpTask): Promise<boolean> {
  const repo = manager.getRepository(FollowUpTask);
  const holder = await repo.findOne({ where: { contactId: reminder.contactId, status: In([...ACTIVE_TASK_STATUSES]) } });
  if (holder?.origin === 'reminder') return false;
  let because = reminder.because;
  if (holder) {
    await repo.update({ id: holder.id }, { status: 'waiting', snoozedUntilMs: null, activeContactId: null });
    because = [...reminder.because, ...holder.because].slice(-BECAUSE_LIMIT);
  }
  // A closed task whose writer left its mark behind must not bar the place.
  await repo.update({ activeContactId: reminder.contactId, status: In(['done', 'dismissed', 'scheduled', 'waiting']) }, { activeContactId: null });
  await repo.update({ id: reminder.id }, { status: 'open', snoozedUntilMs: null, because, activeContactId: activeContactIdFor('open', reminder.contactId) });
  return true;
}

/**
 * After the holder is closed: the next reminder due by `dueByMs` (the end of today), else the
 * rule task that waited. Returns the reminder that took the place, if one did (it is due: tell the agent).
 */
export async function fillPlace(manager: EntityManager, contactId: string, dueByMs: number): Promise<FollowUpTask | null> {
  const repo = manager.getRepository(FollowUpTask);
  if (await repo.findOne({ where: { contactId, status: In([...ACTIVE_TASK_STATUSES]) } })) return null;
  const reminder = await repo.findOne({ where: { contactId, status: 'scheduled', dueAtMs: LessThanOrEqual(dueByMs) }, order: { dueAtMs: 'ASC', id: 'ASC' } });
  if (reminder) {
    await activateReminder(manager, reminder);
    return reminder;
  }
  const waiting = await repo.findOne({ where: { contactId, status: 'waiting' }, order: { createdAtMs: 'DESC', id: 'DESC' } });
  if (waiting) await repo.update({ id: waiting.id }, { status: 'open', activeContactId: activeContactIdFor('open', contactId) });
  return null;
}

/**
 * Applies an agent's done / dismiss / snooze to a task inside the caller's transaction (the
 * contact locked), with what reminders add: a snoozed reminder is rescheduled and gives the place
 * up; a repeating reminder, once done or dismissed, comes again at its next time. The place is
 * then filled. Returns the task as changed and any reminder that came due by it.
 */
export async function moveTask(
  manager: EntityManager, task: FollowUpTask, change: Partial<FollowUpTask>, nowMs: number, dueByMs: number,
): Promise<{ task: FollowUpTask; due: FollowUpTask | null }> {
  const repo = manager.getRepository(FollowUpTask);
  const reminder = task.origin === 'reminder';
  const effective: Partial<FollowUpTask> = reminder && change.status === 'snoozed'
    ? { status: 'scheduled', dueAtMs: change.snoozedUntilMs as number, snoozedUntilMs: null }
    : change;
  const status = effective.status ?? task.status;
  await repo.update({ id: task.id }, { ...effective, activeContactId: activeContactIdFor(status, task.contactId) });
  const moved = { ...task, ...effective, activeContactId: activeContactIdFor(status, task.contactId) } as FollowUpTask;
  if (reminder && task.repeat && (status === 'done' || status === 'dismissed')) {
    const first = task.seriesStartMs ?? task.dueAtMs;
    await repo.insert({
      ...task, id: randomUUID(), triggerKey: `reminder:${randomUUID()}`, status: 'scheduled', snoozedUntilMs: null, doneAtMs: null, because: [],
      dueAtMs: nextReminderOccurrenceMs(first, task.repeat, Math.max(nowMs, task.dueAtMs)), createdAtMs: nowMs, activeContactId: null, seriesStartMs: first,
    });
  }
  // A reminder due again today (snoozed to this afternoon) takes the place back at once.
  const due = await fillPlace(manager, task.contactId, dueByMs);
  return { task: moved, due };
}
