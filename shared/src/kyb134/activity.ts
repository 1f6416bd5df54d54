/**
 * KYB134 "1": daily online activity (活动量) and the agent layering
 * 不触网 offline / 触网 online / 深度触网 deeply online.
 *
 * Method: a day is *active* when the agent did something online that day: shared at least
 * `activeDayMinShares` items, finished at least `activeDayMinTasksDone` follow-up tasks, or
 * opened the morning list. Over a window (7 or 30 days) an agent is
 *   - deeply online when active on at least `deeplyOnlineMinActiveShare` of the days AND
 *     sharing at least `deeplyOnlineMinSharesPerDay` items per window day on average AND
 *     producing at least `deeplyOnlineMinTouchpointsPerDay` customer touchpoints per day;
 *   - online when active on at least `onlineMinActiveShare` of the days;
 *   - offline otherwise.
 * Shares of the window are turned into whole days by rounding up (30 × 0.25 → 8 days).
 */
import { dayNumber, type DayString, type DayWindow, windowDays } from './day';
import { ratio } from './stats';

/** One agent's online work on one day. */
export interface AgentDayActivity {
  agentId: string;
  day: DayString;
  /** Content shares sent that day. */
  shares: number;
  /** Customer touchpoints (opens, reads, consults …) the agent's shares produced that day. */
  touchpointsProduced: number;
  tasksDone: number;
  /** Follow-up tasks that fell due that day. */
  tasksDue: number;
  /** Of the tasks due that day, those done by their due time. */
  tasksDoneOnTime: number;
  /** Whether the agent opened the morning follow-up list that day. */
  morningListOpened: boolean;
}

export type AgentLayer = 'offline' | 'online' | 'deeply_online';
export const AGENT_LAYER_NAMES_ZH: Record<AgentLayer, string> = {
  offline: '不触网',
  online: '触网',
  deeply_online: '深度触网',
};

export interface ActivityConfig {
  /** A day with at least this many shares is active. */
  activeDayMinShares: number;
  /** A day with at least this many tasks done is active. */
  activeDayMinTasksDone: number;
  /** Whether opening the morning list alone makes a day active. */
  morningListMakesActive: boolean;
  /** Online: share of window days that are active (0..1). */
  onlineMinActiveShare: number;
  /** Deeply online: share of window days that are active (0..1). */
  deeplyOnlineMinActiveShare: number;
  /** Deeply online: average shares per window day. */
  deeplyOnlineMinSharesPerDay: number;
  /** Deeply online: average customer touchpoints produced per window day. */
  deeplyOnlineMinTouchpointsPerDay: number;
}

export const DEFAULT_ACTIVITY_CONFIG: ActivityConfig = {
  activeDayMinShares: 1,
  activeDayMinTasksDone: 1,
  morningListMakesActive: true,
  onlineMinActiveShare: 0.25,
  deeplyOnlineMinActiveShare: 0.7,
  deeplyOnlineMinSharesPerDay: 2,
  deeplyOnlineMinTouchpointsPerDay: 5,
};

export interface ActivityTotals {
  shares: number;
  touchpointsProduced: number;
  tasksDone: number;
  tasksDue: number;
  tasksDoneOnTime: number;
  /** Days on which the morning list was opened. */
  morningListDays: number;
  /** Days with at least one share. */
  shareDays: number;
}

export interface ActivitySummary {
  agentId: string | null;
  window: DayWindow;
  /** One entry per window day, oldest first; a day with no record counts as all zeros. */
  daily: AgentDayActivity[];
  activeDays: number;
  /** Consecutive active days ending on the window's last day (0 if that day was inactive). */
  currentStreak: number;
  longestStreak: number;
  totals: ActivityTotals;
  layer: AgentLayer;
}

/** Whether the agent counts as online on that day. */
export function isActiveDay(day: AgentDayActivity, config: ActivityConfig = DEFAULT_ACTIVITY_CONFIG): boolean {
  return (
    day.shares >= config.activeDayMinShares ||
    day.tasksDone >= config.activeDayMinTasksDone ||
    (config.morningListMakesActive && day.morningListOpened)
  );
}

/** One record per window day for one agent's days (duplicates summed, missing days zero). */
export function fillWindow(days: readonly AgentDayActivity[], window: DayWindow): AgentDayActivity[] {
  const agentId = days[0]?.agentId ?? '';
  const byDay = new Map<number, AgentDayActivity>();
  for (const d of days) {
    const key = dayNumber(d.day);
    const seen = byDay.get(key);
    byDay.set(
      key,
      seen
        ? {
            ...seen,
            shares: seen.shares + d.shares,
            touchpointsProduced: seen.touchpointsProduced + d.touchpointsProduced,
            tasksDone: seen.tasksDone + d.tasksDone,
            tasksDue: seen.tasksDue + d.tasksDue,
            tasksDoneOnTime: seen.tasksDoneOnTime + d.tasksDoneOnTime,
            morningListOpened: seen.morningListOpened || d.morningListOpened,
          }
        : d,
    );
  }
  return windowDays(window).map(
    (day) =>
      byDay.get(dayNumber(day)) ?? {
        agentId,
        day,
        shares: 0,
        touchpointsProduced: 0,
        tasksDone: 0,
        tasksDue: 0,
        tasksDoneOnTime: 0,
        morningListOpened: false,
      },
  );
}

/** Longest run of `true` and the run that ends at the last element. */
export function streaks(flags: readonly boolean[]): { longest: number; current: number } {
  let longest = 0;
  let run = 0;
  for (const f of flags) {
    run = f ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return { longest, current: run };
}

/** Sums one agent's activity over a window, counts active days and streaks, and layers the agent. */
export function layerAgent(
  days: readonly AgentDayActivity[],
  window: DayWindow,
  config: ActivityConfig = DEFAULT_ACTIVITY_CONFIG,
): ActivitySummary {
  const daily = fillWindow(days, window);
  const active = daily.map((d) => isActiveDay(d, config));
  const { longest, current } = streaks(active);
  const activeDays = active.filter(Boolean).length;
  const totals: ActivityTotals = {
    shares: 0,
    touchpointsProduced: 0,
    tasksDone: 0,
    tasksDue: 0,
    tasksDoneOnTime: 0,
    morningListDays: 0,
    shareDays: 0,
  };
  for (const d of daily) {
    totals.shares += d.shares;
    totals.touchpointsProduced += d.touchpointsProduced;
    totals.tasksDone += d.tasksDone;
    totals.tasksDue += d.tasksDue;
    totals.tasksDoneOnTime += d.tasksDoneOnTime;
    if (d.morningListOpened) totals.morningListDays += 1;
    if (d.shares > 0) totals.shareDays += 1;
  }
  return {
    agentId: days[0]?.agentId ?? null,
    window,
    daily,
    activeDays,
    currentStreak: current,
    longestStreak: longest,
    totals,
    layer: chooseLayer(activeDays, totals, window.days, config),
  };
}

function chooseLayer(activeDays: number, totals: ActivityTotals, n: number, config: ActivityConfig): AgentLayer {
  const deep =
    activeDays >= daysNeeded(config.deeplyOnlineMinActiveShare, n) &&
    ratio(totals.shares, n) >= config.deeplyOnlineMinSharesPerDay &&
    ratio(totals.touchpointsProduced, n) >= config.deeplyOnlineMinTouchpointsPerDay;
  if (deep) return 'deeply_online';
  return activeDays >= daysNeeded(config.onlineMinActiveShare, n) && activeDays > 0 ? 'online' : 'offline';
}

/** Whole days needed for a share of an n-day window (the epsilon keeps 0.7 × 30 at 21, not 22). */
export function daysNeeded(share: number, n: number): number {
  return Math.ceil(share * n - 1e-9);
}
