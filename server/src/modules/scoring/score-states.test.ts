import { emptyState, stateFromHistory, type ScoringEvent } from '@kejing/shared';
import { decodeScoreState, encodeScoreState } from './score-states';

const DAY = 86_400_000;
const history: ScoringEvent[] = Array.from({ length: 40 }, (_, k) => ({
  id: `e${k}`, type: k % 3 === 0 ? 'read_complete' : 'open', occurredAtMs: Date.UTC(2026, 9, 1) + k * DAY, contentTags: ['need:critical_illness'], contentId: `item-${k % 4}`,
  ...(k % 3 === 0 ? { depthPct: 100, dwellMs: 60_000 } : {}),
}));

describe('stored scoring states', () => {
  it('read back identical to the state stored, at about a quarter of its JSON', () => {
    const state = stateFromHistory(history, Date.UTC(2026, 10, 20));
    const text = encodeScoreState(state);
    expect(decodeScoreState(text)).toEqual(state);
    expect(text.length).toBeLessThan(Buffer.byteLength(JSON.stringify(state)) / 3);
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
