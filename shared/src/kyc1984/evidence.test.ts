import type { TouchpointType } from '../contracts';
import { DEFAULT_SCORING_CONFIG as CONFIG } from './config';
import { evidenceOf, formatYuan } from './evidence';
import { buildEvent } from './test-factories';
import type { ScoringEvent } from './types';

const HALF = CONFIG.sameDayRepeatFactor;
const brief = (event: ScoringEvent) => evidenceOf(event, CONFIG).map((e) => [e.dimension, e.kindKey, e.points, e.repeatFactor, e.reason]);

describe('what one touchpoint proves, and why (the reason an agent reads)', () => {
  const medical: Partial<ScoringEvent> = { contentId: 'm1', contentTags: ['need:medical', 'audience:x', 'need:life'] };
  it.each<[string, TouchpointType, Partial<ScoringEvent>, unknown[][]]>([
    ['an open counts once a day', 'open', medical, [['trust', 'open', 8, 0, '主动打开内容（当天首次）']]],
    ['a deep need read', 'read_progress', { ...medical, depthPct: 80.4 }, [
      ['trust', 'consume:m1', 2, 0, '阅读至80%'],
      ['intent', 'consume:m1', 10, 0, '深度阅读医疗、寿险相关内容至80%'],
    ]],
    ['a need read to exactly the deep-read threshold is deep', 'read_progress', { ...medical, depthPct: CONFIG.stages.deepReadMinPct }, [
      ['trust', 'consume:m1', 2, 0, '阅读至80%'],
      ['intent', 'consume:m1', 10, 0, '深度阅读医疗、寿险相关内容至80%'],
    ]],
    ['a need read past half but not deep', 'read_complete', { ...medical, depthPct: 79.6 }, [
      ['trust', 'consume:m1', 2, 0, '阅读至80%'],
      ['intent', 'consume:m1', 5, 0, '阅读医疗、寿险相关内容至80%'],
    ]],
    ['a video', 'video_progress', { ...medical, videoPct: 55 }, [
      ['trust', 'consume:m1', 2, 0, '观看视频至55%'],
      ['intent', 'consume:m1', 5, 0, '观看视频医疗、寿险相关内容至55%'],
    ]],
    ['a live stream watched to the end', 'live_leave', { ...medical, dwellMs: 45 * 60_000 }, [
      ['trust', 'consume:m1', 2, 0, '观看直播至100%'],
      ['intent', 'consume:m1', 10, 0, '深度观看直播医疗、寿险相关内容至100%'],
    ]],
    ['a read without an item counts per event', 'read_complete', { id: 'r9' }, [['trust', 'consume:event:r9', 2, 0, '阅读至100%']]],
    ['a read of half an item proves nothing', 'read_progress', { ...medical, depthPct: 50 }, []],
    ['joining a need live stream', 'live_join', medical, [
      ['trust', 'live:m1', 3, 0, '进入直播间'],
      ['intent', 'live:m1', 3, 0, '进入医疗、寿险主题直播'],
    ]],
    ['joining a live stream without a need', 'live_join', { contentId: 'l1' }, [['trust', 'live:l1', 3, 0, '进入直播间']]],
    ['a card view repeats at half', 'card_view', {}, [['trust', 'card_view', 8, HALF, '查看营销员名片']]],
    ['a need consult', 'consult_tap', medical, [
      ['trust', 'consult', 10, HALF, '主动点击咨询'],
      ['intent', 'consult', 8, HALF, '就医疗、寿险主动咨询'],
    ]],
    ['a plain consult', 'consult_tap', {}, [
      ['trust', 'consult', 10, HALF, '主动点击咨询'],
      ['intent', 'consult', 4, HALF, '主动咨询'],
    ]],
    ['a forward', 'forward', medical, [['trust', 'forward', 6, HALF, '转发内容给朋友']]],
    ['an NPS of 9', 'nps_answer', { npsScore: 9 }, [['trust', 'nps', 8, 0, '推荐评分9分']]],
    ['an NPS of 8', 'nps_answer', { npsScore: 8 }, [['trust', 'nps', 4, 0, '推荐评分8分']]],
    ['an NPS of 6', 'nps_answer', { npsScore: 6 }, []],
    ['an NPS answer without a score', 'nps_answer', {}, []],
    ['a call', 'call', {}, [['trust', 'call', 8, HALF, '电话沟通']]],
    ['a visit', 'visit', {}, [['trust', 'visit', 15, HALF, '见面拜访']]],
    ['a proposal made', 'proposal_made', {}, [['intent', 'proposal_made', 5, HALF, '营销员判断需求明确，制作建议书']]],
    ['a proposal delivered', 'proposal_delivered', {}, [
      ['trust', 'proposal_delivered', 5, HALF, '客户愿意听取建议书'],
      ['intent', 'proposal_delivered', 10, HALF, '递送并讲解建议书'],
    ]],
    ['a signature', 'policy_signed', {}, [['trust', 'policy_signed', 20, HALF, '签单']]],
    ['an anniversary service', 'anniversary_service', {}, [['trust', 'anniversary_service', 8, HALF, '保单周年服务']]],
    ['an objection', 'objection', {}, []],
    ['a lost deal', 'closed_lost', {}, []],
    ['a bare lead form', 'lead_submit', {}, [
      ['trust', 'lead', 25, 0, '留资：留下真实联系方式并授权'],
      ['intent', 'lead', 10, 0, '留资'],
    ]],
    ['a full lead form', 'lead_submit', { lead: { budgetFen: 1_234_550, insuredPerson: ' 孩子 ', needs: ['medical', ' ', 'pets'] } }, [
      ['trust', 'lead', 25, 0, '留资：留下真实联系方式并授权'],
      ['intent', 'lead', 10, 0, '留资'],
      ['intent', 'lead:budget', 20, 0, '留资：给出预算12345.50元'],
      ['intent', 'lead:insured', 8, 0, '留资：说明被保险人（孩子）'],
      ['intent', 'lead:needs', 8, 0, '留资：关注医疗、pets'],
    ]],
    ['a lead form with blank details', 'lead_submit', { lead: { budgetFen: 0, insuredPerson: ' ', needs: [' '] } }, [
      ['trust', 'lead', 25, 0, '留资：留下真实联系方式并授权'],
      ['intent', 'lead', 10, 0, '留资'],
    ]],
  ])('%s', (_name, type, overrides, expected) => {
    expect(brief(buildEvent(type, overrides))).toEqual(expected);
  });

  it('an NPS answer without a score is no answer, even where every score would count', () => {
    const everyScore = { ...CONFIG, referral: { ...CONFIG.referral, passiveNpsMin: 0, activeNpsMin: 0 } };
    expect(evidenceOf(buildEvent('nps_answer'), everyScore)).toEqual([]);
    expect(evidenceOf(buildEvent('nps_answer', { npsScore: 0 }), everyScore).map((e) => e.reason)).toEqual(['推荐评分0分']);
  });

  it('gives no evidence worth zero points', () => {
    const config = { ...CONFIG, points: { ...CONFIG.points, openTrust: 0, cardViewTrust: -3 } };
    expect(evidenceOf(buildEvent('open'), config)).toEqual([]);
    expect(evidenceOf(buildEvent('card_view'), config)).toEqual([]);
  });
});

describe('fen as yuan', () => {
  it.each([
    [500_000, '5000元'],
    [1_234_550, '12345.50元'],
    [1, '0.01元'],
  ])('%d fen → %s', (fen, expected) => {
    expect(formatYuan(fen)).toBe(expected);
  });
});
