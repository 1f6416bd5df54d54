import type { TouchpointType } from '../contracts';
import { DEFAULT_SCORING_CONFIG as CONFIG, MS_PER_HOUR } from './config';
import { applyScoreEvent, bandOf, cellOf, dimensionScoreAt, emptyScoreState, readDimension, scoreDimension } from './scores';
import { scoreContact } from './score-contact';
import { at, buildContext, buildEvent, CRITICAL_ILLNESS, DAY0_MS } from './test-factories';
import type { ScoringEvent } from './types';

const score = (events: ScoringEvent[], nowMs = at(0, 23)) => scoreContact(events, buildContext(), nowMs);

describe('bands and cells', () => {
  it.each([
    [0, 'low'],
    [33, 'low'],
    [34, 'mid'],
    [66, 'mid'],
    [67, 'high'],
    [100, 'high'],
  ] as const)('bands %i as %s with the default cut points 34/67', (value, band) => {
    expect(bandOf(value, CONFIG)).toBe(band);
  });

  it.each([
    [10, 80, 'low-high'],
    [50, 50, 'mid-mid'],
    [70, 20, 'high-low'],
  ] as const)('puts trust %i and intent %i in cell %s, trust band first', (trust, intent, cell) => {
    expect(cellOf(trust, intent, CONFIG)).toBe(cell);
  });
});

describe('evidence of one touchpoint on a fresh contact', () => {
  const need = { contentId: 'a1', contentTags: CRITICAL_ILLNESS };
  it.each<[string, TouchpointType, Partial<ScoringEvent>, number, number]>([
    ['a voluntary open', 'open', need, 8, 0],
    ['a need-tagged read to 90 %', 'read_progress', { ...need, depthPct: 90 }, 2, 10],
    ['a need-tagged read to 60 %', 'read_progress', { ...need, depthPct: 60 }, 2, 5],
    ['a need-tagged read to exactly 50 % (not past half)', 'read_progress', { ...need, depthPct: 50 }, 0, 0],
    ['an untagged read to 90 %', 'read_progress', { contentId: 'x', depthPct: 90 }, 2, 0],
    ['a read_complete without depth', 'read_complete', need, 2, 10],
    ['a need-tagged video watched to 85 %', 'video_progress', { ...need, videoPct: 85 }, 2, 10],
    ['joining a need-tagged live stream', 'live_join', need, 3, 3],
    ['leaving a live stream after 30 minutes', 'live_leave', { ...need, dwellMs: 30 * 60_000 }, 2, 10],
    ['a card view', 'card_view', {}, 8, 0],
    ['a consult tap without a need', 'consult_tap', {}, 10, 4],
    ['a consult tap on need-tagged content', 'consult_tap', need, 10, 8],
    ['a forward', 'forward', need, 6, 0],
    ['a bare lead form', 'lead_submit', {}, 25, 10],
    ['a lead form with a budget', 'lead_submit', { lead: { budgetFen: 500_000 } }, 25, 30],
    ['a full lead form (10 + 20 + 8 + 8, capped at 40)', 'lead_submit', { lead: { budgetFen: 500_000, insuredPerson: '孩子', needs: ['education'] } }, 25, 40],
    ['an NPS of 9', 'nps_answer', { npsScore: 9 }, 8, 0],
    ['an NPS of 7', 'nps_answer', { npsScore: 7 }, 4, 0],
    ['an NPS of 3', 'nps_answer', { npsScore: 3 }, 0, 0],
    ['a call', 'call', {}, 8, 0],
    ['a visit', 'visit', {}, 15, 0],
    ['a proposal made', 'proposal_made', {}, 0, 5],
    ['a proposal delivered', 'proposal_delivered', {}, 5, 10],
    ['an objection', 'objection', {}, 0, 0],
    ['a signed policy', 'policy_signed', {}, 20, 0],
    ['a lost deal', 'closed_lost', {}, 0, 0],
    ['an anniversary service', 'anniversary_service', {}, 8, 0],
  ])('scores %s as trust %i, intent %i', (_name, type, overrides, trust, intent) => {
    const result = score([buildEvent(type, { occurredAtMs: at(0, 9), ...overrides })]);
    expect([result.trust, result.intent]).toEqual([trust, intent]);
  });
});

describe('repeat evidence and the daily cap', () => {
  it('counts opens once per China calendar day: five opens on one day are one', () => {
    const events = [0, 1, 2, 3, 4].map((i) => buildEvent('open', { occurredAtMs: at(0, 9 + i) }));
    expect(score(events).trust).toBe(8);
  });

  it('counts opens on distinct days with headroom: 8, then +92×8 %, then +84.64×8 % = 22', () => {
    const events = [0, 1, 2].map((day) => buildEvent('open', { occurredAtMs: at(day, 9) }));
    expect(score(events, at(2, 23)).trust).toBe(22);
  });

  it('draws the day boundary at midnight China time (UTC+8), not UTC', () => {
    // 23:30 and 00:30 China time fall on the same UTC day but on two China days.
    const late = buildEvent('open', { occurredAtMs: at(0, 23, 30) });
    const early = buildEvent('open', { occurredAtMs: at(1, 0, 30) });
    expect(Math.floor(late.occurredAtMs / (24 * MS_PER_HOUR))).toBe(Math.floor(early.occurredAtMs / (24 * MS_PER_HOUR)));
    expect(score([late, early], at(1, 12)).trust).toBe(15);
  });

  it('halves each same-day repeat of the same evidence: three card views = 8 + 4 + 2', () => {
    const events = [9, 10, 11].map((hour) => buildEvent('card_view', { occurredAtMs: at(0, hour) }));
    expect(score(events).trust).toBe(14);
  });

  it('counts progress reports on one item once a day, at the deepest', () => {
    const events = [20, 40, 60, 90].map((depthPct, i) =>
      buildEvent('read_progress', { contentId: 'a1', contentTags: CRITICAL_ILLNESS, depthPct, occurredAtMs: at(0, 9, i) }),
    );
    expect(score(events).intent).toBe(10);
  });

  it.each([
    ['trust', 30, () => Array.from({ length: 2000 }, (_, i) => buildEvent(i % 2 ? 'card_view' : 'consult_tap', { occurredAtMs: at(0, 9) + i }))],
    ['intent', 40, () => Array.from({ length: 2000 }, (_, i) => buildEvent('read_complete', { contentId: `fake-${i}`, contentTags: CRITICAL_ILLNESS, occurredAtMs: at(0, 9) + i }))],
  ] as const)('caps the %s gain of one day at %i points however many events arrive', (dimension, cap, build) => {
    expect(score(build())[dimension]).toBe(cap);
  });

  it('counts a duplicated event id once', () => {
    const consult = buildEvent('consult_tap', { occurredAtMs: at(0, 9) });
    expect(score([consult, { ...consult }, { ...consult }]).trust).toBe(10);
  });

  it('ignores events dated after now', () => {
    expect(score([buildEvent('visit', { occurredAtMs: at(5) })], at(1)).trust).toBe(0);
  });
});

describe('decay with silence', () => {
  it.each<[string, TouchpointType, number, number, number]>([
    ['keeps trust through the 14-day grace', 'policy_signed', 14, 20, 0],
    ['halves trust 90 days after the grace', 'policy_signed', 104, 10, 0],
    ['keeps intent through the 7-day grace', 'proposal_delivered', 7, 5, 10],
    ['halves intent 30 days after its grace while trust has barely moved', 'proposal_delivered', 37, 4, 5],
  ])('%s', (_name, type, nowDay, trust, intent) => {
    const result = score([buildEvent(type, { occurredAtMs: at(0, 9) })], at(nowDay, 12));
    expect([result.trust, result.intent]).toEqual([trust, intent]);
  });
});

describe('explanations', () => {
  it('explains each dimension by contributions that add up to the score', () => {
    const events = [
      buildEvent('open', { contentId: 'a1', contentTags: CRITICAL_ILLNESS, occurredAtMs: at(0, 9) }),
      buildEvent('read_progress', { contentId: 'a1', contentTags: CRITICAL_ILLNESS, depthPct: 95, occurredAtMs: at(0, 9, 5) }),
      buildEvent('card_view', { occurredAtMs: at(3, 9) }),
      buildEvent('lead_submit', { occurredAtMs: at(20, 9), lead: { budgetFen: 1_000_000 } }),
    ];
    const result = scoreContact(events, buildContext({ policiesHeld: 1, engagedReferrals: 1 }), at(60));
    for (const dimension of ['trust', 'intent'] as const) {
      const parts = result.contributions.filter((c) => c.dimension === dimension);
      expect(parts.length).toBeGreaterThan(0); // a dimension with no parts would add up to 0 trivially
      const sum = parts.reduce((total, c) => total + c.points, 0);
      expect(Math.abs(sum - result[dimension])).toBeLessThanOrEqual(0.05 * parts.length + 0.5);
    }
    expect(result.contributions.find((c) => c.reason === '留资：给出预算10000元')).toMatchObject({
      dimension: 'intent',
      touchpointType: 'lead_submit',
      eventId: events[3].id,
    });
  });

  it('credits standing facts (policies held, engaged referrals) to trust without an event', () => {
    const result = scoreContact([], buildContext({ policiesHeld: 2, engagedReferrals: 1 }), DAY0_MS);
    expect(result.trust).toBe(26);
    expect(result.contributions.map((c) => [c.touchpointType, c.eventId, c.points])).toEqual([
      ['policy_signed', null, 20],
      ['forward', null, 6],
    ]);
  });
});

describe('standing trust from facts', () => {
  const standing = (context: Parameters<typeof buildContext>[0], config = CONFIG) =>
    scoreContact([], buildContext(context), DAY0_MS, config);

  it.each([
    ['three policies count, a fourth adds nothing', { policiesHeld: 4 }, 30, [['policy_signed', 30, '已持有3张保单']]],
    ['a fraction of a policy is floored', { policiesHeld: 1.9 }, 10, [['policy_signed', 10, '已持有1张保单']]],
    ['a negative count is none', { policiesHeld: -2 }, 0, []],
    ['five referrals count, a sixth adds nothing', { engagedReferrals: 6 }, 30, [['forward', 30, '转介绍5位新客户并产生互动']]],
  ] as const)('%s', (_name, context, trust, parts) => {
    const result = standing(context);
    expect(result.trust).toBe(trust);
    expect(result.contributions.map((c) => [c.touchpointType, c.points, c.reason])).toEqual(parts);
  });

  it('takes standing points as a share of the headroom left, the whole of it at 100 raw points', () => {
    const config = { ...CONFIG, standing: { ...CONFIG.standing, perPolicyHeld: 60 } };
    // 2 policies × 60 = 120 raw → min(1, 1.2) × 100 headroom = 100
    expect(standing({ policiesHeld: 2 }, config).trust).toBe(100);
    const events = [buildEvent('visit', { occurredAtMs: at(0, 9) })];
    // visit 15, then standing 10 raw on 85 headroom: 8.5 → 23.5 → 24 (rounds half up)
    const result = scoreContact(events, buildContext({ policiesHeld: 1 }), at(0, 12));
    expect(result.trust).toBe(24);
    expect(result.contributions.map((c) => [c.eventId, c.points, c.gainedPoints, c.atMs])).toEqual([
      [events[0].id, 15, 15, at(0, 9)],
      [null, 8.5, 8.5, at(0, 12)],
    ]);
  });
});

describe('decay details', () => {
  it('decays past contributions to now and keeps what they gained on their day', () => {
    const visit = buildEvent('visit', { occurredAtMs: at(0, 9) });
    // 15 trust; 14 grace days, then 90 more days halve it: 7.5
    const result = scoreContact([visit], buildContext(), at(104, 12));
    expect(result.contributions).toEqual([
      { dimension: 'trust', touchpointType: 'visit', eventId: visit.id, points: 7.5, gainedPoints: 15, atMs: visit.occurredAtMs, reason: '见面拜访' },
    ]);
    expect(result.trust).toBe(8);
  });

  it('decays between active days too, then gains on the lower score', () => {
    // day 0: visit 15; 104 days later 7.5 left; then a visit again: 7.5 + 92.5 × 15 % = 21.375
    const events = [buildEvent('visit', { occurredAtMs: at(0, 9) }), buildEvent('visit', { occurredAtMs: at(104, 9) })];
    expect(scoreContact(events, buildContext(), at(104, 12)).trust).toBe(21);
  });

  it('reads the grace and half-life of each dimension from the config', () => {
    const config = { ...CONFIG, trust: { ...CONFIG.trust, decay: { graceDays: 0, halfLifeDays: 1 } } };
    expect(scoreContact([buildEvent('visit', { occurredAtMs: at(0, 9) })], buildContext(), at(2, 9), config).trust).toBe(4);
  });

  it('caps a day at the dimension’s own cap from the config', () => {
    const config = { ...CONFIG, trust: { ...CONFIG.trust, dailyGainCap: 12 } };
    expect(scoreContact([buildEvent('visit', { occurredAtMs: at(0, 9) })], buildContext(), at(0, 12), config).trust).toBe(12);
  });

  it('splits a capped day among its evidence in proportion', () => {
    // visit 15 + consult 10 + card 8 = 33 raw, capped at 30: 13.6 + 9.1 + 7.3
    const events = [
      buildEvent('visit', { occurredAtMs: at(0, 9) }),
      buildEvent('consult_tap', { occurredAtMs: at(0, 10) }),
      buildEvent('card_view', { occurredAtMs: at(0, 11) }),
    ];
    const trust = scoreContact(events, buildContext(), at(0, 12)).contributions.filter((c) => c.dimension === 'trust');
    expect(trust.map((c) => c.gainedPoints)).toEqual([13.6, 9.1, 7.3]);
  });
});

describe('what a day keeps of its evidence, and in what order', () => {
  const trustOf = (events: ScoringEvent[], nowMs = at(0, 23), config = CONFIG) => scoreDimension(events, buildContext(), 'trust', nowMs, config);

  it('lists a day’s contributions oldest first, whatever kind came first', () => {
    // Ids against time order, so a sort by id would show too.
    const card = buildEvent('card_view', { id: 'z-card', occurredAtMs: at(0, 9) });
    const open = buildEvent('open', { id: 'y-open', occurredAtMs: at(0, 10) });
    const again = buildEvent('card_view', { id: 'x-card', occurredAtMs: at(0, 11) });
    expect(trustOf([card, open, again]).contributions.map((c) => c.eventId)).toEqual(['z-card', 'y-open', 'x-card']);
  });

  it('of two equal same-kind touches on a day counts the earlier in full and the later at the repeat factor', () => {
    const first = buildEvent('card_view', { id: 'b-first', occurredAtMs: at(0, 9) });
    const second = buildEvent('card_view', { id: 'a-second', occurredAtMs: at(0, 15) });
    const gained = trustOf([second, first]).contributions.map((c) => [c.eventId, c.gainedPoints]);
    expect(gained).toEqual([['b-first', 8], ['a-second', 4]]);
  });

  it('adds no contribution for a repeat worth nothing (a second read of the same item on a day)', () => {
    const read = (id: string, hour: number) => buildEvent('read_complete', { id, contentId: 'a1', contentTags: CRITICAL_ILLNESS, occurredAtMs: at(0, hour) });
    expect(trustOf([read('r1', 9), read('r2', 10)]).contributions.map((c) => c.eventId)).toEqual(['r1']);
  });

  it('keeps the newest contributions of both dimensions together: with room for one, a later trust point outlives an earlier intent one', () => {
    const keepOne = { ...CONFIG, explanation: { ...CONFIG.explanation, contributionsKept: 1 } };
    const consult = buildEvent('consult_tap', { id: 'c1', contentTags: CRITICAL_ILLNESS, occurredAtMs: at(0, 10) });
    const card = buildEvent('card_view', { id: 'c2', occurredAtMs: at(0, 11) });
    const nextDay = buildEvent('open', { id: 'c3', occurredAtMs: at(1, 9) });
    const history = [consult, card, nextDay];
    const intent = scoreDimension(history, buildContext(), 'intent', at(1, 23), keepOne);
    expect(intent.contributions).toEqual([]);
    expect(trustOf(history, at(1, 23), keepOne).contributions.map((c) => c.eventId)).toEqual(['c2', 'c3']);
  });
});

describe('a dimension’s score without its explanation (what rechecks compare)', () => {
  it('counts standing trust (policies held) in trust, and not in intent', () => {
    const state = emptyScoreState();
    applyScoreEvent(state, buildEvent('consult_tap', { contentTags: CRITICAL_ILLNESS, occurredAtMs: at(0, 10) }), CONFIG);
    const holder = buildContext({ policiesHeld: 2 });
    const nowMs = at(0, 23);
    expect(dimensionScoreAt(state, holder, 'trust', nowMs, CONFIG)).toBe(readDimension(state, holder, 'trust', nowMs, CONFIG).score);
    expect(dimensionScoreAt(state, holder, 'trust', nowMs, CONFIG)).toBeGreaterThan(dimensionScoreAt(state, buildContext(), 'trust', nowMs, CONFIG));
    expect(dimensionScoreAt(state, holder, 'intent', nowMs, CONFIG)).toBe(readDimension(state, buildContext(), 'intent', nowMs, CONFIG).score);
  });
});
