import type { Services } from '../services';
import type { ScoringWorker } from '../modules/scoring/scoring-worker';
import { chinaDayOf, chinaDayStartMs, endOfChinaDay } from '../lib/china-day';
import { JobCursor } from './job-cursor.entity';
import { type Kyb134DailySummary, runKyb134Daily } from '../modules/dashboards/kyb134-daily';
import type { RetentionSummary } from '../modules/privacy/privacy.service';

const BATCH = 200;

export interface DailyJobSummary {
  contactsRescored: number;
  stageStepBacks: number;
  agentsWithTasksToday: number;
  tasksDueToday: number;
  /** Data past its retention period, deleted before rescoring. */
  retention: RetentionSummary;
  /** Deal index retrained and yesterday's KYB134 / funnel snapshot stored. */
  kyb134: Kyb134DailySummary;
  ms: number;
}

/**
 * The nightly pass: rescore every contact at today's date so decay and stage step-backs on
 * silence apply, referral classes are recomputed, and each agent's morning list is ready.
 * Unscored touchpoints are taken in first so the job and the worker agree.
 */
export async function runDailyJob(s: Services, worker: ScoringWorker): Promise<DailyJobSummary> {
  const started = Date.now();
  await worker.drain();
  // Expire first, so the rescoring below already counts only what may be kept.
  const retention = await s.privacy.runRetention();
  const nowMs = s.clock.nowMs();
  let contactsRescored = 0;
  let stageStepBacks = 0;
  let lastId = '';
  for (;;) {
    const rows: { id: string }[] = await s.dataSource.query('SELECT id FROM contact WHERE id > ? ORDER BY id LIMIT ?', [lastId, BATCH]);
    if (rows.length === 0) break;
    const outcomes = await s.scorer.scoreContacts(rows.map((r) => r.id));
    contactsRescored += outcomes.length;
    stageStepBacks += outcomes.filter((o) => o.before && o.after.stage < o.before.stage && o.after.outcome === 'open').length;
    lastId = (rows[rows.length - 1] as { id: string }).id;
  }
  const endOfDay = endOfChinaDay(nowMs);
  const due: { agents: number | string; tasks: number | string }[] = await s.dataSource.query(
    "SELECT COUNT(DISTINCT agent_id) AS agents, COUNT(*) AS tasks FROM follow_up_task WHERE status = 'open' AND due_at_ms <= ?",
    [endOfDay],
  );
  const kyb134 = await runKyb134Daily(s);
  await s.dataSource.getRepository(JobCursor).save({ name: 'daily-job', positionMs: nowMs, note: `${contactsRescored} contacts` });
  return {
    contactsRescored,
    stageStepBacks,
    agentsWithTasksToday: Number(due[0]?.agents ?? 0),
    tasksDueToday: Number(due[0]?.tasks ?? 0),
    retention,
    kyb134,
    ms: Date.now() - started,
  };
}

/** Whether today's run (at `hour` China time) is due and has not happened yet. */
export async function isDailyJobDue(s: Services, hour: number): Promise<boolean> {
  const nowMs = s.clock.nowMs();
  const todayStart = chinaDayStartMs(chinaDayOf(nowMs));
  const runAt = todayStart + hour * 3600_000;
  if (nowMs < runAt) return false;
  const cursor = await s.dataSource.getRepository(JobCursor).findOneBy({ name: 'daily-job' });
  return !cursor || cursor.positionMs < runAt;
}
