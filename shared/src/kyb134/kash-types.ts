/** The vocabulary of the KASH indices (KYB134 "4"). */

export const KASH_DIMENSIONS = ['knowledge', 'attitude', 'skill', 'habit'] as const;
/** Knowledge 知识, Attitude 态度, Skill 技能, Habit 习惯. */
export type KashDimension = (typeof KASH_DIMENSIONS)[number];
export const KASH_NAMES_ZH: Record<KashDimension, string> = {
  knowledge: '知识',
  attitude: '态度',
  skill: '技能',
  habit: '习惯',
};

/** The four indices, each 0..100. */
export type KashScores = Record<KashDimension, number>;

/** One part of an index: how much of its target was reached, and the raw figures behind it. */
export interface KashComponent {
  key: string;
  /** Share of the target reached, 0..1. */
  value: number;
  /** Relative weight inside the index (weights of an index need not sum to 1). */
  weight: number;
  /** The counted figures, so a plan can say why (e.g. activeDays 3, windowDays 7). */
  detail: Record<string, number>;
}

export interface KashIndex {
  /** 0..100, one decimal. */
  score: number;
  components: KashComponent[];
}

/** 100 × the weighted mean of component values, one decimal; components with weight 0 drop out. */
export function combineComponents(components: KashComponent[]): KashIndex {
  const totalWeight = components.reduce((s, c) => s + c.weight, 0);
  const raw = totalWeight > 0 ? components.reduce((s, c) => s + c.weight * c.value, 0) / totalWeight : 0;
  return { score: Math.round(1000 * raw) / 10, components };
}
