/**
 * Interest tags: a contact inherits the tags of the content they engaged with. Each item counts
 * once, at its deepest engagement (so progress reports on one article cannot dominate); weights
 * are shares of the contact's total engagement, so they compare across contacts.
 */
import type { TagCode, TagFamily } from '../contracts';
import { compareStrings } from './compare';
import type { ScoringConfig } from './config';
import { contentKeyOf, depthOf } from './content';
import type { InterestTag, ScoringEvent } from './types';

/** The top interest tags of a normalised history (see normaliseEvents), heaviest first. */
export function inferInterestTags(history: readonly ScoringEvent[], config: ScoringConfig): InterestTag[] {
  const cfg = config.interestTags;
  // item → strongest engagement with it, and its tags
  const items = new Map<string, { weight: number; tags: TagCode[] }>();
  const keep = (key: string, weight: number, tags: readonly TagCode[]) => {
    const usable = tags.filter((tag) => cfg.families.includes(tag.split(':')[0] as TagFamily));
    if (weight <= 0 || usable.length === 0) return;
    const prior = items.get(key);
    if (!prior) items.set(key, { weight, tags: [...new Set(usable)] });
    else {
      prior.weight = Math.max(prior.weight, weight);
      prior.tags = [...new Set([...prior.tags, ...usable])];
    }
  };

  for (const event of history) {
    const weight = engagementWeight(event, config);
    keep(contentKeyOf(event), weight, event.contentTags);
    if (event.type === 'lead_submit') {
      for (const need of event.lead?.needs ?? []) {
        // Stryker disable next-line StringLiteral: an empty key would put a lead's needs in one item of the same weight, each tag still counted once at it; only the prefix's clash with a content id matters, and a test pins that
        if (need.trim() !== '') keep(`lead-need:${need}`, cfg.leadNeedWeight, [`need:${need.trim()}`]);
      }
    }
  }

  const byTag = new Map<TagCode, number>();
  let total = 0;
  for (const { weight, tags } of items.values()) {
    for (const tag of tags) {
      byTag.set(tag, (byTag.get(tag) ?? 0) + weight);
      total += weight;
    }
  }
  return [...byTag.entries()]
    .map(([tag, weight]) => ({ tag, weight: Math.round((weight / total) * 1000) / 1000 }))
    .sort((a, b) => b.weight - a.weight || compareStrings(a.tag, b.tag))
    .slice(0, cfg.topN);
}

/** How strongly one touchpoint engages with its item; deeper engagement weighs more. */
export function engagementWeight(event: ScoringEvent, config: ScoringConfig): number {
  const cfg = config.interestTags;
  const depth = depthOf(event, config);
  if (depth !== null) return cfg.openWeight + (cfg.fullReadWeight * depth) / 100;
  switch (event.type) {
    case 'open':
      return cfg.openWeight;
    case 'live_join':
      return cfg.liveJoinWeight;
    case 'consult_tap':
      return cfg.consultWeight;
    case 'forward':
      return cfg.forwardWeight;
    default:
      return 0;
  }
}
