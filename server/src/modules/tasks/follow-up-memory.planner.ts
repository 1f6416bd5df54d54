import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  addressNameOf, DEFAULT_SILENCE_FOLLOW_UP_CONFIG, planSilenceFollowUps, type SilenceFacts, type SilenceFollowUpConfig, type SilenceFollowUpPlan, type TaskStatus,
} from '@kejing/shared';
import { DAY_MS } from '../../lib/china-day';
import { retryOnLockConflict } from '../../lib/lock-conflict';
import { contactBriefs, type ContactBrief } from '../contacts/contact-brief.queries';
import { quietLatestLeads } from '../leads/queries/quiet-leads';
import { lossesBetween, silentStepBacksBetween } from '../scoring/queries/stage-moves';
import { lockContacts } from '../contacts/queries/lock-contact';
import { activeContactIdFor, FollowUpTask } from './follow-up-task.entity';
import { insertTasks, placesOf, updateTask } from './follow-up-batch';
import type { RemindersService } from './reminders.service';

/** Contacts whose silence tasks are placed in one transaction, their places read and written together. */
const PLAN_BATCH = 500;

/** What the daily job's follow-up memory did for a day. */
export interface FollowUpMemorySummary {
  /** Agents' reminders that took their contact's place this morning. */
  remindersDue: number;
  /** Rule-made tasks on silence and dates, by kind (placed, or taking over a less urgent task). */
  silence: { lead_quiet: number; lost_recare: number; stage_step_back: number };
}

/**
 * The daily job's part of follow-up memory, for the day `asOfMs` is in: reminders due that day
 * take their places, then contacts that went quiet (a lead with nothing after it, a deal lost three
 * months ago, a step back on silence the rescoring just recorded) get a rule task. Safe to run
 * again for the same day: each occasion has its trigger key, so it is planned once.
 */
export async function planFollowUpMemory(
  s: { dataSource: DataSource; reminders: RemindersService }, asOfMs: number, config: SilenceFollowUpConfig = DEFAULT_SILENCE_FOLLOW_UP_CONFIG,
): Promise<FollowUpMemorySummary> {
  const remindersDue = await s.reminders.comeDue(asOfMs);
  const silence = { lead_quiet: 0, lost_recare: 0, stage_step_back: 0 };
  const facts = await silenceFacts(s.dataSource, asOfMs, config);
  // A transaction per batch of contacts, not per task: a night of step-backs after a quiet month
  // plans tens of thousands, and a commit each was most of the daily job's finishing time. The
  // facts come sorted by contact id, so batches lock in one order and cannot deadlock each other;
  // a conflict with the scorer rolls the batch back whole, and it runs again.
  for (let i = 0; i < facts.length; i += PLAN_BATCH) {
    const batch = facts.slice(i, i + PLAN_BATCH);
    const placed = await retryOnLockConflict(() => s.dataSource.transaction(async (manager) => {
      const planned = batch.map((fact) => ({ fact, plans: planSilenceFollowUps(fact, asOfMs, config) })).filter((p) => p.plans.length > 0);
      await lockContacts(manager, planned.map((p) => p.fact.contactId));
      return placeRuleTasks(manager, planned, asOfMs);
    }));
    for (const kind of placed) silence[kind] += 1;
  }
  return { remindersDue, silence };
}

/**
 * Reads the candidates with the rules' windows, so the pure rules see only contacts that may be owed
 * one. Leads and stage changes are read through their owners' named queries.
 */
async function silenceFacts(db: DataSource, asOfMs: number, config: SilenceFollowUpConfig): Promise<SilenceFacts[]> {
  const window = (days: number): [number, number] => [asOfMs - days * DAY_MS, asOfMs - (days + config.windowDays) * DAY_MS];
  const [leadTo, leadFrom] = window(config.leadQuietDays);
  // The contact's latest lead, with nothing after it but the lead's own submission.
  const quiet = await quietLatestLeads(db, leadFrom, leadTo);
  const [lostTo, lostFrom] = window(config.lostRecareDays);
  const lost = await lossesBetween(db, lostFrom, lostTo);
  const [backTo, backFrom] = window(0);
  const back = await silentStepBacksBetween(db, backFrom, backTo);
  const ids = [...new Set([...quiet, ...lost, ...back].map((r) => r.contactId))];
  const briefs = await contactBriefs(db, ids);
  const byContact = new Map<string, SilenceFacts>();
  const factOf = (brief: ContactBrief): SilenceFacts => {
    const known = byContact.get(brief.id);
    if (known) return known;
    const fresh: SilenceFacts = {
      contactId: brief.id, contactName: addressNameOf(brief), agentName: brief.agentName, optedOut: brief.optedOut, outcome: brief.outcome,
      quietLead: null, lost: null, stepBack: null,
    };
    byContact.set(brief.id, fresh);
    return fresh;
  };
  for (const r of quiet) {
    const brief = briefs.get(r.contactId);
    if (brief) factOf(brief).quietLead = { touchpointId: r.leadId, atMs: r.createdAtMs };
  }
  for (const r of lost) {
    const brief = briefs.get(r.contactId);
    const fact = brief ? factOf(brief) : null;
    // The latest loss is the one three months on.
    if (fact && (!fact.lost || fact.lost.atMs < r.atMs)) fact.lost = { atMs: r.atMs };
  }
  for (const r of back) {
    const brief = briefs.get(r.contactId);
    const fact = brief ? factOf(brief) : null;
    if (fact && (!fact.stepBack || fact.stepBack.atMs < r.atMs)) {
      fact.stepBack = { changeId: r.changeId, fromStage: r.fromStage, toStage: r.toStage, atMs: r.atMs };
    }
  }
  return [...byContact.values()].sort((a, b) => a.contactId.localeCompare(b.contactId));
}

/**
 * Silence tasks under the one-active-follow-up rule: each takes a free place; behind an agent's
 * reminder it waits (or sharpens the task already waiting); against a rule task it takes over only
 * when more urgent, else the contact is already on the list and nothing is added. A contact's
 * plans are placed in order, each seeing what the one before it did. The batch's trigger keys,
 * places and agents are read in one query each and its new tasks written in one INSERT: a night
 * of step-backs plans thousands. Returns the kinds that counted.
 */
async function placeRuleTasks(
  manager: EntityManager, planned: readonly { fact: SilenceFacts; plans: readonly SilenceFollowUpPlan[] }[], nowMs: number,
): Promise<SilenceFollowUpPlan['kind'][]> {
  if (planned.length === 0) return [];
  const contactIds = planned.map((p) => p.fact.contactId);
  const taken = await takenTriggerKeys(manager, planned.flatMap((p) => p.plans.map((plan) => plan.triggerKey)));
  const places = await placesOf(manager, contactIds);
  const briefs = await contactBriefs(manager, contactIds);
  const kinds: SilenceFollowUpPlan['kind'][] = [];
  const inserts: FollowUpTask[] = [];
  const updates = new Map<string, Partial<FollowUpTask>>();
  for (const { fact, plans } of planned) {
    const place = places.get(fact.contactId) ?? { active: null, waiting: null };
    for (const plan of plans) {
      if (taken.has(plan.triggerKey)) continue;
      const holder = place.active;
      const rival = holder?.origin === 'reminder' ? place.waiting : holder;
      const status: TaskStatus = holder?.origin === 'reminder' ? 'waiting' : 'open';
      const fields = { ruleId: plan.ruleId, action: plan.action, channel: plan.channel, suggestedMessage: plan.message, priority: plan.priority };
      if (rival) {
        if (plan.priority >= rival.priority) continue;
        const change = { ...fields, dueAtMs: Math.min(rival.dueAtMs, plan.dueAtMs), status, snoozedUntilMs: null, activeContactId: activeContactIdFor(status, fact.contactId) };
        Object.assign(rival, change);
        // A task inserted by this batch is written once, as it ends up; one read from the store is updated.
        if (!inserts.includes(rival)) updates.set(rival.id, { ...updates.get(rival.id), ...change });
        kinds.push(plan.kind);
        continue;
      }
      const agentId = briefs.get(fact.contactId)?.agentId;
      if (!agentId) continue;
      const task = Object.assign(new FollowUpTask(), {
        id: randomUUID(), agentId, contactId: fact.contactId, triggerKey: plan.triggerKey, ...fields, dueAtMs: plan.dueAtMs, status,
        snoozedUntilMs: null, doneAtMs: null, because: [], createdAtMs: nowMs, activeContactId: activeContactIdFor(status, fact.contactId),
        origin: 'rule', note: null, repeat: null, seriesStartMs: null,
      } satisfies FollowUpTask);
      inserts.push(task);
      taken.add(plan.triggerKey);
      if (status === 'waiting') place.waiting = task;
      else place.active = task;
      kinds.push(plan.kind);
    }
  }
  for (const [id, fields] of updates) await updateTask(manager, id, fields);
  await insertTasks(manager, inserts);
  return kinds;
}

/** Which of these trigger keys already have their task (one per trigger, ever). */
async function takenTriggerKeys(manager: EntityManager, keys: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const rows: { trigger_key: string }[] = await manager.query(`SELECT trigger_key FROM follow_up_task WHERE trigger_key IN (${chunk.map(() => '?').join(',')})`, chunk);
    for (const r of rows) taken.add(r.trigger_key);
  }
  return taken;
}
