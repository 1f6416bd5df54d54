import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { buildServices, type Services } from '../services';
import type { ScoringWorker } from '../modules/scoring/scoring-worker';
import { chinaDayOf, chinaDayStartMs, DAY_MS, endOfChinaDay } from '../lib/china-day';
import type { Clock } from '../lib/clock';
import { JobCursor } from './job-cursor.entity';
import type { JobPart } from './job-lease.entity';
import { JobLeases, type PartSpec } from './job-leases';
import { type Kyb134DailySummary, runKyb134Daily } from '../modules/dashboards/kyb134-daily';
import type { RetentionSummary } from '../modules/privacy/privacy.service';
import { type FollowUpMemorySummary, planFollowUpMemory } from '../modules/tasks/follow-up-memory.planner';
import { type AfterSaleSummary, planAfterSaleTasks } from '../modules/policies/after-sale-planner';

const JOB = 'daily';
const BATCH = 200;
/** After downtime at most this many missed days are caught up; older ones are past helping the morning list. */
export const MAX_CATCH_UP_DAYS = 31;
const HEX = '0123456789abcdef';

export interface DailyJobSummary {
  /** The China day this run is for, and the instant its scoring used. */
  day: string;
  asOfMs: number;
  contactsRescored: number;
  stageStepBacks: number;
  agentsWithTasksToday: number;
  tasksDueToday: number;
  /** Data past its retention period, deleted before rescoring. */
  retention: RetentionSummary;
  /** Deal index retrained and yesterday's KYB134 / funnel snapshot stored. */
  kyb134: Kyb134DailySummary;
  /** Reminders come due and rule tasks on silence and dates (after the step-backs, before the tasks are counted). */
  followUpMemory: FollowUpMemorySummary;
  /** 老客长存 / 新客开来: after-sale tasks planned for the day (absent in summaries stored before it existed). */
  afterSale?: AfterSaleSummary;
  /** Work time summed over the parts, whichever processes ran them. */
  ms: number;
}

export interface DailyJobProgress {
  day: string;
  part: string;
  partsDone: number;
  partsTotal: number;
  /** Contacts this process has rescored for the day so far. */
  contactsRescored: number;
}

export interface DailyJobOptions {
  /** The China day to run; default the live clock's day. */
  day?: string;
  /** Hour (China time) a past day's run is dated at; default the configured DAILY_JOB_HOUR. */
  hour?: number;
  leaseMs?: number;
  /** How long to wait before looking again when every free part is held by other processes. */
  waitMs?: number;
  /** This process's name on its leases. */
  owner?: string;
  onProgress?: (progress: DailyJobProgress) => void;
  /** Aborted when the process shuts down: a range being rescored is handed back at its last batch. */
  signal?: AbortSignal;
}

interface PrepareResult { retention: RetentionSummary; ms: number }
interface ScoreResult { contactsRescored: number; stageStepBacks: number; ms: number }
interface FinishResult { summary: DailyJobSummary; ms: number }

/**
 * Parts of a day: one process takes unscored touchpoints in and applies retention; sixteen ranges
 * of contact ids (by the first hex digit of the UUID; any other id still falls in one range) are
 * rescored by whichever processes claim them; one process then stores the snapshots.
 */
export function dailyJobParts(): PartSpec[] {
  const ranges = [...HEX].map((digit, i) => ({
    part: `score-${digit}`, phase: 1, lo: i === 0 ? null : digit, hi: i === HEX.length - 1 ? null : (HEX[i + 1] as string),
  }));
  return [{ part: 'prepare', phase: 0, lo: null, hi: null }, ...ranges, { part: 'finish', phase: 2, lo: null, hi: null }];
}

/** Who this process is on a lease: readable in the table when a run needs explaining. */
export function processOwner(): string {
  return `${hostname().slice(0, 30)}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * The instant a day's run is dated at: now for today (as before), the configured hour for a day
 * being caught up, so that run decays and steps back as it would have on that morning. Contacts
 * scored since are current and left alone.
 */
export function dailyJobAsOfMs(day: string, nowMs: number, hour: number): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !Number.isFinite(chinaDayStartMs(day)) || chinaDayOf(chinaDayStartMs(day)) !== day) throw new Error(`daily job: "${day}" is not a date (YYYY-MM-DD)`);
  const today = chinaDayOf(nowMs);
  if (day > today) throw new Error(`daily job: ${day} has not begun yet (today is ${today}, China time)`);
  return day === today ? nowMs : chinaDayStartMs(day) + hour * 3_600_000;
}

const fixedClock = (ms: number): Clock => ({ nowMs: () => ms });

/**
 * Runs one China day's daily job once across every process on the database: this process takes
 * whatever parts are free (resuming a dead process's part where it stopped), waits while others
 * hold the rest, and returns the day's summary once every part is done. Run again for a day that
 * is done, it does nothing and returns that day's summary.
 */
export async function runDailyJob(s: Services, worker: ScoringWorker, options: DailyJobOptions = {}): Promise<DailyJobSummary> {
  const day = options.day ?? chinaDayOf(s.clock.nowMs());
  const asOfMs = dailyJobAsOfMs(day, s.clock.nowMs(), options.hour ?? s.config.scoring.dailyJobHour);
  const leases = new JobLeases(s.dataSource, s.clock, options.owner ?? processOwner(), { leaseMs: options.leaseMs ?? s.config.scoring.dailyJobLeaseMs });
  const stored = await leases.openDay(JOB, day, asOfMs, dailyJobParts());
  // A day caught up late works at its stored instant, whichever process opened it; today's works
  // at the live clock, as the scorer beside it does, so neither takes back what the other stored.
  const dayServices = day === chinaDayOf(s.clock.nowMs()) ? s : buildServices(s.config, s.dataSource, fixedClock(stored.asOfMs), s.logger);
  let contactsRescored = 0;
  for (;;) {
    if (options.signal?.aborted) throw new Error(`daily job ${day}: stopped (the process is shutting down)`);
    const part = await leases.claimNext(JOB, day);
    if (part === 'done') break;
    if (part === 'wait') {
      await new Promise((resolve) => setTimeout(resolve, options.waitMs ?? 2000));
      continue;
    }
    const report = async (done: number) => {
      if (!options.onProgress) return;
      const parts = await leases.parts(JOB, day);
      options.onProgress({ day, part: part.part, partsDone: parts.filter((p) => p.status === 'done').length, partsTotal: parts.length, contactsRescored: contactsRescored + done });
    };
    const result = await withHeartbeat(leases, part, options.leaseMs ?? s.config.scoring.dailyJobLeaseMs, async (held) => {
      if (part.phase === 0) return prepare(s, dayServices, worker);
      if (part.part === 'finish') return finish(dayServices, leases, day, stored.asOfMs);
      return rescore(dayServices, leases, part, stored.asOfMs, () => held() && !options.signal?.aborted, report);
    }).catch(async (error: unknown) => {
      // A failed part (a deadlock, the database away) is handed back for the next attempt, by any process, at once.
      await leases.release(part).catch(() => undefined);
      throw error;
    });
    if (result === null) {
      // Stopping: hand the part back now rather than when the lease runs out. Lost: its new holder finishes it.
      if (options.signal?.aborted) await leases.release(part);
      continue;
    }
    if (await leases.complete(part, result)) {
      if ('contactsRescored' in result) contactsRescored += result.contactsRescored;
      await report(0);
    }
  }
  const done = await leases.day(JOB, day);
  if (done?.summary) return JSON.parse(done.summary) as DailyJobSummary;
  // Every part is done, the finish part's last: the day is done now (whoever gets here first says so).
  const finished = (await leases.parts(JOB, day)).find((p) => p.part === 'finish');
  if (!finished?.result) throw new Error(`daily job ${day}: every part is done but the finish part has no result`);
  const { summary } = JSON.parse(finished.result) as FinishResult;
  await leases.finishDay(JOB, day, summary);
  return summary;
}

/** Runs `work` while a timer keeps the lease alive; null when the lease was lost meanwhile. */
async function withHeartbeat<T>(leases: JobLeases, part: JobPart, leaseMs: number, work: (held: () => boolean) => Promise<T | null>): Promise<T | null> {
  let held = true;
  const timer = setInterval(() => {
    void leases.heartbeat(part).then((ok) => {
      if (!ok) held = false;
    }, () => undefined); // a failed heartbeat is retried by the next one; the lease covers three
  }, Math.max(50, Math.floor(leaseMs / 3)));
  try {
    const result = await work(() => held);
    return held ? result : null;
  } finally {
    clearInterval(timer);
  }
}

/** Unscored touchpoints first (so the job and the worker agree), then retention, before any rescoring counts. */
async function prepare(live: Services, day: Services, worker: ScoringWorker): Promise<PrepareResult> {
  const started = Date.now();
  await worker.drain();
  const retention = await day.privacy.runRetention();
  live.logger.info('daily job: pool take-back', await day.pool.takeBackStale());
  live.logger.info('daily job: prepared', { retention: { ...retention } });
  return { retention, ms: Date.now() - started };
}

/**
 * Rescores one range of contacts, batch by batch, recording how far it got so a process taking
 * over after a crash resumes there. Only contacts whose stored figures change by time alone by
 * this run's instant (decay past an integer, a silence step-back: next_recheck_at_ms, worked out by
 * the scorer) are rescored, from their stored states; every touched contact was scored in the
 * prepare part, and no other contact's figures can have changed. Contacts already scored at or after
 * that instant (by the live scorer, or by a process that died mid-range) are current and skipped,
 * so a day caught up late never moves a contact back to an older date.
 */
async function rescore(
  s: Services, leases: JobLeases, part: JobPart, asOfMs: number, held: () => boolean, report: (done: number) => Promise<void>,
): Promise<ScoreResult | null> {
  const started = Date.now();
  const previous = part.result ? (JSON.parse(part.result) as ScoreResult) : { contactsRescored: 0, stageStepBacks: 0, ms: 0 };
  let { contactsRescored, stageStepBacks } = previous;
  let position = part.position;
  // One indexed query for the range's due contacts (idx_contact_recheck), not one per batch: the
  // due set is a small share of the contacts, and each batch would scan all of it again.
  // The id bounds are written `+id` so that no engine ranges over the primary key (a sixteenth of
  // every contact) instead of over the recheck index (the due ones).
  const bounds: [string, string | number | null][] = [['next_recheck_at_ms <= ?', asOfMs], ['+id >= ?', part.lo], ['+id < ?', part.hi]];
  const where = bounds.filter(([, value]) => value !== null);
  const due: { id: string; merged: string | null }[] = await s.dataSource.query(
    `SELECT id, merged_into_contact_id AS merged FROM contact WHERE ${where.map(([sql]) => sql).join(' AND ')}`, where.map(([, value]) => value),
  );
  // A contact merged into another is hidden until the merge is undone (which rescores it): nothing to plan for it.
  const ids = due.filter((r) => r.merged === null).map((r) => r.id).filter((id) => position === null || id > position).sort();
  for (let i = 0; i < ids.length; i += BATCH) {
    if (!held()) return null;
    const batch = ids.slice(i, i + BATCH);
    const outcomes = await s.scorer.scoreContacts(batch, { scoredBeforeMs: asOfMs });
    contactsRescored += outcomes.length;
    stageStepBacks += outcomes.filter((o) => o.before && o.after.stage < o.before.stage && o.after.outcome === 'open').length;
    position = batch[batch.length - 1] as string;
    const sofar = { contactsRescored, stageStepBacks, ms: previous.ms + Date.now() - started };
    if (!(await leases.checkpoint(part, position, sofar))) return null;
    await report(contactsRescored - previous.contactsRescored);
  }
  // Stopping (or lost) after the last batch: handed back as it stands; the next holder finds nothing left and completes it.
  if (!held()) return null;
  return { contactsRescored, stageStepBacks, ms: previous.ms + Date.now() - started };
}

/** The day's tasks counted, the deal index retrained, the snapshots stored; the day's summary assembled from every part. */
async function finish(s: Services, leases: JobLeases, day: string, asOfMs: number): Promise<FinishResult> {
  const started = Date.now();
  const followUpMemory = await planFollowUpMemory(s, asOfMs);
  // Planned before the day's tasks are counted, so the count includes them.
  const afterSale = await planAfterSaleTasks(s.dataSource, asOfMs, s.logger);
  const due: { agents: number | string; tasks: number | string }[] = await s.dataSource.query(
    "SELECT COUNT(DISTINCT agent_id) AS agents, COUNT(*) AS tasks FROM follow_up_task WHERE status = 'open' AND due_at_ms <= ?",
    [endOfChinaDay(asOfMs)],
  );
  const kyb134 = await runKyb134Daily(s);
  const parts = await leases.parts(JOB, day);
  const results = parts.filter((p) => p.part !== 'finish' && p.result).map((p) => JSON.parse(p.result as string) as Partial<PrepareResult & ScoreResult>);
  const sum = (pick: (r: Partial<PrepareResult & ScoreResult>) => number | undefined) => results.reduce((n, r) => n + (pick(r) ?? 0), 0);
  const retention = results.find((r) => r.retention)?.retention as RetentionSummary;
  const ms = Date.now() - started;
  const summary: DailyJobSummary = {
    day, asOfMs, contactsRescored: sum((r) => r.contactsRescored), stageStepBacks: sum((r) => r.stageStepBacks),
    agentsWithTasksToday: Number(due[0]?.agents ?? 0), tasksDueToday: Number(due[0]?.tasks ?? 0), retention, kyb134, followUpMemory, afterSale, ms: sum((r) => r.ms) + ms,
  };
  await s.dataSource.getRepository(JobCursor).save({ name: 'daily-job', positionMs: asOfMs, note: `${day}: ${summary.contactsRescored} contacts` });
  return { summary, ms };
}

/**
 * The days whose run is due and not done, oldest first: every day after the last one done (or,
 * on a database that never ran the job, just the latest), through today once `hour` has passed.
 */
export async function dueDailyJobDays(s: Services, hour: number): Promise<string[]> {
  const nowMs = s.clock.nowMs();
  const today = chinaDayOf(nowMs);
  const latest = nowMs >= chinaDayStartMs(today) + hour * 3_600_000 ? today : chinaDayOf(nowMs - DAY_MS);
  const rows: { day: string | null }[] = await s.dataSource.query('SELECT MAX(day) AS day FROM job_day WHERE job = ? AND done_at_ms IS NOT NULL', [JOB]);
  let lastDone = rows[0]?.day ?? null;
  if (lastDone === null) {
    // Runs before job_day existed left only this cursor.
    const cursor = await s.dataSource.getRepository(JobCursor).findOneBy({ name: 'daily-job' });
    if (!cursor) return latest === today ? [today] : [];
    lastDone = chinaDayOf(cursor.positionMs);
  }
  const days: string[] = [];
  for (let ms = chinaDayStartMs(lastDone) + DAY_MS; chinaDayOf(ms) <= latest; ms += DAY_MS) days.push(chinaDayOf(ms));
  if (days.length > MAX_CATCH_UP_DAYS) s.logger.warn('daily job: too many missed days; catching up the latest only', { missed: days.length, kept: MAX_CATCH_UP_DAYS });
  return days.slice(-MAX_CATCH_UP_DAYS);
}

/** Runs every due day in order (catching up after downtime); returns their summaries. */
export async function runDueDailyJobs(s: Services, worker: ScoringWorker, hour: number, options: Omit<DailyJobOptions, 'day'> = {}): Promise<DailyJobSummary[]> {
  const summaries: DailyJobSummary[] = [];
  for (const day of await dueDailyJobDays(s, hour)) summaries.push(await runDailyJob(s, worker, { ...options, day }));
  return summaries;
}
