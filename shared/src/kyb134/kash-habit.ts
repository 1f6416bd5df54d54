/**
 * Habit (习惯): regularity, read from the activity window.
 *   morning    = days the morning list was opened / window days
 *   shareDays  = days with at least one share / window days
 *   regularity = 1 − min(1, CV / `regularityCvAtZero`), CV = std / mean of daily shares
 *                (0 when nothing was shared): steady daily sharing scores 1, one burst 0
 *   Habit = 100 × (0.5 morning + 0.25 shareDays + 0.25 regularity)   (weights in config)
 */
import type { ActivitySummary } from './activity';
import { combineComponents, type KashIndex } from './kash-types';
import { mean, populationStd, ratio } from './stats';

export interface HabitConfig {
  regularityCvAtZero: number;
  weights: { morning: number; shareDays: number; regularity: number };
}

export const DEFAULT_HABIT_CONFIG: HabitConfig = {
  regularityCvAtZero: 2,
  weights: { morning: 0.5, shareDays: 0.25, regularity: 0.25 },
};

/** The Habit index from an activity summary (see layerAgent). */
export function scoreHabit(activity: ActivitySummary, config: HabitConfig = DEFAULT_HABIT_CONFIG): KashIndex {
  const windowDays = activity.window.days;
  const shares = activity.daily.map((d) => d.shares);
  const m = mean(shares);
  const cv = m > 0 ? populationStd(shares) / m : null;
  return combineComponents([
    {
      key: 'morning',
      value: ratio(activity.totals.morningListDays, windowDays),
      weight: config.weights.morning,
      detail: { morningListDays: activity.totals.morningListDays, windowDays },
    },
    {
      key: 'shareDays',
      value: ratio(activity.totals.shareDays, windowDays),
      weight: config.weights.shareDays,
      detail: { shareDays: activity.totals.shareDays, windowDays },
    },
    {
      key: 'regularity',
      value: cv === null ? 0 : 1 - Math.min(1, cv / config.regularityCvAtZero),
      weight: config.weights.regularity,
      detail: { sharesCv: cv === null ? -1 : Math.round(cv * 100) / 100 },
    },
  ]);
}
