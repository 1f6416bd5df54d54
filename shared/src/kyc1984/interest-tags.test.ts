import { DEFAULT_SCORING_CONFIG as CONFIG } from './config';
import { inferInterestTags } from './interest-tags';
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
