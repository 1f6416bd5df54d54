import fc from 'fast-check';
import { TOUCHPOINT_TYPES, type TagCode } from '../contracts';
import { propertyRuns } from '../testing/property-runs';
import { advanceState, emptyState, scoreFromState, stateFromHistory, type ContactState } from './contact-state';
import { scoreContact } from './score-contact';
import { at } from './test-factories';
import type { ContactContext, ScoringEvent } from './types';

const RUNS = propertyRuns(200);
const TAGS: TagCode[] = ['need:critical_illness', 'need:medical', 'audience:young_parents', 'life_event:newborn', 'stage:3'];

const eventBody = fc.record(
  {
    type: fc.constantFrom(...TOUCHPOINT_TYPES),
    // Many events share a day (daily caps, same-day repeats), some share an instant (id order decides).
    occurredAtMs: fc.oneof(fc.integer({ min: at(0), max: at(120) }), fc.constantFrom(at(3, 9), at(3, 9), at(40, 9))),
    contentTags: fc.subarray(TAGS),
    contentId: fc.constantFrom('a1', 'a2', 'a3', 'v1'),
    depthPct: fc.integer({ min: 0, max: 100 }),
    dwellMs: fc.integer({ min: 0, max: 3_600_000 }),
    videoPct: fc.integer({ min: 0, max: 100 }),
    npsScore: fc.integer({ min: 0, max: 10 }),
    lead: fc.record(
      { budgetFen: fc.integer({ min: 0, max: 5_000_000 }), insuredPerson: fc.constantFrom('', '本人'), needs: fc.subarray(['critical_illness', 'medical']) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['type', 'occurredAtMs', 'contentTags'] },
);

const context: fc.Arbitrary<ContactContext> = fc.record({
  optedOut: fc.boolean(),
  engagedReferrals: fc.integer({ min: 0, max: 6 }),
  isWeChatFriend: fc.boolean(),
  policiesHeld: fc.integer({ min: 0, max: 4 }),
});

/**
 * A history arriving as the server sees it: in batches, each scored at an instant at or after the
 * previous one, events mostly in order but some late (older than what was already taken in), some
 * replayed (an event sent again), some dated after the instant they arrive at.
 */
const arrivals = fc
  .array(eventBody, { minLength: 1, maxLength: 80 })
  .map((bodies) => bodies.map((body, i): ScoringEvent => ({ id: `e${String(i).padStart(3, '0')}`, ...body })))
  .chain((events) =>
    fc.record({
      // Mostly chronological with a few swaps: out-of-order arrivals.
      order: fc.array(fc.nat({ max: events.length - 1 }), { maxLength: 4 }).map((swaps) => {
        const sorted = [...events].sort((a, b) => a.occurredAtMs - b.occurredAtMs || (a.id < b.id ? -1 : 1));
        for (const i of swaps) {
          const j = Math.min(sorted.length - 1, i + 1 + (i % 5));
          [sorted[i], sorted[j]] = [sorted[j] as ScoringEvent, sorted[i] as ScoringEvent];
        }
        return sorted;
      }),
      replays: fc.subarray(events, { maxLength: Math.min(3, events.length) }),
      cuts: fc.array(fc.nat({ max: events.length }), { maxLength: 12 }),
      lag: fc.integer({ min: 0, max: 20 * 24 * 3_600_000 }),
    }),
  );

describe('incremental scoring equals full recomputation (property test)', () => {
  it('folding touchpoints batch by batch into a stored state gives what replaying the whole history gives', () => {
    let folded = 0;
    let replayed = 0;
    fc.assert(
      fc.property(arrivals, context, ({ order, replays, cuts, lag }, ctx) => {
        // Replays are inserted right after a random later position: the same event sent again.
        const stream = [...order];
        replays.forEach((event, k) => stream.splice(Math.min(stream.length, (k * 7 + 3) % (stream.length + 1)), 0, { ...event }));
        const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, stream.length)), stream.length])].sort((a, b) => a - b);
        let stored: string | null = null; // the state as the server stores it: JSON text (none before the first touchpoint)
        const seen: ScoringEvent[] = [];
        let nowMs = at(0);
        for (let b = 1; b < bounds.length; b += 1) {
          const fresh = stream.slice(bounds[b - 1], bounds[b]);
          seen.push(...fresh);
          // Each batch is scored after its newest event, every fourth one before it (a client clock
          // ahead): its newest events are then still in the future and held back.
          const newest = Math.max(...fresh.map((e) => e.occurredAtMs));
          nowMs = Math.max(nowMs, b % 4 === 0 ? newest - 3_600_000 : newest + (lag % (b * 3_600_000 + 1)));
          const previous = stored === null ? emptyState() : (JSON.parse(stored) as ContactState);
          let state = advanceState(previous, fresh, nowMs);
          if (state === null) {
            replayed += 1;
            state = stateFromHistory(seen, nowMs);
          } else folded += 1;
          stored = JSON.stringify(state);
          expect(scoreFromState(JSON.parse(stored) as ContactState, ctx, nowMs)).toEqual(scoreContact(seen, ctx, nowMs));
        }
        // And read again later, with nothing new: decay and step-backs come from the state's timestamps.
        const later = nowMs + 75 * 24 * 3_600_000;
        const state = advanceState(JSON.parse(stored as string) as ContactState, [], later) ?? stateFromHistory(seen, later);
        expect(scoreFromState(state, ctx, later)).toEqual(scoreContact(seen, ctx, later));
      }),
      RUNS,
    );
    // Both paths were exercised, and folding (the point of the state) was the common one.
    expect(replayed).toBeGreaterThan(0);
    expect(folded).toBeGreaterThan(replayed);
  });
});
