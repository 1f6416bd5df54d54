import type { ReferralClass } from '../contracts';
import { DEFAULT_SCORING_CONFIG as CONFIG } from './config';
import { normaliseEvents } from './normalise-events';
import { classifyReferral } from './referral';
import { at, buildContext, buildEvent } from './test-factories';
import type { ContactContext, ScoringEvent } from './types';

const nps = (npsScore: number, day = 0) => buildEvent('nps_answer', { npsScore, occurredAtMs: at(day) });

describe('referral scale (推荐指数)', () => {
  it.each<[string, ScoringEvent[], Partial<ContactContext>, ReferralClass]>([
    ['indifferent by default', [], {}, 'indifferent'],
    ['negative when opted out, even after an NPS of 10', [nps(10)], { optedOut: true }, 'negative'],
    ['negative for NPS 0', [nps(0)], {}, 'negative'],
    ['negative for NPS 6', [nps(6)], {}, 'negative'],
    ['passive promoter for NPS 7', [nps(7)], {}, 'passive_promoter'],
    ['passive promoter for NPS 8', [nps(8)], {}, 'passive_promoter'],
    ['active promoter for NPS 9', [nps(9)], {}, 'active_promoter'],
    ['active promoter for NPS 10', [nps(10)], {}, 'active_promoter'],
    ['passive promoter after one forward', [buildEvent('forward')], {}, 'passive_promoter'],
    ['passive promoter with one engaged referral', [], { engagedReferrals: 1 }, 'passive_promoter'],
    ['active promoter with two engaged referrals', [], { engagedReferrals: 2 }, 'active_promoter'],
    ['the latest NPS wins: 10 then 3 is negative', [nps(10, 0), nps(3, 5)], {}, 'negative'],
    ['the latest NPS wins: 3 then 10 is active', [nps(3, 0), nps(10, 5)], {}, 'active_promoter'],
    ['the stronger positive signal wins: NPS 8 with two engaged referrals', [nps(8)], { engagedReferrals: 2 }, 'active_promoter'],
    ['a detractor NPS outweighs forwards and referrals', [buildEvent('forward'), nps(5)], { engagedReferrals: 3 }, 'negative'],
    ['indifferent after reading: an open, a read or a consult is not a forward', [
      buildEvent('open'), buildEvent('read_complete'), buildEvent('consult_tap'), buildEvent('card_view'),
    ], {}, 'indifferent'],
    ['active promoter for NPS 9 with only one forward: the stronger signal wins either way', [buildEvent('forward'), nps(9)], {}, 'active_promoter'],
    ['indifferent when the NPS answer carries no score', [buildEvent('nps_answer')], {}, 'indifferent'],
    ['indifferent when the NPS score is not a number', [nps(NaN)], {}, 'indifferent'],
    ['passive promoter when a later NPS answer has no usable score: the last valid answer stands', [nps(8, 0), nps(NaN, 3)], {}, 'passive_promoter'],
    ['indifferent when a score comes on another touchpoint than an NPS answer', [buildEvent('open', { npsScore: 2 })], {}, 'indifferent'],
  ])('is %s', (_name, events, context, expected) => {
    const result = classifyReferral(normaliseEvents(events, at(30)), buildContext(context), CONFIG);
    expect(result).toEqual({ referralClass: expected, centreOfInfluence: expected === 'active_promoter' });
  });
});

describe('referral thresholds come from the config', () => {
  const classify = (events: ScoringEvent[], context: Partial<ContactContext>, referral: Partial<typeof CONFIG.referral>) =>
    classifyReferral(normaliseEvents(events, at(30)), buildContext(context), { ...CONFIG, referral: { ...CONFIG.referral, ...referral } })
      .referralClass;

  it('needs passiveForwardsMin forwards to make a passive promoter', () => {
    expect(classify([buildEvent('forward')], {}, { passiveForwardsMin: 2 })).toBe('indifferent');
    expect(classify([buildEvent('forward'), buildEvent('forward')], {}, { passiveForwardsMin: 2 })).toBe('passive_promoter');
  });

  it('needs activeEngagedReferralsMin engaged referrals to make an active promoter', () => {
    expect(classify([], { engagedReferrals: 2 }, { activeEngagedReferralsMin: 3 })).toBe('passive_promoter');
    expect(classify([], { engagedReferrals: 3 }, { activeEngagedReferralsMin: 3 })).toBe('active_promoter');
  });

  it('reads the NPS marks from the config', () => {
    expect(classify([nps(7)], {}, { passiveNpsMin: 8 })).toBe('negative');
    expect(classify([nps(9)], {}, { activeNpsMin: 10 })).toBe('passive_promoter');
  });
});
