import type { ContentMetric, ContentMetricsView } from '@kejing/shared';

/**
 * Content analytics as pure arithmetic over rows the service reads (one query per source):
 *
 * - shares: agent shares of the content; forwards: child shares made by customers forwarding.
 * - opens: 'open' touchpoints. A viewer is a WeChat person (not a contact: the same person
 *   reached by two agents is one viewer) with at least one consumption touchpoint (open, read
 *   progress, read complete, video progress, live join) on the content.
 * - depth of a viewer: the deepest read_progress depth or video_progress percentage; 100 for a
 *   read_complete; 0 when they only opened. Average and median are over viewers (median of an
 *   even count: the mean of the middle two). completion: viewers who sent read_complete or
 *   reached 100 %, over viewers. For a tag, a viewer counts once per item they read (depth and
 *   completion per item read), while uniqueViewers counts people.
 * - leads: lead forms submitted from a share of the content.
 * - stageMoves: forward stage moves the scorer proved with a touchpoint on the content
 *   (contact_stage_change.content_version_id), not counting a new contact entering at stage 1.
 * Figures with no viewers are null, not 0: nothing was measured.
 */
export interface ViewerRow {
  versionId: string;
  viewer: string;
  opens: number;
  depthPct: number | null;
  completed: boolean;
}

export interface VersionCounts {
  shares: number;
  forwards: number;
  leads: number;
  stageMoves: number;
}

export const EMPTY_COUNTS: VersionCounts = { shares: 0, forwards: 0, leads: 0, stageMoves: 0 };

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The median of numbers (mean of the middle two for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Metrics of a group of versions (one item's versions, or every version carrying a tag).
 * `itemOf` maps a version to its item, so a person reading v1 and v2 of an item counts once.
 */
export function metricsOf(
  versionIds: readonly string[],
  itemOf: (versionId: string) => string,
  viewersByVersion: Map<string, ViewerRow[]>,
  countsByVersion: Map<string, VersionCounts>,
): ContentMetricsView {
  const counts = { ...EMPTY_COUNTS };
  let opens = 0;
  const reads = new Map<string, { depth: number; completed: boolean }>();
  const people = new Set<string>();
  for (const versionId of versionIds) {
    const c = countsByVersion.get(versionId);
    if (c) for (const key of Object.keys(counts) as (keyof VersionCounts)[]) counts[key] += c[key];
    for (const row of viewersByVersion.get(versionId) ?? []) {
      opens += row.opens;
      people.add(row.viewer);
      const key = `${itemOf(versionId)}|${row.viewer}`;
      const depth = Math.min(100, Math.max(0, row.depthPct ?? 0));
      const seen = reads.get(key);
      reads.set(key, { depth: Math.max(seen?.depth ?? 0, depth), completed: (seen?.completed ?? false) || row.completed || depth >= 100 });
    }
  }
  const depths = [...reads.values()].map((r) => r.depth);
  const completed = [...reads.values()].filter((r) => r.completed).length;
  const med = median(depths);
  return {
    shares: counts.shares,
    forwards: counts.forwards,
    opens,
    uniqueViewers: people.size,
    avgDepthPct: depths.length === 0 ? null : round1(depths.reduce((a, b) => a + b, 0) / depths.length),
    medianDepthPct: med === null ? null : round1(med),
    completionPct: depths.length === 0 ? null : round1((100 * completed) / depths.length),
    leads: counts.leads,
    stageMoves: counts.stageMoves,
  };
}

/** Rank rows by a metric, highest first (null last); ties by unique viewers, then by key. */
export function rankBy<T extends { metrics: ContentMetricsView; key: string }>(rows: T[], metric: ContentMetric): (T & { rank: number })[] {
  const value = (row: T) => row.metrics[metric] ?? -1;
  return [...rows]
    .sort((a, b) => value(b) - value(a) || b.metrics.uniqueViewers - a.metrics.uniqueViewers || a.key.localeCompare(b.key))
    .map((row, i) => ({ ...row, rank: i + 1 }));
}
