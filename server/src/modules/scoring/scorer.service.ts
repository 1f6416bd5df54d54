import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  addressNameOf, advanceState, type ContactFigures, type ContactState, emptyState, nextRecheckAtMs, scoreFromState, stateFromHistory,
  ContactScore, DEFAULT_SCORING_CONFIG, FollowUpPlan, planFollowUp, ScoringConfig, scoreContact,
} from '@kejing/shared';
import type { Clock } from '../../lib/clock';
import { retryOnLockConflict } from '../../lib/lock-conflict';
import type { Logger } from '../../lib/logger';
import { type ContactToScore, lockContactsToScore, type StoredFigures, survivorsOf } from '../contacts/queries/contacts-to-score';
import { storeContactScore, storedFiguresOf } from '../contacts/store-contact-score';
import { moveUnscoredTouchpointsToSurvivors } from '../events/touchpoints-follow-merge';
import { markTouchpointsScored } from '../events/touchpoints-scored';
import { staffNamesOf } from '../staff/queries/staff-names';
import { applyFollowUpPlansOfBatch, type FollowUpPlacement } from '../tasks/apply-follow-up-plans';
import type { FollowUpRulesService } from '../tasks/follow-up-rules.service';
import { ContactStageChange } from './contact-stage-change.entity';
import { loadScoreStates, saveScoreStates } from './score-states';
import { ENGAGED_TYPES, LoadedEvent, loadContactContexts, loadScoringEvents } from './scoring-inputs';

/** A backlog (a scorer that was down) is scored whole but planned only for its latest touchpoints. */
const MAX_PLANNED_PER_RUN = 20;

export interface ScoringOutcome {
  contactId: string;
  /** The figures the agent saw before this run (null for a contact never scored). */
  before: ContactFigures | null;
  after: ContactScore;
  plans: FollowUpPlan[];
  /** The touchpoints this run took in for the first time. */
  fresh: LoadedEvent[];
  /**
   * The contact engaged for the first time in this run: the people who brought them in (up the
   * whole chain) gain a referral credit and are due a rescoring. Later engagement changes no credit.
   */
  becameEngaged: boolean;
}

type StageMoveRow = Pick<ContactStageChange, 'id' | 'contactId' | 'agentId' | 'fromStage' | 'toStage' | 'outcome' | 'eventId' | 'contentVersionId' | 'atMs'>;

const engaged = (e: LoadedEvent) => ENGAGED_TYPES.includes(e.type);
const byHistoryOrder = (a: LoadedEvent, b: LoadedEvent) => a.occurredAtMs - b.occurredAtMs || a.id.localeCompare(b.id);

export interface ScoreOptions {
  /** Leave out contacts scored at or after this instant (checked under the lock). */
  scoredBeforeMs?: number;
  /**
   * Replay each contact's whole history instead of folding fresh touchpoints into its stored state:
   * for callers that changed the history other than by adding touchpoints (a merge, an erasure).
   */
  replay?: boolean;
}

/**
 * KYC1984 in the server. Each run folds a contact's fresh touchpoints into its stored state
 * (shared/src/kyc1984/contact-state.ts) without reading its history — or, when the state cannot
 * take them (none yet, a touchpoint older than the state, a replay, `replay`), replays the whole
 * history, which gives the same figures. It records stage moves, turns each new touchpoint into at
 * most one follow-up, stores the figures, the state and when the figures next change by time alone,
 * and marks the touchpoints taken in — all in one transaction.
 */
export class ScorerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly rules: FollowUpRulesService,
    private readonly config: ScoringConfig = DEFAULT_SCORING_CONFIG,
  ) {}

  /** Told what each run changed once it has committed (the agent's notices); must not throw. */
  onScored: (outcomes: ScoringOutcome[]) => Promise<void> = async () => undefined;

  /** Contacts whose history was replayed since the service started (for benches and logs). */
  replays = 0;

  /**
   * Scores these contacts now; returns what changed, for callers that want to know.
   * `scoredBeforeMs`: leave out contacts scored at or after that instant (checked under the lock),
   * so a daily run dated in the past never takes back what a later scoring stored.
   */
  async scoreContacts(contactIds: string[], options: ScoreOptions = {}): Promise<ScoringOutcome[]> {
    let ids = [...new Set(contactIds)];
    if (ids.length === 0) return [];
    // Touchpoints written to a contact merged away (by a process whose cache had not heard of the
    // merge) belong to the person: they move to the survivor, which is scored in its place.
    const survivorOf = await survivorsOf(this.dataSource, ids);
    if (survivorOf.size > 0) {
      await this.dataSource.transaction((manager) => moveUnscoredTouchpointsToSurvivors(manager, survivorOf));
      ids = [...new Set(ids.map((id) => survivorOf.get(id) ?? id))];
    }
    const ruleSet = await this.rules.current();
    // Scoring marks touchpoints that ingestion is inserting beside: a deadlock rolls the whole
    // transaction back, and scoring is a pure function of the stored history, so it runs again.
    return retryOnLockConflict(() => this.dataSource.transaction(async (manager) => {
      const { scoredBeforeMs } = options;
      const contacts = (await lockContactsToScore(manager, ids)).filter((c) => scoredBeforeMs === undefined || c.scoredAtMs === null || c.scoredAtMs < scoredBeforeMs);
      // Read after the lock: a scorer that waited for another must not score at the instant it
      // began waiting, or it would leave out touchpoints the other took in and move the contact back.
      const nowMs = this.clock.nowMs();
      const contactIdsLocked = contacts.map((c) => c.id);
      const freshByContact = await loadScoringEvents(manager, contactIdsLocked, { unscoredOnly: true });
      const stored = options.replay ? new Map() : await loadScoreStates(manager, contactIdsLocked);
      const contexts = await loadContactContexts(manager, contacts);
      const contextOf = (contact: ContactToScore) => contexts.get(contact.id) ?? { optedOut: contact.optedOut, engagedReferrals: 0 };
      const befores = new Map<string, StoredFigures | null>();
      const advanced = new Map<string, ContactState>();
      const replay: string[] = [];
      for (const contact of contacts) {
        const prior = stored.get(contact.id)?.state ?? null;
        // A contact never scored has taken no touchpoint in: its state starts empty.
        const base = prior ?? (contact.scoredAtMs === null && !options.replay ? emptyState(this.config) : null);
        // Folded in place (the parsed state is this run's own, and copying it cost as much as the fold),
        // unless the row keeps no figures (scored before it did): then what the agent last saw is the state as it was.
        const keepPrior = contact.stored === null && prior !== null;
        const next = advanceState(base, freshByContact.get(contact.id) ?? [], nowMs, this.config, { inPlace: !keepPrior });
        befores.set(contact.id, contact.stored ?? (next && prior ? storedFiguresOf(scoreFromState(prior, contextOf(contact), nowMs, this.config)) : null));
        if (next) advanced.set(contact.id, next);
        else replay.push(contact.id);
      }
      this.replays += replay.length;
      const histories = await loadScoringEvents(manager, replay);
      const agentNames = await staffNamesOf(manager, contacts.flatMap((c) => (c.agentId ? [c.agentId] : [])));
      const outcomes: ScoringOutcome[] = [];
      const scoredRowIds: string[] = [];
      const states: { contactId: string; state: ContactState; engaged: boolean }[] = [];
      const placements: FollowUpPlacement[] = [];
      const stageMoves: StageMoveRow[] = [];
      for (const contact of contacts) {
        const context = contextOf(contact);
        const history = histories.get(contact.id);
        const fresh = (history ? history.filter((e) => !e.scored) : freshByContact.get(contact.id) ?? []).sort(byHistoryOrder);
        const prior = stored.get(contact.id);
        let state: ContactState;
        let before = befores.get(contact.id) ?? null;
        let wasEngaged: boolean;
        if (history) {
          // Without stored figures, score what was already taken in.
          const known = history.filter((e) => e.scored);
          before ??= known.length > 0 ? storedFiguresOf(scoreContact(known, context, nowMs, this.config)) : null;
          state = stateFromHistory(history, nowMs, this.config);
          wasEngaged = known.some(engaged);
        } else {
          state = advanced.get(contact.id) as ContactState;
          wasEngaged = prior?.engaged ?? false;
        }
        const after = scoreFromState(state, context, nowMs, this.config);
        stageMoves.push(...this.stageMovesOf(contact, before, after, history ?? fresh));
        // One plan per fresh touchpoint against the same before/after: the touchpoints since the
        // last run caused the change together; the most urgent plan wins the contact's one task.
        const plans: FollowUpPlan[] = [];
        // A contact in a pool (公海) has nobody to follow up; whoever takes it gets the next touchpoint's follow-up.
        const agentId = contact.agentId;
        for (const event of agentId ? fresh.slice(-MAX_PLANNED_PER_RUN) : []) {
          const plan = planFollowUp(
            { event, before: before?.figures ?? null, after, contentTitle: event.contentTitle ?? undefined, contactName: addressNameOf(contact), agentName: agentNames.get(agentId ?? '') ?? '' },
            ruleSet,
            nowMs,
          );
          if (plan) plans.push(plan);
        }
        if (agentId && plans.length > 0) placements.push({ contact: { id: contact.id, agentId }, plans, triggers: fresh });
        await storeContactScore(manager, contact.id, after, nowMs, nextRecheckAtMs(state, context, nowMs, this.config), contact.stored);
        // A state that took nothing in is the one stored: not written again (the daily rechecks).
        if (history || fresh.length > 0 || !prior) states.push({ contactId: contact.id, state, engaged: wasEngaged || fresh.some(engaged) });
        scoredRowIds.push(...fresh.map((e) => e.rowId));
        outcomes.push({ contactId: contact.id, before: before?.figures ?? null, after, plans, fresh, becameEngaged: fresh.some(engaged) && !wasEngaged });
      }
      for (let i = 0; i < stageMoves.length; i += 500) await manager.insert(ContactStageChange, stageMoves.slice(i, i + 500));
      await applyFollowUpPlansOfBatch(manager, placements, this.clock.nowMs());
      await saveScoreStates(manager, states, nowMs);
      await markTouchpointsScored(manager, scoredRowIds);
      return outcomes;
    })).then(async (outcomes) => (await this.onScored(outcomes), outcomes));
  }

  /** Stage entries the new score has and the old one had not, as stage-change rows (the funnel's history). */
  private stageMovesOf(contact: ContactToScore, before: StoredFigures | null, after: ContactScore, events: LoadedEvent[]): StageMoveRow[] {
    if (before && before.figures.stage === after.stage && before.figures.outcome === after.outcome) return [];
    // The funnel counts stage moves per agent; a pooled contact's moves belong to nobody's funnel.
    const agentId = contact.agentId;
    if (!agentId) return [];
    const known = before?.stageEvidenceCount ?? 0;
    const lastKnownAt = before?.lastStageEvidenceAtMs ?? -Infinity;
    const entries = after.stageEvidence.filter((entry, i) => i >= known || entry.atMs > lastKnownAt);
    const byClientId = new Map(events.map((e) => [e.id, e]));
    let fromStage = before?.figures.stage ?? null;
    return (entries.length > 0 ? entries : [{ stage: after.stage, eventId: null, atMs: this.clock.nowMs(), reason: '' }]).map((entry, i, all) => {
      const event = entry.eventId ? byClientId.get(entry.eventId) : undefined;
      const row: StageMoveRow = {
        id: randomUUID(), contactId: contact.id, agentId, fromStage, toStage: entry.stage,
        outcome: i === all.length - 1 ? after.outcome : 'open', eventId: event?.rowId ?? null,
        contentVersionId: event?.contentVersionId ?? null, atMs: entry.atMs,
      };
      fromStage = entry.stage;
      return row;
    });
  }
}
