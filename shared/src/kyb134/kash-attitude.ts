/**
 * Attitude (态度): consistency, read from the activity window.
 *   active  = active days / window days
 *   streak  = min(1, longest run of active days / `streakTargetDays`)
 *   onTime  = tasks done on time / tasks due   (left out, weights renormalised, when none were due)
 *   Attitude = 100 × (0.4 active + 0.2 streak + 0.4 onTime)   (weights in config)
 */
import type { ActivitySummary } from './activity';
import { combineComponents, type KashIndex } from './kash-types';
import { ratio } from './stats';

export interface AttitudeConfig {
  streakTargetDays: number;
  weights: { active: number; streak: number; onTime: number };
}

export const DEFAULT_ATTITUDE_CONFIG: AttitudeConfig = {
  streakTargetDays: 5,
  weights: { active: 0.4, streak: 0.2, onTime: 0.4 },
};

/** The Attitude index from an activity summary (see layerAgent). */
export function scoreAttitude(activity: ActivitySummary, config: AttitudeConfig = DEFAULT_ATTITUDE_CONFIG): KashIndex {
  const { totals } = activity;
  const windowDays = activity.window.days;
  return combineComponents([
    {
      key: 'active',
      value: ratio(activity.activeDays, windowDays),
      weight: config.weights.active,
      detail: { activeDays: activity.activeDays, windowDays },
    },
    {
      key: 'streak',
      value: Math.min(1, activity.longestStreak / config.streakTargetDays),
      weight: config.weights.streak,
      detail: { longestStreak: activity.longestStreak, target: config.streakTargetDays },
    },
    {
      key: 'onTime',
      value: Math.min(1, ratio(totals.tasksDoneOnTime, totals.tasksDue)),
      weight: totals.tasksDue > 0 ? config.weights.onTime : 0,
      detail: { tasksDoneOnTime: totals.tasksDoneOnTime, tasksDue: totals.tasksDue },
    },
  ]);
}
