import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import {
  ContactScore, DEFAULT_SCORING_CONFIG, FollowUpPlan, planFollowUp, ScoringConfig, scoreContact, TouchpointType,
} from '@kejing/shared';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { Contact } from '../contacts/contact.entity';
import { TouchpointEvent } from '../events/touchpoint-event.entity';
import { StaffMember } from '../staff/staff-member.entity';
import { FollowUpTask } from '../tasks/follow-up-task.entity';
import type { FollowUpRulesService } from '../tasks/follow-up-rules.service';
import { ContactStageChange } from './contact-stage-change.entity';
import { LoadedEvent, loadContactContexts, loadScoringEvents } from './scoring-inputs';

/** Planning one follow-up per new touchpoint costs a rescoring each; older backlog is scored, not planned. */
const MAX_PLANNED_PER_RUN = 20;
const BECAUSE_LIMIT = 10;

export interface ScoringOutcome {
  contactId: string;
  before: ContactScore | null;
  after: ContactScore;
  plans: FollowUpPlan[];
}

const storedScore = (explanation: unknown): ContactScore | null =>
  explanation && typeof explanation === 'object' && 'cell' in explanation && 'stageEvidence' in explanation ? (explanation as ContactScore) : null;

/**
 * KYC1984 in the server. Each run recomputes a contact from its whole history (so a scorer that
 * was down catches up to identical results), records stage moves, turns each new touchpoint into
 * at most one follow-up, and marks the touchpoints taken in — all in one transaction.
 */
export class ScorerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly rules: FollowUpRulesService,
    private readonly config: ScoringConfig = DEFAULT_SCORING_CONFIG,
  ) {}

  /** Scores these contacts now; returns what changed, for callers that want to know. */
  async scoreContacts(contactIds: string[]): Promise<ScoringOutcome[]> {
    const ids = [...new Set(contactIds)];
    if (ids.length === 0) return [];
    const ruleSet = await this.rules.current();
    const nowMs = this.clock.nowMs();
    return this.dataSource.transaction(async (manager) => {
      const contacts = await manager.getRepository(Contact).findBy({ id: In(ids) });
      const eventsByContact = await loadScoringEvents(manager, contacts.map((c) => c.id));
      const contexts = await loadContactContexts(manager, contacts);
      const agentNames = await this.agentNames(manager, contacts.map((c) => c.agentId));
      const outcomes: ScoringOutcome[] = [];
      const scoredRowIds: string[] = [];
      for (const contact of contacts) {
        const events = eventsByContact.get(contact.id) ?? [];
        const context = contexts.get(contact.id) ?? { optedOut: contact.optedOut, engagedReferrals: 0 };
        const before = storedScore(contact.scoreExplanation);
        const fresh = events.filter((e) => !e.scored).sort((a, b) => a.occurredAtMs - b.occurredAtMs || a.id.localeCompare(b.id));
        const planned = fresh.slice(-MAX_PLANNED_PER_RUN);
        const plannedIds = new Set(planned.map((e) => e.rowId));
        // Everything before the planned window counts as already known when planning.
        let previous: ContactScore | null = before;
        if (fresh.length > planned.length || before === null) {
          const known = events.filter((e) => !plannedIds.has(e.rowId));
          previous = known.length > 0 || before !== null ? scoreContact(known, context, nowMs, this.config) : null;
        }
        const plans: FollowUpPlan[] = [];
        for (const [i, event] of planned.entries()) {
          const upTo = new Set(planned.slice(i + 1).map((e) => e.rowId));
          const current = scoreContact(events.filter((e) => !upTo.has(e.rowId)), context, nowMs, this.config);
          await this.recordStageMove(manager, contact, previous, current, event);
          const plan = planFollowUp(
            { event, before: previous, after: current, contentTitle: event.contentTitle ?? undefined, contactName: contact.displayName, agentName: agentNames.get(contact.agentId) ?? '' },
            ruleSet,
            nowMs,
          );
          if (plan) plans.push(plan);
          previous = current;
        }
        const after = scoreContact(events, context, nowMs, this.config);
        if (planned.length === 0) await this.recordStageMove(manager, contact, before, after, null);
        for (const plan of plans) await this.applyPlan(manager, contact, plan, events);
        await manager.update(Contact, { id: contact.id }, {
          trust: after.trust, intent: after.intent, cell: after.cell, stage: after.stage, outcome: after.outcome,
          referralClass: after.referralClass, centreOfInfluence: after.centreOfInfluence, interestTags: after.interestTags,
          scoreExplanation: after, lastTouchAtMs: after.lastTouchAtMs, scoredAtMs: nowMs,
        });
        scoredRowIds.push(...fresh.map((e) => e.rowId));
        outcomes.push({ contactId: contact.id, before, after, plans });
      }
      for (let i = 0; i < scoredRowIds.length; i += 500) {
        await manager.update(TouchpointEvent, { id: In(scoredRowIds.slice(i, i + 500)) }, { scored: true });
      }
      return outcomes;
    });
  }

  private async agentNames(manager: EntityManager, agentIds: string[]): Promise<Map<string, string>> {
    const staff = await manager.getRepository(StaffMember).findBy({ id: In([...new Set(agentIds)]) });
    return new Map(staff.map((s) => [s.id, s.name]));
  }

  private async recordStageMove(manager: EntityManager, contact: Contact, before: ContactScore | null, after: ContactScore, event: LoadedEvent | null): Promise<void> {
    const fromStage = before?.stage ?? null;
    if (fromStage === after.stage && (before?.outcome ?? 'open') === after.outcome) return;
    await manager.insert(ContactStageChange, {
      id: randomUUID(), contactId: contact.id, agentId: contact.agentId, fromStage, toStage: after.stage, outcome: after.outcome,
      eventId: event?.rowId ?? null, contentVersionId: event?.contentVersionId ?? null, atMs: event?.occurredAtMs ?? this.clock.nowMs(),
    });
  }

  /**
   * One active follow-up per contact: a new plan that is more urgent (or reacts to a change such
   * as "moved to high intent") takes over the open task; a lesser one adds its touchpoint to the
   * task's reasons. So a long read sends a handful of progress events but the agent sees one task.
   */
  private async applyPlan(manager: EntityManager, contact: Contact, plan: FollowUpPlan, events: LoadedEvent[]): Promise<void> {
    const trigger = events.find((e) => e.id === plan.triggerEventId);
    const because = { type: (trigger?.type ?? 'open') as TouchpointType, atMs: trigger?.occurredAtMs ?? this.clock.nowMs(), contentTitle: trigger?.contentTitle ?? null };
    const repo = manager.getRepository(FollowUpTask);
    const active = await repo.findOne({ where: { contactId: contact.id, status: In(['open', 'snoozed']) }, order: { createdAtMs: 'DESC' } });
    if (!active) {
      await repo.insert({
        id: randomUUID(), agentId: contact.agentId, contactId: contact.id, triggerKey: `event:${trigger?.rowId ?? plan.triggerEventId}`,
        ruleId: plan.ruleId, action: plan.action, suggestedMessage: plan.message, dueAtMs: plan.dueAtMs, priority: plan.priority,
        status: 'open', snoozedUntilMs: null, doneAtMs: null, because: [because], createdAtMs: this.clock.nowMs(),
      });
      return;
    }
    const takesOver = plan.priority < active.priority || plan.transition !== null;
    const merged = [...active.because, because].slice(-BECAUSE_LIMIT);
    await repo.update({ id: active.id }, takesOver
      ? { ruleId: plan.ruleId, action: plan.action, suggestedMessage: plan.message, priority: plan.priority, dueAtMs: Math.min(active.dueAtMs, plan.dueAtMs), because: merged, status: 'open', snoozedUntilMs: null }
      : { because: merged });
  }
}
