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
    ['4: reading the same need item again on another day opens the insurance topic', () => [read('a1', 85, CRITICAL_ILLNESS, 0), read('a1', 95, CRITICAL_ILLNESS, 1)], 4, 'open'],
    ['3: two deep reads on the same day do not', () => [read('a1', 90, CRITICAL_ILLNESS, 0), read('a2', 80, CRITICAL_ILLNESS, 0)], 3, 'open'],
    ['3: deep reads in two different need families on two days', () => [read('a1', 90, CRITICAL_ILLNESS, 0), read('m1', 90, MEDICAL, 1)], 3, 'open'],
    ['4 开启保险话题: deep reads of two items of one need family on two days', () => [read('a1', 90, CRITICAL_ILLNESS, 0), read('a2', 80, CRITICAL_ILLNESS, 1)], 4, 'open'],
    ['3: a deep read and a shallow one in one family on two days', () => [read('a1', 90, CRITICAL_ILLNESS, 0), read('a2', 79, CRITICAL_ILLNESS, 1)], 3, 'open'],
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

describe('thresholds of the reading stages', () => {
  const read = (contentId: string, depthPct: number, day = 0) =>
    buildEvent('read_progress', { contentId, contentTags: MEDICAL, depthPct, occurredAtMs: at(day, 9) });
  it.each<[string, number, number, Stage]>([
    ['two reads at 79 % on two days are past half but not deep', 79, 79, 3],
    ['two reads at 80 % on two days are deep: the topic is open', 80, 80, 4],
    ['one read at 80 % and one at 79 % are one deep-read day', 80, 79, 3],
  ])('%s', (_name, first, second, stage) => {
    expect(stageOf([read('m1', first, 0), read('m2', second, 1)], at(3)).stage).toBe(stage);
  });

  it('counts deep-read days on the China calendar: 23:00 and 01:00 Beijing time are two days', () => {
    const late = buildEvent('read_complete', { contentId: 'm1', contentTags: MEDICAL, occurredAtMs: at(0, 23) });
    const early = buildEvent('read_complete', { contentId: 'm1', contentTags: MEDICAL, occurredAtMs: at(1, 1) });
    expect(stageOf([late, early]).stageEvidence.at(-1)).toEqual(
      expect.objectContaining({ stage: 4, eventId: early.id, reason: '在2天深度阅读医疗相关内容' }),
    );
  });

  it('reads the thresholds from the config', () => {
    const config = { ...CONFIG, stages: { ...CONFIG.stages, valuableReadAbovePct: 60, deepReadMinPct: 90, deepReadDaysForTopic: 3 } };
    const stage = (...depths: number[]) =>
      computeStage(normaliseEvents(depths.map((d, i) => read(`m${i}`, d, i)), at(5)), buildContext(), at(5), config).stage;
    expect(stage(60)).toBe(1);
    expect(stage(61)).toBe(3);
    expect(stage(89, 89, 89)).toBe(3);
    expect(stage(90, 90)).toBe(3);
    expect(stage(90, 90, 90)).toBe(4);
  });

  it('needs repeatOpenDays distinct days of opens for stage 2', () => {
    const config = { ...CONFIG, stages: { ...CONFIG.stages, repeatOpenDays: 3 } };
    const opens = (days: number) => [...Array(days).keys()].map((d) => buildEvent('open', { occurredAtMs: at(d, 9) }));
    expect(computeStage(normaliseEvents(opens(2), at(5)), buildContext(), at(5), config).stage).toBe(1);
    expect(computeStage(normaliseEvents(opens(3), at(5)), buildContext(), at(5), config).stage).toBe(2);
  });

  it('counts open days on the China calendar: 23:00 and 01:00 Beijing time are two days', () => {
    const late = buildEvent('open', { occurredAtMs: at(0, 23) });
    const early = buildEvent('open', { occurredAtMs: at(1, 1) });
    expect(stageOf([late, early]).stage).toBe(2);
  });
});

describe('the stage history records each step once, with its reason', () => {
  it('adds no entry for evidence of a stage already reached', () => {
    const events = [
      buildEvent('card_view', { occurredAtMs: at(0, 9) }),
      buildEvent('card_view', { occurredAtMs: at(0, 10) }),
      buildEvent('call', { occurredAtMs: at(0, 11) }),
      buildEvent('open', { occurredAtMs: at(0, 12) }),
    ];
    expect(stageOf(events).stageEvidence.map((e) => [e.stage, e.eventId])).toEqual([[2, events[0].id]]);
  });

  it('a repeated signature adds no second won entry', () => {
    const signed = buildEvent('policy_signed', { occurredAtMs: at(0, 9) });
    const again = buildEvent('policy_signed', { occurredAtMs: at(0, 10) });
    expect(stageOf([signed, again]).stageEvidence.map((e) => e.eventId)).toEqual([signed.id]);
  });

  it('a loss after a signature is an entry of its own, at stage 8', () => {
    const signed = buildEvent('policy_signed', { occurredAtMs: at(0, 9) });
    const lost = buildEvent('closed_lost', { occurredAtMs: at(0, 10) });
    expect(stageOf([signed, lost]).stageEvidence.map((e) => [e.stage, e.eventId, e.reason])).toEqual([
      [8, signed.id, '签单成交'],
      [8, lost.id, '未成交，结案'],
    ]);
  });

  it('explains each step of a journey in Chinese', () => {
    const journey = [
      buildEvent('open', { occurredAtMs: at(0, 9) }),
      buildEvent('open', { occurredAtMs: at(1, 9) }),
      buildEvent('read_progress', { contentId: 'a1', contentTags: ['need:medical', 'need:life'], depthPct: 66.6, occurredAtMs: at(1, 10) }),
      buildEvent('read_complete', { contentId: 'a2', contentTags: ['need:life'], occurredAtMs: at(1, 11) }),
      buildEvent('read_complete', { contentId: 'a2', contentTags: ['need:life'], occurredAtMs: at(2, 12) }),
      buildEvent('lead_submit', { lead: { budgetFen: 1, insuredPerson: ' 孩子 ', needs: [' ', 'life'] }, occurredAtMs: at(2, 13) }),
      buildEvent('proposal_made', { occurredAtMs: at(2, 14) }),
      buildEvent('proposal_delivered', { occurredAtMs: at(2, 15) }),
      buildEvent('objection', { occurredAtMs: at(2, 16) }),
    ];
    expect(stageOf(journey, at(3)).stageEvidence.map((e) => [e.stage, e.reason])).toEqual([
      [1, '打开了分享的内容'],
      [2, '在2个不同的日子主动打开内容'],
      [3, '医疗、寿险相关内容看过一半以上（67%）'],
      [4, '在2天深度阅读寿险相关内容'],
      [5, '留资并说明了预算、被保险人、需求类别'],
      [6, '营销员制作了建议书'],
      [7, '建议书已递送'],
      [8, '进入异议处理'],
    ]);
  });

  it.each<[string, () => ScoringEvent, Stage, string]>([
    ['a need consult names the needs', () => buildEvent('consult_tap', { contentTags: ['need:medical', 'audience:x', 'need:accident'] }), 4, '就医疗、意外主动咨询'],
    ['a plain consult', () => buildEvent('consult_tap'), 2, '主动点击咨询'],
    ['a card view', () => buildEvent('card_view'), 2, '查看了营销员名片'],
    ['a call', () => buildEvent('call'), 2, '电话沟通过'],
    ['a visit', () => buildEvent('visit'), 2, '见过面'],
    ['a lead with contact details only', () => buildEvent('lead_submit', { lead: { budgetFen: 0, insuredPerson: '  ', needs: ['', ' '] } }), 2, '留下了联系方式'],
    ['a lead without a form at all', () => buildEvent('lead_submit'), 2, '留下了联系方式'],
    ['a lead with only the insured person', () => buildEvent('lead_submit', { lead: { insuredPerson: '父母' } }), 5, '留资并说明了被保险人'],
    ['a read without a need', () => buildEvent('read_complete', { contentTags: ['audience:x'] }), 1, '浏览了内容'],
    ['a forward', () => buildEvent('forward'), 1, '转发了内容'],
    ['a live join', () => buildEvent('live_join'), 1, '有互动'],
    ['an NPS answer', () => buildEvent('nps_answer', { npsScore: 10 }), 1, '有互动'],
  ])('%s', (_name, build, stage, reason) => {
    expect(stageOf([build()]).stageEvidence).toEqual([expect.objectContaining({ stage, reason })]);
  });

  it('dates a silence step at the end of each full period, with its reason', () => {
    const lead = buildEvent('lead_submit', { occurredAtMs: at(0, 9), lead: { budgetFen: 300_000 } });
    const result = stageOf([lead], at(0, 9) + 65 * MS_PER_DAY);
    expect(result.stageEvidence).toEqual([
      expect.objectContaining({ stage: 5, eventId: lead.id }),
      { stage: 4, eventId: null, atMs: at(0, 9) + 30 * MS_PER_DAY, reason: '30天没有互动，退回一个阶段' },
      { stage: 3, eventId: null, atMs: at(0, 9) + 60 * MS_PER_DAY, reason: '30天没有互动，退回一个阶段' },
    ]);
  });

  it('steps back before counting the next touch, and never with a period of zero', () => {
    const lead = buildEvent('lead_submit', { occurredAtMs: at(0, 9), lead: { budgetFen: 300_000 } });
    const open = buildEvent('open', { occurredAtMs: at(31, 9) });
    expect(stageOf([lead, open], at(32)).stageEvidence.map((e) => [e.stage, e.eventId])).toEqual([[5, lead.id], [4, null]]);
    const never = { ...CONFIG, stages: { ...CONFIG.stages, silenceStepBackDays: 0 } };
    expect(computeStage([lead], buildContext(), at(400), never).stage).toBe(5);
  });

  it('adds no friendship entry once the oldest stage entries were let go, even where a stage-1 entry is now the oldest', () => {
    const keepTwo = { ...CONFIG, explanation: { ...CONFIG.explanation, stageEvidenceKept: 2 } };
    const card = buildEvent('card_view', { occurredAtMs: at(0, 9) });
    const back = buildEvent('open', { occurredAtMs: at(31, 9) });
    const again = buildEvent('card_view', { occurredAtMs: at(32, 9) });
    const kept = computeStage([card, back, again], buildContext({ isWeChatFriend: true }), at(33), keepTwo).stageEvidence;
    expect(kept.map((e) => [e.stage, e.eventId, e.reason])).toEqual([[1, null, '30天没有互动，退回一个阶段'], [2, again.id, expect.any(String)]]);
  });

  it('dates the WeChat friendship at the first touch', () => {
    const open = buildEvent('open', { occurredAtMs: at(1, 9) });
    expect(stageOf([open], at(2), buildContext({ isWeChatFriend: true })).stageEvidence).toEqual([
      { stage: 1, eventId: null, atMs: open.occurredAtMs, reason: '已是微信好友，可触达' },
    ]);
  });
});
