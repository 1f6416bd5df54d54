import fc from 'fast-check';
import type { TagCode } from '../contracts';
import { propertyRuns } from '../testing/property-runs';
import { compareEvents, normaliseEvents } from './normalise-events';
import { at } from './test-factories';
import type { ScoringEvent } from './types';

const NOW = at(10);
const read = (id: string, occurredAtMs: number, depthPct: number): ScoringEvent => ({
  id,
  type: 'read_progress',
  occurredAtMs,
  contentTags: ['need:medical'],
  depthPct,
});
const ids = (events: readonly ScoringEvent[]) => events.map((e) => e.id);
/** Eleven list entries with `third` at index 2 and `last` at index 10. */
const eleven = (third: string, last: string) => ['n0', 'n1', third, 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', last];

describe('normalising a batch of events', () => {
  it('sorts by time, and by id between events of one instant', () => {
    const events = [read('c', at(2), 10), read('b', at(1), 10), read('a', at(2), 10)];
    expect(ids(normaliseEvents(events, NOW))).toEqual(['b', 'a', 'c']);
  });

  it('keeps an event that happened exactly now, and drops one a millisecond later', () => {
    const kept = normaliseEvents([read('now', NOW, 10), read('later', NOW + 1, 10)], NOW);
    expect(ids(kept)).toEqual(['now']);
  });

  it.each([NaN, Infinity, -Infinity])('drops an event dated %p (it cannot have moved the contact)', (occurredAtMs) => {
    expect(normaliseEvents([read('undated', occurredAtMs, 10), read('dated', at(1), 10)], NOW).map((e) => e.id)).toEqual(['dated']);
  });

  it('counts an identical retry once', () => {
    const event = read('x', at(1), 30);
    expect(normaliseEvents([event, { ...event }, { ...event }], NOW)).toEqual([event]);
  });

  describe('two differing records with one id: the choice never depends on input order', () => {
    const cases: [string, ScoringEvent, ScoringEvent][] = [
      ['the earlier record is kept', read('x', at(3), 20), read('x', at(2), 90)],
      ['at one instant, the record whose canonical JSON sorts first is kept', read('x', at(2), 90), read('x', at(2), 40)],
      [
        'field order does not matter: fields are compared by name',
        // Unsorted, "contentTags…" would sort before "id…" and pick the 90 % record.
        { contentTags: ['need:medical'], depthPct: 90, id: 'x', occurredAtMs: at(2), type: 'read_progress' },
        read('x', at(2), 40),
      ],
      [
        'a field written as undefined is the same as an absent one',
        { ...read('x', at(2), 90), contentId: undefined },
        read('x', at(2), 40),
      ],
      [
        'nested values are compared too (lead details)',
        { ...read('x', at(2), 50), type: 'lead_submit', lead: { needs: ['medical', 'life'] } },
        { ...read('x', at(2), 50), type: 'lead_submit', lead: { needs: ['accident'] } },
      ],
      [
        'nested objects are compared by field name too',
        { ...read('x', at(2), 50), type: 'lead_submit', lead: { budgetFen: 900, needs: ['medical'] } },
        { ...read('x', at(2), 50), type: 'lead_submit', lead: { needs: ['medical'], budgetFen: 100 } },
      ],
      [
        // Compared as a list, element 2 decides; compared as an object with keys "0", "1", "10", "2" …, element 10 would.
        'lists are compared element by element in order',
        { ...read('x', at(2), 50), type: 'lead_submit', lead: { needs: eleven('c', 'a') } },
        { ...read('x', at(2), 50), type: 'lead_submit', lead: { needs: eleven('b', 'z') } },
      ],
    ];
    it.each(cases)('%s', (_name, loser, winner) => {
      expect(normaliseEvents([loser, winner], NOW)).toEqual([winner]);
      expect(normaliseEvents([winner, loser], NOW)).toEqual([winner]);
    });
  });

  it('a future duplicate never displaces the record that already happened', () => {
    const past = read('x', at(2), 40);
    expect(normaliseEvents([past, read('x', NOW + 1, 10)], NOW)).toEqual([past]);
    expect(normaliseEvents([read('x', NOW + 1, 10), past], NOW)).toEqual([past]);
  });

  it('yields one history for any order of any records, retries and conflicting duplicates included (property)', () => {
    const record = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd'),
      type: fc.constantFrom('read_progress' as const, 'open' as const, 'lead_submit' as const),
      occurredAtMs: fc.integer({ min: at(0), max: at(12) }),
      contentTags: fc.subarray<TagCode>(['need:medical', 'need:life', 'audience:young_parents']),
      depthPct: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      lead: fc.option(fc.record({ budgetFen: fc.nat(1000), needs: fc.subarray(['medical', 'life']) }), { nil: undefined }),
    });
    let compared = 0;
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 12 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))),
        ([events, shuffled]) => {
          const once = normaliseEvents(events, NOW);
          expect(normaliseEvents(shuffled, NOW)).toEqual(once);
          expect(new Set(ids(once)).size).toBe(once.length);
          for (let i = 1; i < once.length; i += 1) {
            expect(compareEvents(once[i - 1], once[i])).toBeLessThan(0);
            compared += 1;
          }
        },
      ),
      propertyRuns(200),
    );
    // The order check above looped over real pairs, not only over empty or single-event histories.
    expect(compared).toBeGreaterThan(0);
  });
});
