/**
 * The morning list ranked in the database: rankFollowUp's formula (shared/src/kyc1984/rank-follow-up.ts)
 * with the stage prior as the deal likelihood, written as SQL, so that an agent with a thousand tasks
 * today gets a page of twenty without a thousand rows travelling to JavaScript and back. The service
 * ranks here on SQLite while no trained deal model is active (TasksService.ranksInSql says why not on
 * MariaDB). A property test holds this ranking to rankFollowUp over random tasks, on both stores.
 *
 * Ranks are rounded to whole numbers in SQL: exact in SQLite's doubles and MariaDB's decimals alike,
 * and exact in a page cursor, so "after this rank" means the same on every page. Tasks within half a
 * unit of each other (a fen of expected premium) tie and fall to the due time, then the id.
 */
import { DEFAULT_SCORING_CONFIG, MORNING_LIST_SECTIONS, morningListSectionBounds, type MorningListSection, type ScoringConfig, type Stage } from '@kejing/shared';
import type { DataSource } from 'typeorm';
import { chinaDayOf, chinaDayStartMs, endOfChinaDay } from '../../../lib/china-day';
import type { MorningListPlace } from '../morning-list-place';

const MS_PER_HOUR = 3_600_000;

/** A whole number from the clock or the section rule, written into SQL (never a request's value). */
function integer(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not a whole number of ms: ${value}`);
  return String(value);
}

/**
 * A number from the ranking config as a floating-point literal: MariaDB reads a plain decimal as an
 * exact DECIMAL (and divides to four places), SQLite an integer as an integer. In exponent form both
 * compute in doubles, as JavaScript does.
 */
function double(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`ranking config holds a non-finite number: ${value}`);
  return value.toExponential();
}

/**
 * Which of the agent's tasks (alias t) are on the list at an instant: due today or overdue, anything
 * planned today (a follow-up shows up the moment a touchpoint creates it, not only in tomorrow
 * morning's list), and snoozed ones come back. Bound with onTheListParams.
 */
export const ON_THE_LIST = `t.agent_id = ?
  AND ((t.status = 'open' AND (t.due_at_ms <= ? OR t.created_at_ms >= ?)) OR (t.status = 'snoozed' AND t.snoozed_until_ms <= ?))`;
export const onTheListParams = (agentId: string, asOfMs: number) => [agentId, endOfChinaDay(asOfMs), chinaDayStartMs(chinaDayOf(asOfMs)), asOfMs];

/**
 * The listed tasks with their contact, the agent's own and not opted out. The contact is read from
 * idx_contact_agent_rank, named: by the primary key alone each of a thousand lookups is a random
 * read of a whole row (MariaDB takes the key whenever it can; so does SQLite without statistics).
 */
function listed(db: DataSource): string {
  const contact = db.options.type === 'better-sqlite3' ? 'contact c INDEXED BY idx_contact_agent_rank' : 'contact c FORCE INDEX (idx_contact_agent_rank)';
  return `follow_up_task t JOIN ${contact} ON c.agent_id = t.agent_id AND c.id = t.contact_id WHERE ${ON_THE_LIST} AND c.opted_out = 0`;
}

/**
 * rankFollowUp(priority, stage prior, latest budget or the default, due) at `asOfMs`, rounded: the same
 * operations in the same order as the JavaScript, so the same doubles before the rounding.
 */
function rankExpression(config: ScoringConfig, defaultValueFen: number, asOfMs: number): string {
  const r = config.ranking;
  const priors = config.stagePriorCloseProbability;
  const stages = (Object.keys(priors) as unknown as Stage[]).map((stage) => `WHEN ${Number(stage)} THEN ${double(priors[stage])}`).join(' ');
  const likelihood = `CASE WHEN c.outcome = 'won' THEN ${double(1)} WHEN c.outcome = 'lost' THEN ${double(0)} ELSE CASE c.stage ${stages} ELSE ${double(0)} END END`;
  // The budget the latest lead form named, kept on the contact (leads/queries/contact-budgets.ts).
  const value = `COALESCE(c.budget_fen, ${double(defaultValueFen)})`;
  const weights = r.priorityWeights;
  const weight = `CASE t.priority WHEN 1 THEN ${double(weights[1])} WHEN 2 THEN ${double(weights[2])} WHEN 3 THEN ${double(weights[3])} WHEN 4 THEN ${double(weights[4])} ELSE ${double(weights[5])} END`;
  const asOf = integer(Math.trunc(asOfMs));
  const hoursLate = `((${asOf} - t.due_at_ms) / ${double(MS_PER_HOUR)})`;
  const hoursLeft = `((t.due_at_ms - ${asOf}) / ${double(MS_PER_HOUR)})`;
  // Math.min(1, hoursLate / overdueBoostHours); with no boost window the boost is whole at once.
  const boost = r.overdueBoostHours > 0
    ? `CASE WHEN ${hoursLate} / ${double(r.overdueBoostHours)} >= 1 THEN ${double(1)} ELSE ${hoursLate} / ${double(r.overdueBoostHours)} END`
    : double(1);
  const time = `CASE WHEN t.due_at_ms < ${asOf} THEN 1 + ${double(r.overdueBoostMax)} * (${boost})
    WHEN ${hoursLeft} <= ${double(r.dueSoonHours)} THEN ${double(1)}
    ELSE ${double(r.dueSoonHours)} / ${hoursLeft} END`;
  return `ROUND((${likelihood}) * (${value}) * (${weight}) * (${time}))`;
}

interface RankedRow {
  id: string;
  due_at_ms: number | string;
  section: number | string;
  rnk: number | string;
  overdue: number | string;
  today: number | string;
  later: number | string;
}

export interface RankedPage {
  /** The places on the page, in order, and one more when the list goes on. */
  places: MorningListPlace[];
  sections: Record<MorningListSection, number>;
}

/**
 * The `limit + 1` places after `after` (or from the top) on the agent's list at `asOfMs`, and every
 * section's count. The section parts at the shared rule's instants.
 */
export async function rankedPageInSql(
  db: DataSource,
  agentId: string,
  asOfMs: number,
  page: { after: MorningListPlace | null; limit: number },
  defaultValueFen: number,
  config: ScoringConfig = DEFAULT_SCORING_CONFIG,
): Promise<RankedPage> {
  const { overdueBeforeMs, todayUntilMs } = morningListSectionBounds(asOfMs, config);
  const section = `CASE WHEN t.due_at_ms < ${integer(overdueBeforeMs)} THEN 0 WHEN t.due_at_ms <= ${integer(todayUntilMs)} THEN 1 ELSE 2 END`;
  const rank = rankExpression(config, defaultValueFen, asOfMs);
  const after = page.after;
  const cursor = after ? 'WHERE (x.section > ? OR (x.section = ? AND (x.rnk < ? OR (x.rnk = ? AND (x.due_at_ms > ? OR (x.due_at_ms = ? AND x.id > ?))))))' : '';
  const afterSection = after ? MORNING_LIST_SECTIONS.indexOf(after.section) : 0;
  const afterRank = after ? Math.round(after.rank) : 0;
  const cursorParams = after ? [afterSection, afterSection, afterRank, afterRank, after.dueAtMs, after.dueAtMs, after.taskId] : [];
  const rows: RankedRow[] = await db.query(
    `SELECT x.id, x.due_at_ms, x.section, x.rnk, x.overdue, x.today, x.later FROM (
       SELECT y.id, y.due_at_ms, y.section, y.rnk,
              SUM(CASE WHEN y.section = 0 THEN 1 ELSE 0 END) OVER () AS overdue,
              SUM(CASE WHEN y.section = 1 THEN 1 ELSE 0 END) OVER () AS today,
              SUM(CASE WHEN y.section = 2 THEN 1 ELSE 0 END) OVER () AS later
         FROM (SELECT t.id, t.due_at_ms, ${section} AS section, ${rank} AS rnk FROM ${listed(db)}) y
     ) x ${cursor}
     ORDER BY x.section, x.rnk DESC, x.due_at_ms, x.id
     LIMIT ?`,
    [...onTheListParams(agentId, asOfMs), ...cursorParams, page.limit + 1],
  );
  const first = rows[0];
  const sections = first
    ? { overdue: Number(first.overdue), today: Number(first.today), later: Number(first.later) }
    : await sectionCounts(db, agentId, asOfMs, section);
  return {
    places: rows.map((r) => ({ section: MORNING_LIST_SECTIONS[Number(r.section)] as MorningListSection, rank: Number(r.rnk), dueAtMs: Number(r.due_at_ms), taskId: r.id })),
    sections,
  };
}

/** The counts alone, for a page past the end of the list. */
async function sectionCounts(db: DataSource, agentId: string, asOfMs: number, section: string): Promise<Record<MorningListSection, number>> {
  const rows: { section: number | string; n: number | string }[] = await db.query(
    `SELECT y.section, COUNT(*) AS n FROM (SELECT ${section} AS section FROM ${listed(db)}) y GROUP BY y.section`,
    onTheListParams(agentId, asOfMs),
  );
  const counts: Record<MorningListSection, number> = { overdue: 0, today: 0, later: 0 };
  for (const row of rows) counts[MORNING_LIST_SECTIONS[Number(row.section)] as MorningListSection] = Number(row.n);
  return counts;
}
