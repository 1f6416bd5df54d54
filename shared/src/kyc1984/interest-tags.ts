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

/** One engaged item: its strongest engagement and its usable tags. */
export type InterestItem = { key: string; weight: number; tags: TagCode[] };

/**
 * The interest part of a contact's state (see contact-state.ts): each engaged item once, in the
 * order first engaged (the sums are taken in that order, so folding and replaying agree to the bit).
 * It grows with the distinct items a contact engaged with, not with the touchpoints.
 */
export type InterestState = { items: InterestItem[] };

/** The interest state before the first event. */
export function emptyInterestState(): InterestState {
  return { items: [] };
}

/** Folds events (in order) into the interest state, in place. */
export function applyInterestEvents(state: InterestState, events: readonly ScoringEvent[], config: ScoringConfig): void {
  const cfg = config.interestTags;
  const index = new Map(state.items.map((item) => [item.key, item]));
  const keep = (key: string, weight: number, tags: readonly TagCode[]) => {
    const usable = tags.filter((tag) => cfg.families.includes(tag.split(':')[0] as TagFamily));
    if (weight <= 0 || usable.length === 0) return;
    const prior = index.get(key);
    if (!prior) {
      const item = { key, weight, tags: [...new Set(usable)] };
      index.set(key, item);
      state.items.push(item);
    } else {
      prior.weight = Math.max(prior.weight, weight);
      prior.tags = [...new Set([...prior.tags, ...usable])];
    }
  };
  for (const event of events) {
    keep(contentKeyOf(event), engagementWeight(event, config), event.contentTags);
    if (event.type === 'lead_submit') {
      for (const need of event.lead?.needs ?? []) {
        // Stryker disable next-line StringLiteral: an empty key would put a lead's needs in one item of the same weight, each tag still counted once at it; only the prefix's clash with a content id matters, and a test pins that
        if (need.trim() !== '') keep(`lead-need:${need}`, cfg.leadNeedWeight, [`need:${need.trim()}`]);
      }
    }
  }
}

/** The top interest tags of the folded state, heaviest first. */
export function readInterestTags(state: InterestState, config: ScoringConfig): InterestTag[] {
  const byTag = new Map<TagCode, number>();
  let total = 0;
  for (const { weight, tags } of state.items) {
    for (const tag of tags) {
      byTag.set(tag, (byTag.get(tag) ?? 0) + weight);
      total += weight;
    }
  }
  return [...byTag.entries()]
    .map(([tag, weight]) => ({ tag, weight: Math.round((weight / total) * 1000) / 1000 }))
    .sort((a, b) => b.weight - a.weight || compareStrings(a.tag, b.tag))
    .slice(0, config.interestTags.topN);
}

/** The top interest tags of a normalised history (see normaliseEvents), heaviest first. */
export function inferInterestTags(history: readonly ScoringEvent[], config: ScoringConfig): InterestTag[] {
  const state = emptyInterestState();
  applyInterestEvents(state, history, config);
  return readInterestTags(state, config);
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
