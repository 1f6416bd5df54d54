import type { DealOutcome, Stage } from '../contracts';
import { DEFAULT_SCORING_CONFIG as CONFIG, MS_PER_DAY } from './config';
import { computeStage } from './stages';
import { normaliseEvents } from './normalise-events';
import { at, buildContext, buildEvent, CRITICAL_ILLNESS } from './test-factories';
import type { ContactContext, ScoringEvent } from './types';

const MEDICAL = ['need:medical' as const];
const stageOf = (events: ScoringEvent[], nowMs = at(2), context: ContactContext = buildContext()) =>
  computeStage(normaliseEvents(events, nowMs), context, nowMs, CONFIG);

describe('stage transitions (DOMAIN.md, one row per kind of evidence)', () => {
  const read = (contentId: string, depthPct: number, tags = CRITICAL_ILLNESS, day = 0) =>
    buildEvent('read_progress', { contentId, contentTags: tags, depthPct, occurredAtMs: at(day, 9, depthPct % 60) });
  it.each<[string, () => ScoringEvent[], Stage, DealOutcome]>([
    ['1 有效名单: one open', () => [buildEvent('open')], 1, 'open'],
    ['1: two opens on the same day are not repeat days', () => [buildEvent('open', { occurredAtMs: at(0, 8) }), buildEvent('open', { occurredAtMs: at(0, 22) })], 1, 'open'],
    ['2 约访名单: opens on two days', () => [buildEvent('open', { occurredAtMs: at(0, 8) }), buildEvent('open', { occurredAtMs: at(1, 8) })], 2, 'open'],
    ['2: a card view', () => [buildEvent('card_view')], 2, 'open'],
    ['2: a consult without a need', () => [buildEvent('consult_tap')], 2, 'open'],
    ['2: an agent-logged call', () => [buildEvent('call')], 2, 'open'],
    ['2: an agent-logged visit', () => [buildEvent('visit')], 2, 'open'],
    ['2: a lead form with contact details only', () => [buildEvent('lead_submit', { lead: {} })], 2, 'open'],
    ['1: a need-tagged read at exactly 50 % is not past half', () => [read('a1', 50)], 1, 'open'],
    ['3 有价值名单: a need-tagged read at 51 %', () => [read('a1', 51)], 3, 'open'],
    ['1: an untagged read at 90 % is not insurance talk', () => [read('x', 90, [])], 1, 'open'],
    ['3: a need-tagged video past half', () => [buildEvent('video_progress', { contentTags: CRITICAL_ILLNESS, videoPct: 60 })], 3, 'open'],
    ['3: 20 minutes of a need-tagged live stream', () => [buildEvent('live_leave', { contentTags: CRITICAL_ILLNESS, dwellMs: 20 * 60_000 })], 3, 'open'],
    ['3: one deep read is not yet a topic', () => [read('a1', 90)], 3, 'open'],
    ['3: two deep reads of the same item count as one', () => [read('a1', 85, CRITICAL_ILLNESS, 0), read('a1', 95, CRITICAL_ILLNESS, 1)], 3, 'open'],
    ['3: deep reads in two different need families', () => [read('a1', 90), read('m1', 90, MEDICAL)], 3, 'open'],
    ['4 开启保险话题: two deep reads in one need family', () => [read('a1', 90), read('a2', 80)], 4, 'open'],
    ['4: a consult about a need', () => [buildEvent('consult_tap', { contentTags: MEDICAL })], 4, 'open'],
    ['5 唤醒需求: a lead with a budget', () => [buildEvent('lead_submit', { lead: { budgetFen: 300_000 } })], 5, 'open'],
    ['5: a lead naming the insured person', () => [buildEvent('lead_submit', { lead: { insuredPerson: '孩子' } })], 5, 'open'],
    ['5: a lead naming a need category', () => [buildEvent('lead_submit', { lead: { needs: ['medical'] } })], 5, 'open'],
    ['6 制作建议书: proposal made', () => [buildEvent('proposal_made')], 6, 'open'],
    ['7 递送建议书: proposal delivered', () => [buildEvent('proposal_delivered')], 7, 'open'],
    ['8 异议处理与成交: an objection keeps the deal open', () => [buildEvent('objection')], 8, 'open'],
    ['8: policy signed is won', () => [buildEvent('policy_signed')], 8, 'won'],
    ['8: closed lost is lost', () => [buildEvent('closed_lost')], 8, 'lost'],
  ])('%s', (_name, build, stage, outcome) => {
    const result = stageOf(build());
    expect([result.stage, result.outcome]).toEqual([stage, outcome]);
  });
});

describe('jumps, history and outcomes', () => {
  it('lets evidence jump stages: a signature logged on a stage-1 contact is stage 8, won', () => {
    const open = buildEvent('open', { occurredAtMs: at(0, 9) });
    const signed = buildEvent('policy_signed', { occurredAtMs: at(0, 15) });
    expect(stageOf([open, signed]).stageEvidence).toEqual([
      { stage: 1, eventId: open.id, atMs: open.occurredAtMs, reason: '打开了分享的内容' },
      { stage: 8, eventId: signed.id, atMs: signed.occurredAtMs, reason: '签单成交' },
    ]);
  });

  it('never moves down on weaker evidence', () => {
    const events = [buildEvent('proposal_made', { occurredAtMs: at(0, 9) }), buildEvent('open', { occurredAtMs: at(0, 10) })];
    expect(stageOf(events).stage).toBe(6);
  });

  it.each<[string, () => ScoringEvent[], DealOutcome]>([
    ['signed after lost is won', () => [buildEvent('closed_lost', { occurredAtMs: at(0, 9) }), buildEvent('policy_signed', { occurredAtMs: at(0, 10) })], 'won'],
    ['lost after signed is lost', () => [buildEvent('policy_signed', { occurredAtMs: at(0, 9) }), buildEvent('closed_lost', { occurredAtMs: at(0, 10) })], 'lost'],
    ['an objection after a signature keeps it won', () => [buildEvent('policy_signed', { occurredAtMs: at(0, 9) }), buildEvent('objection', { occurredAtMs: at(0, 10) })], 'won'],
  ])('takes the latest close: %s', (_name, build, outcome) => {
    expect(stageOf(build()).outcome).toBe(outcome);
  });

  it('puts a WeChat friend with no touchpoints in stage 1, proven by the friendship', () => {
    expect(stageOf([], at(0), buildContext({ isWeChatFriend: true })).stageEvidence).toEqual([
      { stage: 1, eventId: null, atMs: at(0), reason: '已是微信好友，可触达' },
    ]);
  });

  it('reports stage 1 with no history for a contact with no evidence at all', () => {
    expect(stageOf([], at(0))).toEqual({ stage: 1, outcome: 'open', stageEvidence: [] });
  });
});

describe('stepping back on silence', () => {
  const lead = () => buildEvent('lead_submit', { occurredAtMs: at(0, 9), lead: { budgetFen: 300_000 } });
  it.each<[string, () => ScoringEvent[], number, Stage]>([
    ['stays at 5 after 29 silent days', () => [lead()], 29, 5],
    ['steps 5 → 4 after 30 silent days', () => [lead()], 30, 4],
    ['steps 5 → 3 after 60 silent days', () => [lead()], 60, 3],
    ['never goes below 1', () => [lead()], 400, 1],
    ['does not step back a won deal', () => [buildEvent('policy_signed', { occurredAtMs: at(0, 9) })], 400, 8],
    ['does not step back a lost deal', () => [buildEvent('closed_lost', { occurredAtMs: at(0, 9) })], 400, 8],
    ['steps back an open objection 8 → 7', () => [buildEvent('objection', { occurredAtMs: at(0, 9) })], 31, 7],
    ['counts silence from the last touch of any kind', () => [lead(), buildEvent('call', { occurredAtMs: at(25, 9) })], 54, 5],
  ])('%s', (_name, build, days, stage) => {
    expect(stageOf(build(), at(0, 9) + days * MS_PER_DAY).stage).toBe(stage);
  });

  it('needs fresh evidence to climb again after stepping back', () => {
    const first = lead();
    const open = buildEvent('open', { occurredAtMs: at(40, 9) });
    const result = stageOf([first, open], at(41));
    expect(result.stage).toBe(4);
    expect(result.stageEvidence.map((e) => [e.stage, e.eventId])).toEqual([
      [5, first.id],
      [4, null],
    ]);
  });
});
