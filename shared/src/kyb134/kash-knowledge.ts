/**
 * Knowledge (知识): breadth and depth of the content an agent studies and shares across the
 * need families (重疾, 医疗, 意外, 寿险, 年金, 教育金, 养老, 财富传承 …).
 *
 * An item counts as *studied* when the agent read it to at least `studiedDepthPct`.
 *   breadth  = min(1, need families with a studied item / `breadthTargetFamilies`)
 *   depth    = mean over those families of min(1, studied items in it / `itemsPerFamilyTarget`)
 *   sharing  = min(1, need families the agent shared items of / `breadthTargetFamilies`)
 *   Knowledge = 100 × (0.4 breadth + 0.3 depth + 0.3 sharing)   (weights in config)
 */
import { NEED_CODES, type TagCode } from '../contracts';
import { combineComponents, type KashIndex } from './kash-types';

/** One content item as the agent met it in the window. */
export interface ContentStudyRecord {
  itemId: string;
  tags: TagCode[];
  /** The agent's own deepest read of the item, 0..100 (0 if never opened). */
  studiedDepthPct: number;
  /** Times the agent shared it in the window. */
  shares: number;
}

export interface KnowledgeConfig {
  studiedDepthPct: number;
  breadthTargetFamilies: number;
  itemsPerFamilyTarget: number;
  weights: { breadth: number; depth: number; sharing: number };
}

export const DEFAULT_KNOWLEDGE_CONFIG: KnowledgeConfig = {
  studiedDepthPct: 60,
  breadthTargetFamilies: 5,
  itemsPerFamilyTarget: 3,
  weights: { breadth: 0.4, depth: 0.3, sharing: 0.3 },
};

/** Per need family: items studied and shares sent. */
export type KnowledgeProfile = Record<string, { studiedItems: number; shares: number }>;

/** The need codes of an item's tags ("need:medical" → "medical"). */
export function needFamiliesOf(tags: readonly TagCode[]): string[] {
  return [...new Set(tags.filter((t) => t.startsWith('need:')).map((t) => t.slice('need:'.length)))];
}

/** Items studied and shares per need family; every seeded family appears, with zeros. */
export function profileKnowledge(
  records: readonly ContentStudyRecord[],
  config: KnowledgeConfig = DEFAULT_KNOWLEDGE_CONFIG,
): KnowledgeProfile {
  const profile: KnowledgeProfile = {};
  for (const need of NEED_CODES) profile[need] = { studiedItems: 0, shares: 0 };
  for (const r of records) {
    for (const need of needFamiliesOf(r.tags)) {
      const entry = (profile[need] ??= { studiedItems: 0, shares: 0 });
      if (r.studiedDepthPct >= config.studiedDepthPct) entry.studiedItems += 1;
      entry.shares += r.shares;
    }
  }
  return profile;
}

/** The Knowledge index from the content the agent studied and shared in the window. */
export function scoreKnowledge(
  records: readonly ContentStudyRecord[],
  config: KnowledgeConfig = DEFAULT_KNOWLEDGE_CONFIG,
): KashIndex {
  const families = Object.values(profileKnowledge(records, config));
  const studied = families.filter((f) => f.studiedItems > 0);
  const shared = families.filter((f) => f.shares > 0).length;
  const depth =
    studied.length === 0
      ? 0
      : studied.reduce((s, f) => s + Math.min(1, f.studiedItems / config.itemsPerFamilyTarget), 0) / studied.length;
  return combineComponents([
    {
      key: 'breadth',
      value: Math.min(1, studied.length / config.breadthTargetFamilies),
      weight: config.weights.breadth,
      detail: { familiesStudied: studied.length, target: config.breadthTargetFamilies },
    },
    {
      key: 'depth',
      value: depth,
      weight: config.weights.depth,
      detail: { itemsStudied: studied.reduce((s, f) => s + f.studiedItems, 0), perFamilyTarget: config.itemsPerFamilyTarget },
    },
    {
      key: 'sharing',
      value: Math.min(1, shared / config.breadthTargetFamilies),
      weight: config.weights.sharing,
      detail: { familiesShared: shared, target: config.breadthTargetFamilies },
    },
  ]);
}
