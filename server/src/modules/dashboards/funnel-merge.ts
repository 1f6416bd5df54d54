/**
 * Funnels of big groups (a branch, the company) without holding every contact's history at
 * once: agent funnels from shared's buildFunnelSnapshot are added up, and the stays per stage
 * are collected beside them for the medians. Counting follows buildFunnelSnapshot exactly
 * (funnel-merge.test.ts checks the merge against it).
 */
import { type ContactStageHistory, DAY_MS, entriesUpTo, type FunnelSnapshot, type Stage, STAGES } from '@kejing/shared';

export type StaysByStage = Record<Stage, number[]>;

export const emptyStays = (): StaysByStage => Object.fromEntries(STAGES.map((s) => [s, []])) as unknown as StaysByStage;

/** Adds one contact's finished stays (days in a stage before the next entry) as of asOfMs. */
export function collectStays(history: ContactStageHistory, asOfMs: number, into: StaysByStage): void {
  const entries = entriesUpTo(history, asOfMs);
  for (let i = 0; i + 1 < entries.length; i += 1) {
    const entry = entries[i] as (typeof entries)[number];
    into[entry.stage].push(((entries[i + 1] as (typeof entries)[number]).atMs - entry.atMs) / DAY_MS);
  }
}

const oneDecimal = (x: number | null) => (x === null ? null : Math.round(10 * x) / 10);

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A group's funnel from its members' funnels (same day) and the group's collected stays. */
export function mergeFunnelSnapshots(
  parts: readonly FunnelSnapshot[],
  stays: StaysByStage,
  at: { groupId: string; day: string; asOfMs: number },
): FunnelSnapshot {
  const byStage = <T>(f: (s: Stage) => T) => Object.fromEntries(STAGES.map((s) => [s, f(s)])) as Record<Stage, T>;
  const sum = (pick: (p: FunnelSnapshot) => number) => parts.reduce((n, p) => n + pick(p), 0);
  const stageCounts = byStage((s) => sum((p) => p.stageCounts[s]));
  const reached = byStage((s) => sum((p) => p.reached[s]));
  const won = sum((p) => p.won);
  const lost = sum((p) => p.lost);
  const conversionPct = Object.fromEntries(
    STAGES.slice(0, 7).map((s) => [s, reached[s] > 0 ? oneDecimal((100 * reached[(s + 1) as Stage]) / reached[s]) : null]),
  ) as FunnelSnapshot['conversionPct'];
  return {
    groupId: at.groupId,
    day: at.day,
    asOfMs: at.asOfMs,
    contacts: sum((p) => p.contacts),
    stageCounts,
    reached,
    conversionPct,
    medianDaysInStage: byStage((s) => oneDecimal(medianOf(stays[s]))),
    won,
    lost,
    closeRatePct: won + lost > 0 ? oneDecimal((100 * won) / (won + lost)) : null,
  };
}
