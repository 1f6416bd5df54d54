import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  addressNameOf, DEFAULT_SILENCE_FOLLOW_UP_CONFIG, planSilenceFollowUps, type SilenceFacts, type SilenceFollowUpConfig, type SilenceFollowUpPlan, type Stage,
} from '@kejing/shared';
import { DAY_MS } from '../../lib/china-day';
import { contactBriefs, type ContactBrief } from '../contacts/contact-brief.queries';
import { ACTIVE_TASK_STATUSES, activeContactIdFor, FollowUpTask } from './follow-up-task.entity';
import { lockContactForTasks } from './follow-up-slot';
import type { RemindersService } from './reminders.service';

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
  for (const fact of facts) {
    for (const plan of planSilenceFollowUps(fact, asOfMs, config)) {
      const placed = await s.dataSource.transaction(async (manager) => {
        await lockContactForTasks(manager, fact.contactId);
        return placeRuleTask(manager, fact, plan, asOfMs);
      });
      if (placed) silence[plan.kind] += 1;
    }
  }
  return { remindersDue, silence };
}

/**
 * Reads the candidates with the rules' windows, so the pure rules see only contacts that may be owed
 * one. Leads and stage changes are read by the tables' own columns (no entity crosses modules).
 */
async function silenceFacts(db: DataSource, asOfMs: number, config: SilenceFollowUpConfig): Promise<SilenceFacts[]> {
  const window = (days: number): [number, number] => [asOfMs - days * DAY_MS, asOfMs - (days + config.windowDays) * DAY_MS];
  const [leadTo, leadFrom] = window(config.leadQuietDays);
  // The contact's latest lead, with nothing after it but the lead's own submission.
  const quiet: { id: string; contact_id: string; created_at_ms: number | string }[] = await db.query(
    `SELECT l.id, l.contact_id, l.created_at_ms FROM lead l
      WHERE l.created_at_ms <= ? AND l.created_at_ms > ?
        AND NOT EXISTS (SELECT 1 FROM lead l2 WHERE l2.contact_id = l.contact_id AND l2.created_at_ms > l.created_at_ms)
        AND NOT EXISTS (SELECT 1 FROM touchpoint_event e WHERE e.contact_id = l.contact_id AND e.occurred_at_ms > l.created_at_ms AND e.type <> 'lead_submit')`,
    [leadTo, leadFrom],
  );
  const [lostTo, lostFrom] = window(config.lostRecareDays);
  const lost: { contact_id: string; at_ms: number | string }[] = await db.query(
    "SELECT contact_id, at_ms FROM contact_stage_change WHERE outcome = 'lost' AND at_ms <= ? AND at_ms > ?", [lostTo, lostFrom],
  );
  const [backTo, backFrom] = window(0);
  const back: { id: string; contact_id: string; from_stage: number | string; to_stage: number | string; at_ms: number | string }[] = await db.query(
    'SELECT id, contact_id, from_stage, to_stage, at_ms FROM contact_stage_change WHERE event_id IS NULL AND to_stage < from_stage AND at_ms <= ? AND at_ms > ?',
    [backTo, backFrom],
  );
  const ids = [...new Set([...quiet, ...lost, ...back].map((r) => r.contact_id))];
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
    const brief = briefs.get(r.contact_id);
    if (brief) factOf(brief).quietLead = { touchpointId: r.id, atMs: Number(r.created_at_ms) };
  }
  for (const r of lost) {
    const brief = briefs.get(r.contact_id);
    const fact = brief ? factOf(brief) : null;
    // The latest loss is the one three months on.
    if (fact && (!fact.lost || fact.lost.atMs < Number(r.at_ms))) fact.lost = { atMs: Number(r.at_ms) };
  }
  for (const r of back) {
    const brief = briefs.get(r.contact_id);
    const fact = brief ? factOf(brief) : null;
    if (fact && (!fact.stepBack || fact.stepBack.atMs < Number(r.at_ms))) {
      fact.stepBack = { changeId: r.id, fromStage: Number(r.from_stage) as Stage, toStage: Number(r.to_stage) as Stage, atMs: Number(r.at_ms) };
    }
  }
  return [...byContact.values()].sort((a, b) => a.contactId.localeCompare(b.contactId));
}

/**
 * A silence task under the one-active-follow-up rule: it takes a free place; behind an agent's
 * reminder it waits (or sharpens the task already waiting); against a rule task it takes over only
 * when more urgent, else the contact is already on the list and nothing is added. Returns whether it counted.
 */
async function placeRuleTask(manager: EntityManager, fact: SilenceFacts, plan: SilenceFollowUpPlan, nowMs: number): Promise<boolean> {
  const repo = manager.getRepository(FollowUpTask);
  if (await repo.findOneBy({ triggerKey: plan.triggerKey })) return false;
  const holder = await repo.findOne({ where: { contactId: fact.contactId, status: In([...ACTIVE_TASK_STATUSES]) } });
  const rival = holder?.origin === 'reminder' ? await repo.findOne({ where: { contactId: fact.contactId, status: 'waiting' } }) : holder;
  const status = holder?.origin === 'reminder' ? 'waiting' : 'open';
  const fields = { ruleId: plan.ruleId, action: plan.action, channel: plan.channel, suggestedMessage: plan.message, priority: plan.priority };
  if (rival) {
    if (plan.priority >= rival.priority) return false;
    await repo.update({ id: rival.id }, { ...fields, dueAtMs: Math.min(rival.dueAtMs, plan.dueAtMs), status, snoozedUntilMs: null, activeContactId: activeContactIdFor(status, fact.contactId) });
    return true;
  }
  const agentId = (await contactBriefs(manager, [fact.contactId])).get(fact.contactId)?.agentId;
  if (!agentId) return false;
  await repo.insert({
    id: randomUUID(), agentId, contactId: fact.contactId, triggerKey: plan.triggerKey, ...fields, dueAtMs: plan.dueAtMs, status,
    snoozedUntilMs: null, doneAtMs: null, because: [], createdAtMs: nowMs, activeContactId: activeContactIdFor(status, fact.contactId),
    origin: 'rule', note: null, repeat: null, seriesStartMs: null,
  });
  return true;
}
