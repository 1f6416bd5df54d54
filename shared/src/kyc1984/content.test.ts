import type { TagCode } from '../contracts';
import { DEFAULT_SCORING_CONFIG as CONFIG } from './config';
import { contentKeyOf, depthOf, NEED_NAMES_ZH, needCodesOf, needNameZh } from './content';
import { buildEvent } from './test-factories';

describe('need codes among content tags', () => {
  it('takes only the need family: an audience, life-event or stage tag is not a need', () => {
    expect(needCodesOf(['audience:young_parents', 'life_event:newborn', 'stage:3', 'need:medical'])).toEqual(['medical']);
    // Operator data can hold malformed tags; the type cannot rule them out at run time.
    expect(needCodesOf(['audience:need', 'needs:life', 'xneed:life'] as TagCode[])).toEqual([]);
  });

  it('keeps tag order, drops repeats and an empty code', () => {
    expect(needCodesOf(['need:life', 'need:', 'need:medical', 'need:life'])).toEqual(['life', 'medical']);
  });

  it('names a seeded need in Chinese and shows an operator-added one as written', () => {
    expect(needNameZh('critical_illness')).toBe('重疾');
    expect(needNameZh('pet_insurance')).toBe('pet_insurance');
  });

  it('names every seeded need family in the domain guide’s words', () => {
    expect(NEED_NAMES_ZH).toStrictEqual({
      critical_illness: '重疾', medical: '医疗', accident: '意外', life: '寿险',
      annuity: '年金', education: '教育金', retirement: '养老', legacy: '财富传承',
    });
  });
});

describe('how much of an item a touchpoint consumed', () => {
  it.each([
    ['a read with its depth', buildEvent('read_progress', { depthPct: 62 }), 62],
    ['a read progress without a depth as nothing read', buildEvent('read_progress'), 0],
    ['a read complete without a depth as the end reached', buildEvent('read_complete'), 100],
    ['a read complete with its depth', buildEvent('read_complete', { depthPct: 85 }), 85],
    ['a video by its share watched', buildEvent('video_progress', { videoPct: 47, depthPct: 90 }), 47],
    ['a video without a share as nothing watched', buildEvent('video_progress'), 0],
    ['a live stream by dwell time: 15 of the 30 minutes is half', buildEvent('live_leave', { dwellMs: 15 * 60_000 }), 50],
    ['a live stream without a dwell time as nothing watched', buildEvent('live_leave'), 0],
    ['a depth over 100 as 100', buildEvent('read_progress', { depthPct: 140 }), 100],
    ['a negative depth as 0', buildEvent('read_progress', { depthPct: -20 }), 0],
    ['a depth that is not a number as 0', buildEvent('read_complete', { depthPct: NaN }), 0],
  ])('counts %s', (_name, event, expected) => {
    expect(depthOf(event, CONFIG)).toBe(expected);
  });

  it('a live stream counts as watched to the end at 30 minutes, not before', () => {
    expect(CONFIG.liveFullDwellMs).toBe(30 * 60 * 1000);
    expect(depthOf(buildEvent('live_leave', { dwellMs: 29 * 60_000 }), CONFIG)).toBeCloseTo(96.67, 2);
    expect(depthOf(buildEvent('live_leave', { dwellMs: 30 * 60_000 }), CONFIG)).toBe(100);
    expect(depthOf(buildEvent('live_leave', { dwellMs: 3 * 60 * 60_000 }), CONFIG)).toBe(100);
  });

  it('says nothing (null) for a touchpoint that does not consume content', () => {
    for (const type of ['open', 'live_join', 'forward', 'consult_tap'] as const) {
      expect(depthOf(buildEvent(type, { depthPct: 90, videoPct: 90, dwellMs: 60 * 60_000 }), CONFIG)).toBeNull();
    }
  });
});

describe('the item behind an event', () => {
  it('is the content id, or the event itself when there is none', () => {
    expect(contentKeyOf(buildEvent('open', { id: 'e1', contentId: 'article-7' }))).toBe('article-7');
    expect(contentKeyOf(buildEvent('open', { id: 'e1' }))).toBe('event:e1');
  });
});
