import fc from 'fast-check';
import { TOUCHPOINT_TYPES, STAGES, type Stage, type TagCode } from '../contracts';
import { DEFAULT_SCORING_CONFIG as CONFIG, MS_PER_DAY } from './config';
import { needCodesOf } from './content';
import { propertyRuns } from '../testing/property-runs';
import { scoreContact } from './score-contact';
import { calendarDayOf } from './time';
import { at } from './test-factories';
import type { ContactContext, ScoringEvent } from './types';

const RUNS = propertyRuns(150);
const NOW = at(90, 12);
const TAGS: TagCode[] = ['need:critical_illness', 'need:medical', 'audience:young_parents', 'life_event:newborn', 'stage:3'];

/** Any touchpoint with plausible (and some implausible) fields, id assigned by the caller. */
const eventBody = (fromMs: number, toMs: number) =>
  fc.record(
    {
      type: fc.constantFrom(...TOUCHPOINT_TYPES),
      occurredAtMs: fc.integer({ min: fromMs, max: toMs }),
      contentTags: fc.subarray(TAGS),
      contentId: fc.constantFrom('a1', 'a2', 'a3', 'v1'),
      depthPct: fc.integer({ min: 0, max: 100 }),
      dwellMs: fc.integer({ min: 0, max: 3_600_000 }),
      videoPct: fc.integer({ min: 0, max: 100 }),
      npsScore: fc.integer({ min: 0, max: 10 }),
      lead: fc.record(
        {
          budgetFen: fc.integer({ min: 0, max: 5_000_000 }),
          insuredPerson: fc.constantFrom('', '本人', '孩子'),
          needs: fc.subarray(['critical_illness', 'medical', 'education']),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['type', 'occurredAtMs', 'contentTags'] },
  );

const history = (prefix: string, maxLength = 30) =>
  fc
    .array(eventBody(at(0), at(89, 23)), { maxLength })
    .map((bodies) => bodies.map((body, i): ScoringEvent => ({ id: `${prefix}${i}`, ...body })));

const context = fc.record({
  optedOut: fc.boolean(),
  engagedReferrals: fc.integer({ min: 0, max: 6 }),
  isWeChatFriend: fc.boolean(),
  policiesHeld: fc.integer({ min: 0, max: 4 }),
});
const activeContext: fc.Arbitrary<ContactContext> = context.map((c) => ({ ...c, optedOut: false }));

describe('score invariants (property tests)', () => {
  it('keeps trust and intent integers within 0..100 for any history and any now', () => {
    fc.assert(
      fc.property(history('e', 60), context, fc.integer({ min: at(-10), max: at(400) }), (events, ctx, now) => {
        const result = scoreContact(events, ctx, now);
        for (const value of [result.trust, result.intent]) {
          expect(Number.isInteger(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(100);
        }
      }),
      RUNS,
    );
  });

  it('never lowers a score when one more event is added, at the same now', () => {
    fc.assert(
      fc.property(history('e'), eventBody(at(0), NOW), activeContext, (events, extra, ctx) => {
        const before = scoreContact(events, ctx, NOW);
        const after = scoreContact([...events, { id: 'extra', ...extra }], ctx, NOW);
        expect(after.trust).toBeGreaterThanOrEqual(before.trust);
        expect(after.intent).toBeGreaterThanOrEqual(before.intent);
      }),
      RUNS,
    );
  });

  it('gives the same result whatever the order of the input and however often events are retried', () => {
    fc.assert(
      fc.property(
        history('e').chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }), fc.subarray(events)),
        ),
        context,
        ([events, shuffled, retried], ctx) => {
          expect(scoreContact([...shuffled, ...retried], ctx, NOW)).toEqual(scoreContact(events, ctx, NOW));
        },
      ),
      RUNS,
    );
  });

  it('moves a score by at most the daily cap, on the day a burst of events arrives', () => {
    fc.assert(
      fc.property(
        history('e'),
        fc.integer({ min: 0, max: 89 }),
        fc.array(eventBody(0, MS_PER_DAY - 1), { minLength: 1, maxLength: 300 }),
        activeContext,
        (events, day, burst, ctx) => {
          const extra = burst.map((body, i): ScoringEvent => ({ id: `burst${i}`, ...body, occurredAtMs: at(day, 0) + body.occurredAtMs }));
          const now = at(day, 23, 59);
          const before = scoreContact(events, ctx, now);
          const after = scoreContact([...events, ...extra], ctx, now);
          expect(after.trust - before.trust).toBeLessThanOrEqual(CONFIG.trust.dailyGainCap);
          expect(after.intent - before.intent).toBeLessThanOrEqual(CONFIG.intent.dailyGainCap);
        },
      ),
      RUNS,
    );
  });

  it('credits no calendar day with more than the daily cap of either dimension', () => {
    let creditedDays = 0;
    fc.assert(
      fc.property(history('e', 120), activeContext, (events, ctx) => {
        const credited = new Map<string, { points: number; parts: number }>();
        for (const c of scoreContact(events, ctx, NOW).contributions) {
          if (c.eventId === null) continue; // standing facts are not daily evidence
          const key = `${c.dimension}:${calendarDayOf(c.atMs, CONFIG.dayOffsetMs)}`;
          const day = credited.get(key) ?? { points: 0, parts: 0 };
          credited.set(key, { points: day.points + c.gainedPoints, parts: day.parts + 1 });
        }
        for (const [key, day] of credited) {
          const cap = key.startsWith('trust') ? CONFIG.trust.dailyGainCap : CONFIG.intent.dailyGainCap;
          expect(day.points).toBeLessThanOrEqual(cap + 0.05 * day.parts); // each part is rounded to 0.1
          creditedDays += 1;
        }
      }),
      RUNS,
    );
    // The cap check looped over real credited days, not only over empty histories.
    expect(creditedDays).toBeGreaterThan(0);
  });
});

/** Independent restatement of DOMAIN.md's stage list: can this event be the proof of `stage`? */
function canProve(stage: Stage, event: ScoringEvent): boolean {
  const needTagged = needCodesOf(event.contentTags).length > 0;
  const depth =
    event.type === 'read_complete' ? (event.depthPct ?? 100)
    : event.type === 'read_progress' ? (event.depthPct ?? 0)
    : event.type === 'video_progress' ? (event.videoPct ?? 0)
    : event.type === 'live_leave' ? Math.min(100, ((event.dwellMs ?? 0) / CONFIG.liveFullDwellMs) * 100)
    : null;
  const lead = event.lead ?? {};
  const leadHasDetail = (lead.budgetFen ?? 0) > 0 || (lead.insuredPerson ?? '') !== '' || (lead.needs ?? []).length > 0;
  switch (stage) {
    case 1:
      return true;
    case 2:
      return ['open', 'card_view', 'consult_tap', 'call', 'visit', 'lead_submit'].includes(event.type);
    case 3:
      return needTagged && depth !== null && depth > 50;
    case 4:
      return needTagged && ((depth !== null && depth >= 80) || event.type === 'consult_tap');
    case 5:
      return event.type === 'lead_submit' && leadHasDetail;
    case 6:
      return event.type === 'proposal_made';
    case 7:
      return event.type === 'proposal_delivered';
    case 8:
      return ['objection', 'policy_signed', 'closed_lost'].includes(event.type);
  }
}

describe('stage invariants (property tests)', () => {
  it('never goes below 1 and never enters a stage without that stage’s own evidence', () => {
    let entries = 0;
    fc.assert(
      fc.property(history('e', 40), activeContext, fc.integer({ min: at(0), max: at(400) }), (events, ctx, now) => {
        const result = scoreContact(events, ctx, now);
        expect(STAGES).toContain(result.stage);
        const byId = new Map(events.map((e) => [e.id, e]));
        let previous = 0;
        for (const entry of result.stageEvidence) {
          expect(entry.stage).toBeGreaterThanOrEqual(1);
          if (entry.stage < previous) {
            // A step back: one stage, on silence, never for a closed deal.
            expect(entry.eventId).toBeNull();
            expect(entry.stage).toBe(previous - 1);
          } else if (entry.eventId === null) {
            expect(entry.stage).toBe(1); // only the WeChat-friend fact proves a stage without an event
            expect(ctx.isWeChatFriend).toBe(true);
          } else {
            const event = byId.get(entry.eventId);
            expect(event).toBeDefined();
            expect(event && event.occurredAtMs <= now).toBe(true);
            if (entry.stage > previous) expect(event && canProve(entry.stage, event)).toBe(true);
          }
          previous = entry.stage;
          entries += 1;
        }
        expect(result.stage).toBe(result.stageEvidence.at(-1)?.stage ?? 1);
        if (result.outcome !== 'open') expect(result.stage).toBe(8);
      }),
      RUNS,
    );
    // The entry checks looped over real stage histories.
    expect(entries).toBeGreaterThan(0);
  });
});
