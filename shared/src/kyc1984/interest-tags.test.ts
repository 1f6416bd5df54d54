import { DEFAULT_SCORING_CONFIG as CONFIG } from './config';
import { engagementWeight, inferInterestTags } from './interest-tags';
import { normaliseEvents } from './normalise-events';
import { at, buildEvent } from './test-factories';
import type { ScoringEvent } from './types';

const tagsOf = (events: ScoringEvent[], config = CONFIG) => inferInterestTags(normaliseEvents(events, at(10)), config);

describe('interest tags', () => {
  it('weighs deeper engagement more: a full read (1 + 3) against an open (1) is 0.8 to 0.2', () => {
    expect(
      tagsOf([
        buildEvent('read_complete', { contentId: 'm1', contentTags: ['need:medical'], depthPct: 100 }),
        buildEvent('open', { contentId: 'x1', contentTags: ['need:accident'] }),
      ]),
    ).toEqual([
      { tag: 'need:medical', weight: 0.8 },
      { tag: 'need:accident', weight: 0.2 },
    ]);
  });

  it('counts one item once, at its deepest engagement, however many progress reports arrive', () => {
    const reports = [10, 30, 50, 70, 100].map((depthPct) =>
      buildEvent('read_progress', { contentId: 'm1', contentTags: ['need:medical'], depthPct }),
    );
    const other = buildEvent('read_complete', { contentId: 'e1', contentTags: ['need:education'] });
    expect(tagsOf([...reports, other])).toEqual([
      { tag: 'need:education', weight: 0.5 },
      { tag: 'need:medical', weight: 0.5 },
    ]);
  });

  it('ignores stage tags: they describe the content, not the person', () => {
    expect(tagsOf([buildEvent('open', { contentTags: ['stage:3', 'audience:business_owner'] })])).toEqual([
      { tag: 'audience:business_owner', weight: 1 },
    ]);
  });

  it('inherits the needs named in a lead form', () => {
    expect(tagsOf([buildEvent('lead_submit', { lead: { needs: ['annuity'] } })])).toEqual([{ tag: 'need:annuity', weight: 1 }]);
  });

  it('keeps the top N tags, heaviest first, ties by tag', () => {
    const events = ['a', 'b', 'c'].map((code) => buildEvent('open', { contentId: code, contentTags: [`life_event:${code}`] }));
    expect(tagsOf(events, { ...CONFIG, interestTags: { ...CONFIG.interestTags, topN: 2 } })).toEqual([
      { tag: 'life_event:a', weight: 0.333 },
      { tag: 'life_event:b', weight: 0.333 },
    ]);
  });

  it('has no interests without engaged content', () => {
    expect(tagsOf([buildEvent('call'), buildEvent('visit')])).toEqual([]);
  });
});

describe('how strongly a touchpoint engages with its item', () => {
  it.each<[string, ScoringEvent, number]>([
    ['an open', buildEvent('open'), 1],
    ['a read to 40 %: the open plus 40 % of a full read', buildEvent('read_progress', { depthPct: 40 }), 1 + 1.2],
    ['a video to 100 %', buildEvent('video_progress', { videoPct: 100 }), 4],
    ['a live stream left after 15 minutes', buildEvent('live_leave', { dwellMs: 15 * 60_000 }), 2.5],
    ['joining a live stream', buildEvent('live_join'), 2],
    ['a consult tap', buildEvent('consult_tap'), 4],
    ['a forward', buildEvent('forward'), 3],
    ['a call (no content)', buildEvent('call'), 0],
    ['a card view', buildEvent('card_view'), 0],
  ])('%s', (_name, event, expected) => {
    expect(engagementWeight(event, CONFIG)).toBeCloseTo(expected, 10);
  });
});

describe('interest weights are shares of the engagement with each item', () => {
  it('gives each kind of engagement its own weight: consult 4, forward 3, live 2, open 1 (of 10)', () => {
    expect(
      tagsOf([
        buildEvent('consult_tap', { contentId: 'c', contentTags: ['need:medical'] }),
        buildEvent('forward', { contentId: 'f', contentTags: ['need:life'] }),
        buildEvent('live_join', { contentId: 'l', contentTags: ['need:annuity'] }),
        buildEvent('open', { contentId: 'o', contentTags: ['need:accident'] }),
      ]),
    ).toEqual([
      { tag: 'need:medical', weight: 0.4 },
      { tag: 'need:life', weight: 0.3 },
      { tag: 'need:annuity', weight: 0.2 },
      { tag: 'need:accident', weight: 0.1 },
    ]);
  });

  it('an engagement worth nothing (a call about tagged content) adds no interest', () => {
    expect(tagsOf([buildEvent('call', { contentId: 'c', contentTags: ['need:medical'] }), buildEvent('open', { contentId: 'o', contentTags: ['need:life'] })])).toEqual([
      { tag: 'need:life', weight: 1 },
    ]);
  });

  it('an item counts at its strongest engagement and with every tag it was seen with', () => {
    // Item m: open (1), then consult (4) after a retag; item x: forward (3). Total 4 + 4 + 3.
    expect(
      tagsOf([
        buildEvent('open', { contentId: 'm', contentTags: ['need:medical'], occurredAtMs: at(1) }),
        buildEvent('consult_tap', { contentId: 'm', contentTags: ['need:medical', 'audience:retirees'], occurredAtMs: at(2) }),
        buildEvent('open', { contentId: 'm', contentTags: ['need:medical'], occurredAtMs: at(3) }),
        buildEvent('forward', { contentId: 'x', contentTags: ['need:life'], occurredAtMs: at(4) }),
      ]),
    ).toEqual([
      { tag: 'audience:retirees', weight: 0.364 },
      { tag: 'need:medical', weight: 0.364 },
      { tag: 'need:life', weight: 0.273 },
    ]);
  });

  it('a repeated tag on one item counts once', () => {
    expect(tagsOf([buildEvent('open', { contentId: 'm', contentTags: ['need:medical', 'need:medical', 'need:life'] })])).toEqual([
      { tag: 'need:life', weight: 0.5 },
      { tag: 'need:medical', weight: 0.5 },
    ]);
  });

  it('lead-form needs weigh 5 each, trimmed; blank ones are skipped', () => {
    expect(
      tagsOf([
        buildEvent('lead_submit', { lead: { needs: [' education ', '  ', 'life'] } }),
        buildEvent('open', { contentId: 'o', contentTags: ['need:accident'] }),
      ]),
    ).toEqual([
      { tag: 'need:education', weight: 0.455 },
      { tag: 'need:life', weight: 0.455 },
      { tag: 'need:accident', weight: 0.091 },
    ]);
  });

  it('a lead-form need is an item of its own, even beside content whose id is that need\'s name', () => {
    // Content "life" opened (1, accident) and a lead naming the need "life" (5): two items, not one.
    expect(
      tagsOf([
        buildEvent('open', { contentId: 'life', contentTags: ['need:accident'], occurredAtMs: at(1) }),
        buildEvent('lead_submit', { lead: { needs: ['life'] }, occurredAtMs: at(2) }),
      ]),
    ).toEqual([
      { tag: 'need:life', weight: 0.833 },
      { tag: 'need:accident', weight: 0.167 },
    ]);
  });

  it('only a lead form names needs: lead details carried by another touchpoint add none', () => {
    expect(tagsOf([buildEvent('open', { contentId: 'o', contentTags: ['need:accident'], lead: { needs: ['annuity'] } })])).toEqual([
      { tag: 'need:accident', weight: 1 },
    ]);
  });

  it('an item engaged with at no weight adds no tag, not even one weighing 0', () => {
    const config = { ...CONFIG, interestTags: { ...CONFIG.interestTags, forwardWeight: 0 } };
    expect(
      tagsOf([buildEvent('forward', { contentId: 'f', contentTags: ['need:medical'] }), buildEvent('open', { contentId: 'o', contentTags: ['need:life'] })], config),
    ).toEqual([{ tag: 'need:life', weight: 1 }]);
    expect(tagsOf([buildEvent('forward', { contentId: 'f', contentTags: ['need:medical'] })], config)).toEqual([]);
  });

  it('an engagement while the item carried no interest tag does not count toward it', () => {
    // Item m: consulted (4) while tagged only by stage, later opened (1) with a need tag; item o: opened (1).
    expect(
      tagsOf([
        buildEvent('consult_tap', { contentId: 'm', contentTags: ['stage:3'], occurredAtMs: at(1) }),
        buildEvent('open', { contentId: 'm', contentTags: ['need:medical'], occurredAtMs: at(2) }),
        buildEvent('open', { contentId: 'o', contentTags: ['need:life'], occurredAtMs: at(3) }),
      ]),
    ).toEqual([
      { tag: 'need:life', weight: 0.5 },
      { tag: 'need:medical', weight: 0.5 },
    ]);
  });

  it('reads the tag families from the config', () => {
    const config = { ...CONFIG, interestTags: { ...CONFIG.interestTags, families: ['audience' as const] } };
    expect(tagsOf([buildEvent('open', { contentId: 'o', contentTags: ['need:accident', 'audience:retirees'] })], config)).toEqual([
      { tag: 'audience:retirees', weight: 1 },
    ]);
  });
});
