import type { DataSource } from 'typeorm';
import {
  DealOutcome, DEFAULT_SCORING_CONFIG, FollowUpChannel, FollowUpPriority, GridCellCode, MORNING_LIST_PAGE_DEFAULT, MORNING_LIST_SECTIONS, MorningListPage,
  MorningListQuery, MorningListSection, morningListSection, rankFollowUp, ReminderRepeat, Stage, stagePriorCloseProbability, TaskOrigin, TaskStatus, TaskView,
} from '@kejing/shared';
import { badRequest } from '../../lib/app-error';
import { chinaDayOf } from '../../lib/china-day';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { Kyb134InputsService } from '../dashboards/kyb134-inputs.service';
import { DEFAULT_EXPECTED_PREMIUM_FEN } from '../leads/queries/latest-budgets';
import type { FollowUpTask } from './follow-up-task.entity';
import { compareMorningListPlaces, decodeMorningListCursor, encodeMorningListCursor, type MorningListPlace } from './morning-list-place';
import { ON_THE_LIST, onTheListParams, rankedPageInSql } from './queries/morning-list-ranking';
import { presentTask } from './task.presenter';

/** What ranking a task needs: read for every task on the list. */
interface TaskPlaceRow {
  id: string;
  contact_id: string;
  due_at_ms: number | string;
  priority: number | string;
}

/** A page's places, whether the list goes on after them, and every section's count. */
interface RankedListPage {
  onPage: MorningListPlace[];
  more: boolean;
  sections: Record<MorningListSection, number>;
}

/** What ranking needs of a contact. */
interface ContactRankRow {
  id: string;
  stage: number | string;
  outcome: DealOutcome;
  opted_out: number | string | boolean;
  budget_fen: number | string | null;
}

/** What a task card shows: read only for the tasks on the page. */
interface TaskCardRow {
  id: string;
  contact_id: string;
  rule_id: string;
  action: string;
  channel: FollowUpChannel;
  suggested_message: string;
  due_at_ms: number | string;
  priority: number | string;
  status: TaskStatus;
  snoozed_until_ms: number | string | null;
  because: string;
  origin: TaskOrigin;
  note: string | null;
  repeat_every: ReminderRepeat | null;
  display_name: string;
  cell: GridCellCode;
  stage: number | string;
}

/** The morning list: today's follow-ups a page at a time, ranked. */
export class MorningListService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    /** KYB134 Habit counts the days the morning list was opened. */
    private readonly habit: Pick<Kyb134InputsService, 'recordMorningListOpen'>,
    /** P(won) of open contacts by the trained deal model, or null while none is active (the stage prior ranks then). */
    private readonly modelLikelihoods: (contactIds: string[]) => Promise<Map<string, number> | null> = async () => null,
    /** Whether a trained deal model is active (its likelihoods are worked out in JavaScript, so the list is ranked there). */
    private readonly modelActive: () => Promise<boolean> = async () => false,
  ) {}

  /**
   * The agents whose opening of the list today is recorded, as this process knows (China day → agent
   * ids): the day is recorded once, so later openings that day skip the database. Another process
   * that does not know records it again, which the record's key makes harmless.
   */
  private readonly openedToday = { day: '', agentIds: new Set<string>() };

  /** The agent opens the morning list (a page of it); the first page counts the day as one the list was opened. */
  async open(actor: StaffActor, query: MorningListQuery = {}): Promise<MorningListPage> {
    const page = await this.page(actor, query);
    if (query.after === undefined) {
      const day = chinaDayOf(this.clock.nowMs());
      if (this.openedToday.day !== day) Object.assign(this.openedToday, { day, agentIds: new Set<string>() });
      if (!this.openedToday.agentIds.has(actor.staffId)) {
        await this.habit.recordMorningListOpen(actor.staffId);
        this.openedToday.agentIds.add(actor.staffId);
      }
    }
    return page;
  }

  /**
   * A page of today's follow-ups, overdue first, then today, then later, each most valuable first:
   * deal likelihood × expected value × urgency. Every task is ranked (from a narrow read), but only
   * the page's tasks are read whole and sent.
   */
  async page(actor: StaffActor, query: MorningListQuery = {}): Promise<MorningListPage> {
    const now = this.clock.nowMs();
    const cursor = query.after === undefined ? null : decodeMorningListCursor(query.after);
    if (cursor && (cursor.asOfMs > now || chinaDayOf(cursor.asOfMs) !== chinaDayOf(now))) {
      throw badRequest([{ field: 'after', reason: '今日列表已更新，请下拉刷新' }]);
    }
    const asOfMs = cursor?.asOfMs ?? now;
    const limit = query.limit ?? MORNING_LIST_PAGE_DEFAULT;
    const modelActive = await this.modelActive();
    const { onPage, more, sections } = this.ranksInSql(modelActive)
      ? await this.pageRankedInSql(actor.staffId, asOfMs, cursor?.after ?? null, limit)
      : await this.pageRankedInMemory(actor.staffId, asOfMs, cursor?.after ?? null, limit, modelActive);
    const last = onPage[onPage.length - 1];
    return {
      tasks: await this.taskCards(onPage.map((place) => place.taskId)),
      total: sections.overdue + sections.today + sections.later,
      sections,
      asOf: new Date(asOfMs).toISOString(),
      next: more && last ? encodeMorningListCursor({ asOfMs, after: last }) : null,
    };
  }

  /**
   * Where the list is ranked, by measurement (an agent with 1,013 tasks in 10,000,000 contacts,
   * docs/scale-out.md): SQLite ranks in SQL, since handing a thousand rows to JavaScript costs it
   * more than the query (p99 14.8 ms against 32.2); MariaDB ranks in memory, since its thousand index
   * lookups for the join cost more than reading two index ranges (p99 33.2 ms against 44.4). A trained deal
   * model's likelihoods are worked out in JavaScript, so with one active the list is ranked there.
   */
  private ranksInSql(modelActive: boolean): boolean {
    return this.dataSource.options.type === 'better-sqlite3' && !modelActive;
  }

  /** By the stage prior, in the database: only the page's places leave it. */
  private async pageRankedInSql(agentId: string, asOfMs: number, after: MorningListPlace | null, limit: number): Promise<RankedListPage> {
    const { places, sections } = await rankedPageInSql(this.dataSource, agentId, asOfMs, { after, limit }, DEFAULT_EXPECTED_PREMIUM_FEN);
    return { onPage: places.slice(0, limit), more: places.length > limit, sections };
  }

  /** Every task ranked in memory, by the trained model's likelihoods where one is active. */
  private async pageRankedInMemory(agentId: string, asOfMs: number, after: MorningListPlace | null, limit: number, modelActive: boolean): Promise<RankedListPage> {
    const places = await this.rankedPlaces(agentId, asOfMs, modelActive);
    const sections = Object.fromEntries(MORNING_LIST_SECTIONS.map((key) => [key, 0])) as Record<MorningListSection, number>;
    for (const place of places) sections[place.section] += 1;
    const start = after ? places.findIndex((place) => compareMorningListPlaces(place, after) > 0) : 0;
    if (start < 0) return { onPage: [], more: false, sections };
    return { onPage: places.slice(start, start + limit), more: start + limit < places.length, sections };
  }

  /** Every task on the list at `asOfMs`, in the list's order. */
  private async rankedPlaces(agentId: string, asOfMs: number, modelActive: boolean): Promise<MorningListPlace[]> {
    // The two ranges are independent: read side by side, on two of the pool's connections.
    const [tasks, contacts]: [TaskPlaceRow[], Map<string, ContactRankRow>] = await Promise.all([
      this.dataSource.query(`SELECT t.id, t.contact_id, t.due_at_ms, t.priority FROM follow_up_task t WHERE ${ON_THE_LIST}`, onTheListParams(agentId, asOfMs)),
      this.contactsToRank(agentId),
    ]);
    if (tasks.length === 0) return [];
    // One pass, no copies: the list can hold a thousand tasks and is ranked on every page.
    const ranked: { task: TaskPlaceRow; contact: ContactRankRow }[] = [];
    const openContactIds = new Set<string>();
    for (const task of tasks) {
      const contact = contacts.get(task.contact_id);
      if (!contact || contact.opted_out === true || Number(contact.opted_out) === 1) continue;
      ranked.push({ task, contact });
      if (contact.outcome === 'open') openContactIds.add(task.contact_id);
    }
    const modelled = modelActive ? await this.modelLikelihoods([...openContactIds]) : null;
    const places = ranked.map(({ task, contact }): MorningListPlace => {
      const dueAtMs = Number(task.due_at_ms);
      const dealLikelihood = (contact.outcome === 'open' ? modelled?.get(task.contact_id) : undefined)
        ?? stagePriorCloseProbability(Number(contact.stage) as Stage, contact.outcome, DEFAULT_SCORING_CONFIG);
      const rank = rankFollowUp(
        { priority: Number(task.priority) as FollowUpPriority, dealLikelihood, expectedValueFen: contact.budget_fen === null ? DEFAULT_EXPECTED_PREMIUM_FEN : Number(contact.budget_fen), dueAtMs },
        asOfMs,
      );
      return { section: morningListSection(dueAtMs, asOfMs), rank, dueAtMs, taskId: task.id };
    });
    return places.sort(compareMorningListPlaces);
  }

  /**
   * The stage, outcome, opt-out and budget of the agent's contacts: one range of idx_contact_agent_rank,
   * read in order, instead of one random row per task. A task's contact is always its agent's (a
   * handover moves both, a pool dismisses the tasks), so a task whose contact is not is not listed.
   */
  private async contactsToRank(agentId: string): Promise<Map<string, ContactRankRow>> {
    const own: ContactRankRow[] = await this.dataSource.query('SELECT id, stage, outcome, opted_out, budget_fen FROM contact WHERE agent_id = ?', [agentId]);
    return new Map(own.map((c) => [c.id, c]));
  }

  /** The cards of these tasks, in the order given (a task gone since it was ranked is left out). */
  private async taskCards(taskIds: string[]): Promise<TaskView[]> {
    if (taskIds.length === 0) return [];
    const rows: TaskCardRow[] = await this.dataSource.query(
      `SELECT t.id, t.contact_id, t.rule_id, t.action, t.channel, t.suggested_message, t.due_at_ms, t.priority, t.status, t.snoozed_until_ms, t.because, t.origin, t.note, t.repeat_every,
              COALESCE(c.remark_name, c.real_name, c.display_name) AS display_name, c.cell, c.stage
         FROM follow_up_task t
         JOIN contact c ON c.id = t.contact_id
        WHERE t.id IN (${taskIds.map(() => '?').join(', ')})`,
      taskIds,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return taskIds.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const task = {
        id: r.id, contactId: r.contact_id, ruleId: r.rule_id, action: r.action, channel: r.channel, suggestedMessage: r.suggested_message, dueAtMs: Number(r.due_at_ms),
        priority: Number(r.priority), status: r.status, snoozedUntilMs: r.snoozed_until_ms === null ? null : Number(r.snoozed_until_ms),
        because: JSON.parse(r.because) as FollowUpTask['because'], origin: r.origin, note: r.note, repeat: r.repeat_every,
      } as FollowUpTask;
      return [presentTask(task, { displayName: r.display_name, cell: r.cell, stage: Number(r.stage) as Stage })];
    });
  }
}
