import { type ContactScore, type ContactState, emptyState, nextRecheckAtMs, scoreFromState, stateFromHistory, type ScoringEvent } from '@kejing/shared';
import { decodeScoreState, encodeScoreState } from './score-states';

const DAY = 86_400_000;
const history: ScoringEvent[] = Array.from({ length: 40 }, (_, k) => ({
  id: `e${k}`, type: k % 3 === 0 ? 'read_complete' : 'open', occurredAtMs: Date.UTC(2026, 9, 1) + k * DAY, contentTags: ['need:critical_illness'], contentId: `item-${k % 4}`,
  ...(k % 3 === 0 ? { depthPct: 100, dwellMs: 60_000 } : {}),
}));

describe('stored scoring states', () => {
  it('read back as the state without its closed days\' contributions, with the same figures, at a tenth of its JSON', () => {
    const nowMs = Date.UTC(2026, 10, 20);
    const state = stateFromHistory(history, nowMs);
    expect(state.scores.closed.length).toBeGreaterThan(10);
    const text = encodeScoreState(state);
    const stored = decodeScoreState(text) as ContactState;
    expect(stored).toEqual({ ...state, scores: { ...state.scores, closed: [] } });
    const figures = ({ contributions: _contributions, ...rest }: ContactScore) => rest;
    const context = { optedOut: false, engagedReferrals: 0 };
    expect(figures(scoreFromState(stored, context, nowMs))).toEqual(figures(scoreFromState(state, context, nowMs)));
    expect(nextRecheckAtMs(stored, context, nowMs)).toBe(nextRecheckAtMs(state, context, nowMs));
    expect(text.length).toBeLessThan(Buffer.byteLength(JSON.stringify(state)) / 10);
  });

  it('still read when stored as plain JSON, as they were before', () => {
    const state = emptyState();
    expect(decodeScoreState(JSON.stringify(state))).toEqual(state);
  });

  it('read as nothing when damaged, so the history is replayed instead', () => {
    const text = encodeScoreState(emptyState());
    expect(decodeScoreState(text.slice(0, -6))).toBeNull();
    expect(decodeScoreState('{"version": 1, "configK')).toBeNull();
  });
});
