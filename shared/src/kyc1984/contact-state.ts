/**
 * A contact's KYC1984 state: everything the rules need to know about its history, folded one
 * touchpoint at a time, so that one more touchpoint costs the same whatever the history (issue 15).
 * `scoreContact` is this fold over the whole history, then read: one rule set, not two.
 *
 * What is kept: for the stage, the stage proven so far, its outcome, the last touch, the distinct
 * open days and the deep-read days per need family, and the newest stage entries; for trust and
 * intent, the score at the start of the last active day, that day's evidence (the day's gain
 * depends on all of it), the running decay, and the newest contributions with what each gained;
 * for the referral scale, the latest NPS answer and the forwards; for interest tags, each engaged
 * item's strongest engagement. Time-dependent effects (decay, silence step-backs) and standing
 * facts (WeChat friend, policies held, engaged referrals, opt-out) are applied when read, so a
 * state never goes stale by waiting.
 *
 * The fold needs events in history order, (occurredAtMs, id) ascending. An event at or before the
 * newest folded one (out of order, or a replay) cannot be folded in: `advanceState` says so (null)
 * and the caller replays the whole history instead, which is rare (a late-arriving offline event,
 * a merge). A fresh event with a new (time, id) is taken to carry an id never seen: the server's
 * unique (contact, client event id) index makes it so.
 */
import { DEFAULT_SCORING_CONFIG, MS_PER_DAY, type ScoringConfig } from './config';
import { applyInterestEvents, emptyInterestState, readInterestTags, type InterestState } from './interest-tags';
import { compareEvents, normaliseEvents } from './normalise-events';
import { applyReferralEvent, emptyReferralState, readReferral, type ReferralState } from './referral';
import { applyScoreEvent, bandOf, cellOf, compareContributions, dimensionScoreAt, emptyScoreState, readDimension, type ScoreState } from './scores';
import { applyStageEvent, emptyStageState, readStage, type StageState } from './stages';
import { calendarDayOf } from './time';
import type { ContactContext, ContactScore, ScoringEvent } from './types';

/** Bumped when the shape or meaning of the state changes: older states are rebuilt from the history. */
export const CONTACT_STATE_VERSION = 1;

/** A contact's folded history. Plain JSON: stored as is, read back identical (numbers round-trip). */
export type ContactState = {
  version: number;
  /** Fingerprint of the config the state was folded with; another config rebuilds it. */
  configKey: string;
  /** The newest folded event, the point after which events can be folded in. */
  newest: { atMs: number; id: string } | null;
  /**
   * The earliest known event dated after the instant the state was built for (a clock ahead),
   * not folded yet; once that instant has come the state is rebuilt.
   */
  heldBackFromMs: number | null;
  stage: StageState;
  scores: ScoreState;
  referral: ReferralState;
  interest: InterestState;
};

const configKeys = new WeakMap<ScoringConfig, string>();

/** A short fingerprint of a config (FNV-1a of its JSON), computed once per config object. */
export function configKeyOf(config: ScoringConfig): string {
  const known = configKeys.get(config);
  if (known !== undefined) return known;
  const text = JSON.stringify(config);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  const key = `${text.length.toString(36)}-${h.toString(36)}`;
  configKeys.set(config, key);
  return key;
}

/** The state of a contact with no history. */
export function emptyState(config: ScoringConfig = DEFAULT_SCORING_CONFIG): ContactState {
  return {
    version: CONTACT_STATE_VERSION,
    configKey: configKeyOf(config),
    newest: null,
    heldBackFromMs: null,
    stage: emptyStageState(),
    scores: emptyScoreState(),
    referral: emptyReferralState(),
    interest: emptyInterestState(),
  };
}

/** Whether an event comes after every event folded into the state (so it can be folded in). */
export function isAfterState(state: ContactState, event: ScoringEvent): boolean {
  return state.newest === null || compareEvents(event, { id: state.newest.id, occurredAtMs: state.newest.atMs } as ScoringEvent) > 0;
}

/**
 * Folds events that come after the state, in history order, into a new state (the input is left
 * as it was). Throws on an event at or before the newest folded one: that needs the whole history.
 */
export function applyTouchpoints(state: ContactState, events: readonly ScoringEvent[], config: ScoringConfig = DEFAULT_SCORING_CONFIG): ContactState {
  const next = JSON.parse(JSON.stringify(state)) as ContactState;
  foldInto(next, events, config);
  return next;
}

/** One touchpoint folded in; see applyTouchpoints. */
export function applyTouchpoint(state: ContactState, event: ScoringEvent, config: ScoringConfig = DEFAULT_SCORING_CONFIG): ContactState {
  return applyTouchpoints(state, [event], config);
}

function foldInto(state: ContactState, events: readonly ScoringEvent[], config: ScoringConfig): void {
  for (const event of events) {
    if (!isAfterState(state, event)) {
      throw new Error(`event ${event.id} is not after the newest folded event ${state.newest?.id}: replay the history`);
    }
    applyStageEvent(state.stage, event, config);
    applyScoreEvent(state.scores, event, config);
    applyReferralEvent(state.referral, event);
    state.newest = { atMs: event.occurredAtMs, id: event.id };
  }
  applyInterestEvents(state.interest, events, config);
}

/** The earlier of two instants, either of which may be missing. */
const earlierOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

/** Earliest finite event time after `nowMs`, or null. */
function earliestAfter(events: readonly ScoringEvent[], nowMs: number): number | null {
  let earliest: number | null = null;
  for (const event of events) {
    if (Number.isFinite(event.occurredAtMs) && event.occurredAtMs > nowMs) earliest = earlierOf(earliest, event.occurredAtMs);
  }
  return earliest;
}

/** The state of a whole history as of `nowMs`: any order, retries counted once, later events held back. */
export function stateFromHistory(events: readonly ScoringEvent[], nowMs: number, config: ScoringConfig = DEFAULT_SCORING_CONFIG): ContactState {
  const state = emptyState(config);
  foldInto(state, normaliseEvents(events, nowMs), config);
  state.heldBackFromMs = earliestAfter(events, nowMs);
  return state;
}

export interface AdvanceOptions {
  /**
   * Fold into the given state instead of a copy: for a caller that parsed the state for this one
   * fold and keeps no other use of it (the scorer, per contact per night: the copy cost as much as the fold).
   */
  inPlace?: boolean;
}

/**
 * The state after fresh touchpoints, as of `nowMs`, without the history; null when the history must
 * be replayed instead (stateFromHistory): no usable state (none, another version or config), a
 * held-back event has come due, the state is newer than `nowMs`, or a fresh event is not after the
 * newest folded one (out of order, or a replay).
 */
export function advanceState(state: ContactState | null, fresh: readonly ScoringEvent[], nowMs: number, config: ScoringConfig = DEFAULT_SCORING_CONFIG, options: AdvanceOptions = {}): ContactState | null {
  if (state === null || state.version !== CONTACT_STATE_VERSION || state.configKey !== configKeyOf(config)) return null;
  if (state.heldBackFromMs !== null && state.heldBackFromMs <= nowMs) return null;
  if (state.newest !== null && state.newest.atMs > nowMs) return null;
  const due = normaliseEvents(fresh, nowMs);
  if (due.length > 0 && !isAfterState(state, due[0] as ScoringEvent)) return null;
  let next = state;
  if (options.inPlace) foldInto(state, due, config);
  else next = applyTouchpoints(state, due, config);
  next.heldBackFromMs = earlierOf(next.heldBackFromMs, earliestAfter(fresh, nowMs));
  return next;
}

/**
 * Everything KYC1984 says about the contact as of `nowMs` (at or after the newest folded event).
 *
 * Opted-out contacts (PIPL: no profiling after opt-out): trust and intent 0, no contributions or
 * interest tags, referral negative, stage 1 — except a closed deal, which stays stage 8 with its
 * outcome because a signed (or lost) policy is a business fact, not a profile.
 */
export function scoreFromState(state: ContactState, context: ContactContext, nowMs: number, config: ScoringConfig = DEFAULT_SCORING_CONFIG): ContactScore {
  const lastTouchAtMs = state.newest?.atMs ?? null;
  const stages = readStage(state.stage, context, nowMs, config);
  const referral = readReferral(state.referral, context, config);

  if (context.optedOut) {
    const closed = stages.outcome !== 'open';
    return {
      trust: 0,
      intent: 0,
      trustBand: bandOf(0, config),
      intentBand: bandOf(0, config),
      cell: cellOf(0, 0, config),
      stage: closed ? 8 : 1,
      outcome: stages.outcome,
      ...referral,
      optedOut: true,
      interestTags: [],
      contributions: [],
      stageEvidence: [
        { stage: closed ? 8 : 1, eventId: null, atMs: nowMs, reason: '客户已退订，停止画像与跟进' },
      ],
      lastTouchAtMs,
    };
  }

  const trust = readDimension(state.scores, context, 'trust', nowMs, config);
  const intent = readDimension(state.scores, context, 'intent', nowMs, config);
  const contributions = [...trust.contributions, ...intent.contributions]
    .sort(compareContributions)
    .slice(-config.explanation.contributionsKept);
  return {
    trust: trust.score,
    intent: intent.score,
    trustBand: bandOf(trust.score, config),
    intentBand: bandOf(intent.score, config),
    cell: cellOf(trust.score, intent.score, config),
    stage: stages.stage,
    outcome: stages.outcome,
    ...referral,
    optedOut: false,
    interestTags: readInterestTags(state.interest, config),
    contributions,
    stageEvidence: stages.stageEvidence,
    lastTouchAtMs,
  };
}

/** How far ahead a decay is looked for: past this a score that has not moved is taken never to. */
const HORIZON_DAYS = 36_500;

/**
 * The first instant after `scoredAtMs` at which what the contact is counted by changes by time
 * alone: its grid cell (trust or intent decays into a lower band) or its stage (a silence
 * step-back), or a held-back event comes due; null if nothing ever will without a new touchpoint.
 * The daily job rescores only contacts whose instant has come (and those touched): the grid, the
 * funnel and their snapshots are then exactly what rescoring every contact would give. The integer
 * scores within a band are as of the contact's last scoring (what it was touched or rechecked).
 */
export function nextRecheckAtMs(state: ContactState, context: ContactContext, scoredAtMs: number, config: ScoringConfig = DEFAULT_SCORING_CONFIG): number | null {
  const candidates: number[] = [];
  if (state.heldBackFromMs !== null) candidates.push(state.heldBackFromMs);
  if (!context.optedOut) {
    // A silence step-back: at the end of the next full period, while the open deal is above stage 1.
    const stepMs = config.stages.silenceStepBackDays * MS_PER_DAY;
    const lastTouchMs = state.stage.lastTouchMs;
    const stage = readStage(state.stage, context, scoredAtMs, config).stage;
    if (lastTouchMs !== null && state.stage.outcome === 'open' && stepMs > 0 && stage > 1) {
      candidates.push(lastTouchMs + (Math.floor((scoredAtMs - lastTouchMs) / stepMs) + 1) * stepMs);
    }
    // Decay: scores only fall with silence and change at China midnight, so the first day in
    // another band is found by bisection over days. (A contact with no scored day yet has nothing
    // to decay: its band is the same at the horizon, and the bisection is skipped.)
    const today = calendarDayOf(scoredAtMs, config.dayOffsetMs);
    const dayStartMs = (day: number) => day * MS_PER_DAY - config.dayOffsetMs;
    for (const dimension of ['trust', 'intent'] as const) {
      const now = bandOf(dimensionScoreAt(state.scores, context, dimension, scoredAtMs, config), config);
      const at = (day: number) => bandOf(dimensionScoreAt(state.scores, context, dimension, dayStartMs(day), config), config);
      let lo = today; // the band is `now` here
      let hi = today + HORIZON_DAYS;
      if (at(hi) === now) continue;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (at(mid) === now) lo = mid;
        else hi = mid;
      }
      candidates.push(dayStartMs(hi));
    }
  }
  return candidates.length > 0 ? Math.min(...candidates) : null;
}
