import { DEFAULT_SCORING_CONFIG as CONFIG, MS_PER_DAY } from './config';
import {
  CONTACT_STATE_VERSION, advanceState, applyTouchpoint, applyTouchpoints, configKeyOf, emptyState, isAfterState, nextRecheckAtMs, scoreFromState,
  stateFromHistory, type ContactState,
} from './contact-state';
import { scoreContact } from './score-contact';
import { at, buildContext, buildEvent, CRITICAL_ILLNESS } from './test-factories';
import type { ScoringEvent } from './types';

const open = (day: number, hour = 9, id?: string) => buildEvent('open', { occurredAtMs: at(day, hour), ...(id ? { id } : {}) });
const deepRead = (day: number, contentId = 'a1') =>
  buildEvent('read_complete', { contentId, contentTags: CRITICAL_ILLNESS, occurredAtMs: at(day, 10) });
/** China midnight starting test day `day`. */
const midnight = (day: number) => at(day, 0);

describe('the state of a contact with no history', () => {
  it('reads as an empty history: zero scores, stage 1, indifferent, no last touch', () => {
    expect(scoreFromState(emptyState(), buildContext(), at(5))).toEqual(scoreContact([], buildContext(), at(5)));
    expect(scoreFromState(emptyState(), buildContext(), at(5))).toEqual(expect.objectContaining({ trust: 0, intent: 0, stage: 1, lastTouchAtMs: null }));
  });

  it('fingerprints a config by FNV-1a of its JSON, the same in every release (another fingerprint re-folds every stored state once)', () => {
    expect(configKeyOf({ a: 1 } as unknown as typeof CONFIG)).toBe('7-12qlvkh');
    expect(configKeyOf({} as unknown as typeof CONFIG)).toBe('2-nf0rvp');
  });

  it('is stamped with the state version and the config it was folded with', () => {
    expect(emptyState()).toEqual(expect.objectContaining({ version: CONTACT_STATE_VERSION, configKey: configKeyOf(CONFIG), newest: null, heldBackFromMs: null }));
  });
});

describe('folding touchpoints in', () => {
  it('gives what scoring the whole history gives, touchpoint by touchpoint', () => {
    const events = [open(0), open(1), deepRead(1), deepRead(2), buildEvent('lead_submit', { occurredAtMs: at(2, 12), lead: { budgetFen: 500_000 } })];
    let state = emptyState();
    for (const event of events) state = applyTouchpoint(state, event);
    expect(scoreFromState(state, buildContext(), at(3))).toEqual(scoreContact(events, buildContext(), at(3)));
    expect(scoreFromState(state, buildContext(), at(3)).stage).toBe(5);
  });

  it('leaves the state it was given as it was', () => {
    const before = applyTouchpoint(emptyState(), open(0));
    const copy = JSON.stringify(before);
    applyTouchpoint(before, open(1));
    expect(JSON.stringify(before)).toBe(copy);
  });

  it('refuses an event older than the newest folded one, and a replay of it: those need the history', () => {
    const state = applyTouchpoint(emptyState(), open(2, 9, 'b'));
    expect(() => applyTouchpoint(state, open(1))).toThrow('replay the history');
    expect(() => applyTouchpoint(state, open(2, 9, 'b'))).toThrow('replay the history');
  });

  it('orders events at one instant by id, as the history does', () => {
    const state = applyTouchpoint(emptyState(), open(2, 9, 'b'));
    expect(isAfterState(state, open(2, 9, 'c'))).toBe(true);
    expect(isAfterState(state, open(2, 9, 'a'))).toBe(false);
    expect(isAfterState(emptyState(), open(0))).toBe(true);
  });

  it('keeps the last active day open: a later event that day shares the day’s capped gain', () => {
    const burst = [1, 2, 3, 4, 5].map((k) => buildEvent('card_view', { occurredAtMs: at(0, 9 + k) }));
    const state = applyTouchpoints(emptyState(), burst);
    expect(state.scores.lastDay).not.toBeNull();
    expect(state.scores.trust.day).toHaveLength(5);
    expect(state.scores.closed).toEqual([]);
    expect(scoreFromState(state, buildContext(), at(1)).trust).toBe(scoreContact(burst, buildContext(), at(1)).trust);
  });

  it('closes a day when the next active day begins: its contributions move to the kept explanation', () => {
    const state = applyTouchpoints(emptyState(), [open(0), open(3)]);
    expect(state.scores.closed).toEqual([expect.objectContaining({ dimension: 'trust', eventId: state.scores.closed[0]?.eventId, gained: 8, log2DecayAt: 0 })]);
    expect(state.scores.trust.day).toHaveLength(1);
  });

  it('survives being stored as JSON text', () => {
    const events = [open(0), deepRead(1), buildEvent('nps_answer', { npsScore: 9, occurredAtMs: at(2) })];
    const stored = JSON.parse(JSON.stringify(applyTouchpoints(emptyState(), events))) as ContactState;
    expect(scoreFromState(stored, buildContext(), at(9))).toEqual(scoreContact(events, buildContext(), at(9)));
  });
});

describe('advancing a stored state with fresh touchpoints', () => {
  const base = stateFromHistory([open(0), open(1)], at(2));

  it('folds fresh touchpoints that come after the state, without the history', () => {
    const next = advanceState(base, [deepRead(3)], at(4));
    expect(next).not.toBeNull();
    expect(next?.newest?.atMs).toBe(at(3, 10));
  });

  it('leaves the stored state as it was, unless told to fold into it in place, which reaches the same state', () => {
    const stored = JSON.stringify(base);
    const fresh = [deepRead(3), open(4)];
    const copied = advanceState(base, fresh, at(5));
    expect(JSON.stringify(base)).toBe(stored);
    const mine = JSON.parse(stored) as ContactState;
    const inPlace = advanceState(mine, fresh, at(5), CONFIG, { inPlace: true });
    expect(inPlace).toBe(mine);
    expect(inPlace).toEqual(copied);
    expect(JSON.stringify(mine)).not.toBe(stored);
  });

  it('asks for the history when there is no state, or one of another version or config', () => {
    expect(advanceState(null, [open(3)], at(4))).toBeNull();
    expect(advanceState({ ...base, version: CONTACT_STATE_VERSION + 1 }, [open(3)], at(4))).toBeNull();
    const tuned = { ...CONFIG, bands: { midFrom: 30, highFrom: 60 } };
    expect(advanceState(base, [open(3)], at(4), tuned)).toBeNull();
  });

  it('asks for the history for a fresh touchpoint older than the state (it arrived late) or a replay', () => {
    expect(advanceState(base, [open(0, 8)], at(4))).toBeNull();
    expect(advanceState(base, [open(3), { ...(base.newest && { id: base.newest.id }), type: 'open', occurredAtMs: at(1, 9), contentTags: [] } as ScoringEvent], at(4))).toBeNull();
  });

  it('asks for the history when scoring at an instant before the state’s newest touchpoint', () => {
    expect(advanceState(base, [], at(1, 8))).toBeNull();
  });

  it('holds back a touchpoint dated after now, and asks for the history once its time has come', () => {
    const ahead = open(5);
    const next = advanceState(base, [open(3), ahead], at(4)) as ContactState;
    expect(next.heldBackFromMs).toBe(ahead.occurredAtMs);
    expect(next.newest?.atMs).toBe(at(3, 9));
    expect(advanceState(next, [], at(4, 23))).not.toBeNull();
    expect(advanceState(next, [], ahead.occurredAtMs)).toBeNull();
    const later = open(7);
    expect(advanceState(next, [later], at(4, 20))?.heldBackFromMs).toBe(ahead.occurredAtMs);
    expect(advanceState(advanceState(base, [later], at(4)), [ahead], at(4))?.heldBackFromMs).toBe(ahead.occurredAtMs);
  });

  it('takes in a touchpoint dated exactly now rather than holding it back', () => {
    const now = open(2);
    const state = stateFromHistory([open(0), now], now.occurredAtMs);
    expect(state.heldBackFromMs).toBeNull();
    expect(state.newest?.id).toBe(now.id);
  });

  it('advances a state at exactly the instant of its newest touchpoint', () => {
    const newest = open(1);
    const state = stateFromHistory([open(0), newest], at(1, 12));
    expect(advanceState(state, [], newest.occurredAtMs)).not.toBeNull();
  });

  it('records in a state built from a history the earliest of its events still in the future', () => {
    expect(stateFromHistory([open(0), open(9), open(6)], at(2)).heldBackFromMs).toBe(at(6, 9));
    expect(stateFromHistory([open(0), open(6), open(9)], at(2)).heldBackFromMs).toBe(at(6, 9));
    expect(stateFromHistory([open(0), { ...open(1), occurredAtMs: Number.NaN }], at(2)).heldBackFromMs).toBeNull();
  });
});

describe('what the state keeps of the explanation', () => {
  it('keeps the newest contributions and stage entries only, so it does not grow with the history', () => {
    const small = { ...CONFIG, explanation: { contributionsKept: 3, stageEvidenceKept: 2 } };
    const events = [0, 1, 2, 3, 4, 5].map((d) => open(d * 40));
    const state = stateFromHistory(events, at(400), small);
    expect(state.scores.closed).toHaveLength(3);
    expect(state.stage.evidence).toHaveLength(2);
    // Ten entries (stage 1 at the first open, 2 at the second, then a step back and a climb before each later open): eight let go.
    expect(state.stage.evidenceDropped).toBe(8);
    const score = scoreFromState(state, buildContext(), at(400), small);
    expect(score.contributions.map((c) => c.eventId)).toEqual(events.slice(-3).map((e) => e.id));
    expect(score.stageEvidence).toHaveLength(2);
  });

  it('names the WeChat friendship first while the oldest entries are kept, and not once they are let go', () => {
    const small = { ...CONFIG, explanation: { contributionsKept: 60, stageEvidenceKept: 2 } };
    const friend = buildContext({ isWeChatFriend: true });
    const first = buildEvent('card_view', { occurredAtMs: at(0) });
    expect(scoreFromState(stateFromHistory([first], at(1), small), friend, at(1), small).stageEvidence.map((e) => e.reason)).toEqual([
      '已是微信好友，可触达', '查看了营销员名片',
    ]);
    const long = [first, buildEvent('proposal_made', { occurredAtMs: at(1) }), buildEvent('objection', { occurredAtMs: at(2) })];
    expect(scoreFromState(stateFromHistory(long, at(3), small), friend, at(3), small).stageEvidence.map((e) => e.stage)).toEqual([6, 8]);
  });
});

describe('when a contact’s figures next change by time alone (the daily job’s recheck)', () => {
  it('never, for a contact with nothing to decay or step back, or whose decay stays in its band', () => {
    expect(nextRecheckAtMs(emptyState(), buildContext(), at(1))).toBeNull();
    const forward = stateFromHistory([buildEvent('forward', { occurredAtMs: at(0) })], at(0, 12));
    // Trust 6 decays, but within the low band: the grid never sees it.
    expect(scoreFromState(forward, buildContext(), at(0, 12)).trust).toBe(6);
    expect(scoreFromState(forward, buildContext(), at(100)).trust).toBe(3);
    expect(nextRecheckAtMs(forward, buildContext(), at(0, 12))).toBeNull();
  });

  it('at the China midnight on which intent first falls into a lower band, after its grace period', () => {
    const lead = buildEvent('lead_submit', { occurredAtMs: at(0, 9), lead: { budgetFen: 500_000, insuredPerson: '孩子', needs: ['medical'] } });
    const state = stateFromHistory([lead, deepRead(1)], at(1, 12));
    const score = scoreFromState(state, buildContext(), at(1, 12));
    expect(score.intentBand).toBe('mid');
    const when = nextRecheckAtMs(state, buildContext(), at(1, 12)) as number;
    expect((when + CONFIG.dayOffsetMs) % MS_PER_DAY).toBe(0);
    expect(when).toBeGreaterThan(at(1, 12) + CONFIG.intent.decay.graceDays * MS_PER_DAY);
    expect(scoreFromState(state, buildContext(), when).intentBand).toBe('low');
    expect(scoreFromState(state, buildContext(), when - 1).intentBand).toBe('mid');
  });

  it('at the silence step-back of a stage above 1, when that comes before any decay', () => {
    const slow = { ...CONFIG, trust: { ...CONFIG.trust, decay: { graceDays: 1000, halfLifeDays: 90 } }, intent: { ...CONFIG.intent, decay: { graceDays: 1000, halfLifeDays: 30 } } };
    const lead = buildEvent('lead_submit', { occurredAtMs: at(0, 9), lead: { budgetFen: 100 } });
    const state = stateFromHistory([lead], at(40), slow);
    expect(nextRecheckAtMs(state, buildContext(), at(40), slow)).toBe(at(60, 9));
    expect(nextRecheckAtMs(state, buildContext(), at(10), slow)).toBe(at(30, 9));
    expect(scoreFromState(state, buildContext(), at(60, 9), slow).stage).toBe(3);
  });

  it('with no step-back for a closed deal, a stage-1 contact, or a period of zero', () => {
    const slow = { ...CONFIG, trust: { ...CONFIG.trust, decay: { graceDays: 1000, halfLifeDays: 90 } }, intent: { ...CONFIG.intent, decay: { graceDays: 1000, halfLifeDays: 30 } } };
    // Each contact's first recheck is its first change of band, past the 1000-day grace: no step-back before it.
    const firstChange = (state: ContactState, config: typeof slow) => {
      const when = nextRecheckAtMs(state, buildContext(), at(1), config) as number;
      const [before, after] = [scoreFromState(state, buildContext(), when - 1, config), scoreFromState(state, buildContext(), when, config)];
      return { afterGrace: when > midnight(1000), stages: [before.stage, after.stage], cells: [before.cell, after.cell] };
    };
    const busy = (last: ScoringEvent) => [
      buildEvent('lead_submit', { occurredAtMs: at(0, 8), lead: { budgetFen: 500_000, insuredPerson: '孩子', needs: ['medical'] } }),
      buildEvent('visit', { occurredAtMs: at(0, 8, 30) }), last,
    ];
    const signed = firstChange(stateFromHistory(busy(buildEvent('policy_signed', { occurredAtMs: at(0, 9) })), at(1), slow), slow);
    expect(signed).toEqual({ afterGrace: true, stages: [8, 8], cells: ['low-mid', 'low-low'] });
    const never = { ...slow, stages: { ...slow.stages, silenceStepBackDays: 0 } };
    const proposal = firstChange(stateFromHistory(busy(buildEvent('proposal_made', { occurredAtMs: at(0, 9) })), at(1), never), never);
    expect(proposal).toEqual({ afterGrace: true, stages: [6, 6], cells: ['low-mid', 'low-low'] });
    expect(nextRecheckAtMs(stateFromHistory([open(0)], at(1), slow), buildContext(), at(1), slow)).toBeNull();
  });

  it('at a held-back touchpoint’s time, whatever else; for an opted-out contact at nothing else', () => {
    const state = stateFromHistory([deepRead(0), open(3)], at(1));
    expect(nextRecheckAtMs(state, buildContext(), at(1))).toBe(at(3, 9));
    expect(nextRecheckAtMs(state, buildContext({ optedOut: true }), at(1))).toBe(at(3, 9));
    expect(nextRecheckAtMs(stateFromHistory([deepRead(0)], at(1)), buildContext({ optedOut: true }), at(1))).toBeNull();
  });
});
