import type { Services } from '../../services';
import { chinaDayOf, DAY_MS } from '../../lib/china-day';

export interface Kyb134DailySummary {
  /** The deal model trained tonight, or null when outcomes were still too few (the stage prior stays). */
  dealModelVersion: string | null;
  dealModelActive: boolean;
  snapshotDay: string;
  agents: number;
  funnels: number;
  ms: number;
}

/**
 * The daily job's KYB134 step: retrain the deal index on the latest outcomes, then store the
 * snapshot of the day that just ended (the job runs in the early morning, China time).
 */
export async function runKyb134Daily(s: Services): Promise<Kyb134DailySummary> {
  const started = Date.now();
  const training = await s.dealIndex.train();
  const day = chinaDayOf(s.clock.nowMs() - DAY_MS);
  const snapshot = await s.snapshots.computeDay(day);
  return {
    dealModelVersion: training.modelVersion, dealModelActive: training.active, snapshotDay: day, agents: snapshot.agents, funnels: snapshot.funnels,
    ms: Date.now() - started,
  };
}
