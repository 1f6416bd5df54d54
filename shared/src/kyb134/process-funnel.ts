/**
 * Process indicators (过程指标体系): the eight stages as a manager's funnel, for any group of
 * contacts (an agent's, a team's, a branch's, the company's).
 *
 * As of a moment `asOfMs`, over contacts that existed by then:
 *   stageCounts[s]      contacts whose stage at asOfMs is s
 *   reached[s]          contacts whose furthest stage by asOfMs is s or beyond
 *   conversionPct[s]    100 × reached[s+1] / reached[s]   (s = 1..7; null when reached[s] = 0)
 *   medianDaysInStage[s] median length in days of finished stays in s (entry to the next entry,
 *                        forward or back); stays still going are not counted
 *   won, lost           outcomes as recorded now (the history does not date them)
 *   closeRatePct        100 × won / (won + lost)
 * A snapshot is plain JSON, stored daily per group; diffFunnelSnapshots gives the change since
 * last week (or any earlier snapshot).
 */
import { type Stage, STAGES } from '../contracts';
import { DAY_MS, type DayString } from './day';
import { type ContactStageHistory, entriesUpTo } from './stage-history';
import { median } from './stats';

/** A stage that has a next stage. */
export type FromStage = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const FROM_STAGES: readonly FromStage[] = [1, 2, 3, 4, 5, 6, 7];

/** One group's funnel on one day; stored as is for trends. */
export interface FunnelSnapshot {
  /** Agent, team, branch or company id. */
  groupId: string;
  day: DayString;
  asOfMs: number;
  contacts: number;
  stageCounts: Record<Stage, number>;
  reached: Record<Stage, number>;
  conversionPct: Record<FromStage, number | null>;
  /** Days, one decimal. */
  medianDaysInStage: Record<Stage, number | null>;
  won: number;
  lost: number;
  closeRatePct: number | null;
}

const byStage = <T>(f: (s: Stage) => T): Record<Stage, T> =>
  Object.fromEntries(STAGES.map((s) => [s, f(s)])) as Record<Stage, T>;
const byFromStage = <T>(f: (s: FromStage) => T): Record<FromStage, T> =>
  Object.fromEntries(FROM_STAGES.map((s) => [s, f(s)])) as Record<FromStage, T>;
const oneDecimal = (x: number | null): number | null => (x === null ? null : Math.round(10 * x) / 10);

/** The funnel of a group of contacts as of `asOfMs`. */
export function buildFunnelSnapshot(
  histories: readonly ContactStageHistory[],
  at: { groupId: string; day: DayString; asOfMs: number },
): FunnelSnapshot {
  const stageCounts = byStage(() => 0);
  const furthest = byStage(() => 0);
  const stays = byStage<number[]>(() => []);
  let contacts = 0;
  let won = 0;
  let lost = 0;
  for (const h of histories) {
    const entries = entriesUpTo(h, at.asOfMs);
    if (entries.length === 0) continue;
    contacts += 1;
    stageCounts[entries[entries.length - 1].stage] += 1;
    let max = entries[0].stage;
    for (let i = 0; i < entries.length; i += 1) {
      // Stryker disable next-line EqualityOperator: replacing max by an equal stage changes nothing
      if (entries[i].stage > max) max = entries[i].stage;
      if (i + 1 < entries.length) stays[entries[i].stage].push((entries[i + 1].atMs - entries[i].atMs) / DAY_MS);
    }
    furthest[max] += 1;
    if (h.outcome === 'won') won += 1;
    if (h.outcome === 'lost') lost += 1;
  }
  const reached = byStage(() => 0);
  let running = 0;
  for (const s of [...STAGES].reverse()) {
    running += furthest[s];
    reached[s] = running;
  }
  return {
    groupId: at.groupId,
    day: at.day,
    asOfMs: at.asOfMs,
    contacts,
    stageCounts,
    reached,
    conversionPct: byFromStage((s) => (reached[s] > 0 ? oneDecimal((100 * reached[(s + 1) as Stage]) / reached[s]) : null)),
    medianDaysInStage: byStage((s) => oneDecimal(median(stays[s]))),
    won,
    lost,
    closeRatePct: won + lost > 0 ? oneDecimal((100 * won) / (won + lost)) : null,
  };
}

/** How a group's funnel changed between two snapshots (current minus previous). */
export interface FunnelChange {
  groupId: string;
  fromDay: DayString;
  toDay: DayString;
  contacts: number;
  stageCounts: Record<Stage, number>;
  /** Percentage points; null when either side had no figure. */
  conversionPct: Record<FromStage, number | null>;
  medianDaysInStage: Record<Stage, number | null>;
  won: number;
  lost: number;
  closeRatePct: number | null;
}

const delta = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : oneDecimal(a - b));

/** The change from `previous` (e.g. last week's snapshot) to `current`. */
export function diffFunnelSnapshots(current: FunnelSnapshot, previous: FunnelSnapshot): FunnelChange {
  return {
    groupId: current.groupId,
    fromDay: previous.day,
    toDay: current.day,
    contacts: current.contacts - previous.contacts,
    stageCounts: byStage((s) => current.stageCounts[s] - previous.stageCounts[s]),
    conversionPct: byFromStage((s) => delta(current.conversionPct[s], previous.conversionPct[s])),
    medianDaysInStage: byStage((s) => delta(current.medianDaysInStage[s], previous.medianDaysInStage[s])),
    won: current.won - previous.won,
    lost: current.lost - previous.lost,
    closeRatePct: delta(current.closeRatePct, previous.closeRatePct),
  };
}
