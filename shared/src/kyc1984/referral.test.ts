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
  ])('is %s', (_name, events, context, expected) => {
    const result = classifyReferral(normaliseEvents(events, at(30)), buildContext(context), CONFIG);
    expect(result).toEqual({ referralClass: expected, centreOfInfluence: expected === 'active_promoter' });
  });
});
