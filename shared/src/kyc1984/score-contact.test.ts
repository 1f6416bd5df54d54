import { DEFAULT_SCORING_CONFIG, MS_PER_HOUR } from './config';
import { DEFAULT_FOLLOW_UP_RULES } from './default-rules.zh';
import { planFollowUp } from './plan-follow-up';
import { scoreContact } from './score-contact';
import { at, buildContext, buildEvent, CRITICAL_ILLNESS } from './test-factories';

describe('worked example: two opens on two days, a 90 % read, then a lead with a budget', () => {
  const article = { contentId: 'article-ci-1', contentTags: CRITICAL_ILLNESS };
  const firstOpen = buildEvent('open', { ...article, occurredAtMs: at(0, 20) });
  const secondOpen = buildEvent('open', { ...article, occurredAtMs: at(1, 21) });
  const read = buildEvent('read_progress', { ...article, depthPct: 90, occurredAtMs: at(1, 21, 6) });
  const lead = buildEvent('lead_submit', { ...article, occurredAtMs: at(1, 21, 9), lead: { budgetFen: 800_000 } });
  const nowMs = at(1, 21, 10);
  const context = buildContext();
  // Scored inside each test, so that mutation testing links the scorer's code to these tests.
  const scoreBefore = () => scoreContact([firstOpen, secondOpen, read], context, nowMs);
  const scoreAfter = () => scoreContact([firstOpen, secondOpen, read, lead], context, nowMs);

  it('sits at low/low, stage 3, after the read', () => {
    const before = scoreBefore();
    // trust: 8 (day 0 open) + 92 × (8 + 2)/100 = 17.2; intent: one deep read of a need = 10
    expect([before.trust, before.intent, before.cell, before.stage]).toEqual([17, 10, 'low-low', 3]);
  });

  it('ends at mid/mid, stage 5 唤醒需求, after the lead', () => {
    const after = scoreAfter();
    // trust: day 1 evidence 8 + 2 + 25 = 35 → 92 × 35 % = 32.2, capped at 30 → 38
    // intent: day 1 evidence 10 + 10 + 20 = 40 → 40 (exactly the cap) → 40
    expect([after.trust, after.intent, after.cell, after.stage, after.outcome]).toEqual([38, 40, 'mid-mid', 5, 'open']);
    expect(after.stageEvidence.map((e) => [e.stage, e.eventId])).toEqual([
      [1, firstOpen.id],
      [2, secondOpen.id],
      [3, read.id],
      [5, lead.id],
    ]);
    expect(after.interestTags).toEqual([
      { tag: 'audience:young_parents', weight: 0.5 },
      { tag: 'need:critical_illness', weight: 0.5 },
    ]);
    expect(after.lastTouchAtMs).toBe(lead.occurredAtMs);
  });

  it('plans one call within the hour with a message about the need', () => {
    const plan = planFollowUp(
      { event: lead, before: scoreBefore(), after: scoreAfter(), contentTitle: '40岁前要不要买重疾险', contactName: '王姐', agentName: '李明' },
      DEFAULT_FOLLOW_UP_RULES,
      nowMs,
    );
    expect(plan).toEqual({
      ruleId: 'lead-need-awakened',
      ruleName: '留资并说明需求：1小时内回电',
      action: '1小时内电话回访，确认需求、预算和被保险人',
      channel: 'call',
      message:
        '王姐您好，我是李明。收到您留的信息了，谢谢信任！关于重疾这块，我先按您说的情况理一下思路，不急着推荐产品。您今天什么时候方便，我打个电话跟您聊10分钟？',
      dueAtMs: nowMs + MS_PER_HOUR,
      priority: 1,
      triggerEventId: lead.id,
      transition: 'stage_up',
    });
  });
});

describe('opted-out contacts', () => {
  const history = [
    buildEvent('open', { contentTags: CRITICAL_ILLNESS, occurredAtMs: at(0, 9) }),
    buildEvent('lead_submit', { occurredAtMs: at(0, 10), lead: { budgetFen: 500_000 } }),
    buildEvent('nps_answer', { npsScore: 10, occurredAtMs: at(0, 11) }),
  ];

  it('are frozen at zero, negative on the referral scale, unprofiled, back in stage 1', () => {
    const result = scoreContact(history, buildContext({ optedOut: true, engagedReferrals: 3 }), at(1));
    expect(result).toMatchObject({
      trust: 0, intent: 0, cell: 'low-low', stage: 1, outcome: 'open', referralClass: 'negative',
      centreOfInfluence: false, optedOut: true, interestTags: [], contributions: [], lastTouchAtMs: at(0, 11),
    });
  });

  it('keep a closed deal: a signed policy is a fact, not a profile', () => {
    const signed = buildEvent('policy_signed', { occurredAtMs: at(0, 12) });
    expect(scoreContact([...history, signed], buildContext({ optedOut: true }), at(1))).toMatchObject({ stage: 8, outcome: 'won' });
  });

  it('get no follow-up', () => {
    const after = scoreContact(history, buildContext({ optedOut: true }), at(1));
    expect(planFollowUp({ event: history[1], before: null, after, contactName: '王姐', agentName: '李明' }, DEFAULT_FOLLOW_UP_RULES, at(1))).toBeNull();
  });
});

describe('an empty history', () => {
  it('scores zero, stage 1, indifferent, with no last touch', () => {
    expect(scoreContact([], buildContext(), at(0))).toMatchObject({
      trust: 0, intent: 0, cell: 'low-low', stage: 1, referralClass: 'indifferent', lastTouchAtMs: null,
    });
  });
});

describe('what an opted-out contact keeps', () => {
  it('one stage entry saying why profiling stopped, dated now', () => {
    const open = buildEvent('open', { occurredAtMs: at(0, 9) });
    expect(scoreContact([open], buildContext({ optedOut: true }), at(3)).stageEvidence).toEqual([
      { stage: 1, eventId: null, atMs: at(3), reason: '客户已退订，停止画像与跟进' },
    ]);
  });

  it('a lost deal stays stage 8, lost', () => {
    const lost = buildEvent('closed_lost', { occurredAtMs: at(0, 9) });
    const result = scoreContact([lost], buildContext({ optedOut: true }), at(3));
    expect(result).toMatchObject({ stage: 8, outcome: 'lost', trustBand: 'low', intentBand: 'low', optedOut: true });
    expect(result.stageEvidence).toEqual([{ stage: 8, eventId: null, atMs: at(3), reason: '客户已退订，停止画像与跟进' }]);
  });
});

describe('the explanation of a score', () => {
  it('lists contributions oldest first; at one instant by event, then trust before intent', () => {
    const consult = buildEvent('consult_tap', { id: 'b', contentTags: ['need:medical'], occurredAtMs: at(0, 9) });
    const card = buildEvent('card_view', { id: 'a', occurredAtMs: at(0, 9) });
    const call = buildEvent('call', { id: 'c', occurredAtMs: at(0, 8) });
    const result = scoreContact([consult, card, call], buildContext({ policiesHeld: 2 }), at(0, 12));
    expect(result.contributions.map((c) => [c.eventId, c.dimension, c.reason])).toEqual([
      ['c', 'trust', '电话沟通'],
      ['a', 'trust', '查看营销员名片'],
      ['b', 'intent', '就医疗主动咨询'],
      ['b', 'trust', '主动点击咨询'],
      [null, 'trust', '已持有2张保单'],
    ]);
    expect(result).toMatchObject({ optedOut: false, lastTouchAtMs: at(0, 9), trustBand: 'mid', intentBand: 'low', cell: 'mid-low' });
  });

  it('orders two contributions of one event and dimension by reason', () => {
    const lead = buildEvent('lead_submit', { id: 'l', occurredAtMs: at(0, 9), lead: { budgetFen: 100_000, needs: ['life'] } });
    const reasons = scoreContact([lead], buildContext(), at(0, 12)).contributions.filter((c) => c.dimension === 'intent').map((c) => c.reason);
    expect(reasons).toEqual([...reasons].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(reasons).toHaveLength(3);
  });

  it('uses the config passed in', () => {
    const config = { ...DEFAULT_SCORING_CONFIG, bands: { midFrom: 5, highFrom: 9 } };
    expect(scoreContact([buildEvent('open', { occurredAtMs: at(0, 9) })], buildContext(), at(0, 12), config)).toMatchObject({ trust: 8, trustBand: 'mid', cell: 'mid-low' });
  });
});

describe('the order of the explanation', () => {
  it('lists a standing fact before an event of the same instant, whatever the event’s id', () => {
    // The fact (a policy held) is dated now; so is the open, whose id sorts below most letters.
    const nowMs = at(3, 9);
    const open = buildEvent('open', { id: 'A-open', occurredAtMs: nowMs });
    const result = scoreContact([open], buildContext({ policiesHeld: 1 }), nowMs);
    const sameInstant = result.contributions.filter((c) => c.atMs === nowMs);
    expect(sameInstant.map((c) => c.eventId)).toEqual([null, ...sameInstant.slice(1).map(() => 'A-open')]);
    expect(sameInstant.length).toBeGreaterThan(1);
  });
});
