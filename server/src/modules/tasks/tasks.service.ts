import type { DataSource } from 'typeorm';
import {
  DealOutcome, DEFAULT_SCORING_CONFIG, FollowUpChannel, FollowUpPriority, GridCellCode, MORNING_LIST_PAGE_DEFAULT, MORNING_LIST_SECTIONS, MorningListPage,
  MorningListQuery, MorningListSection, morningListSection, rankFollowUp, ReminderRepeat, SNOOZE_AHEAD_MAX_DAYS, SnoozePreset, snoozePresetUntilMs, Stage,
  stagePriorCloseProbability, TaskOrigin, TaskStatus, TaskView,
} from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import { chinaDayOf, DAY_MS, endOfChinaDay } from '../../lib/china-day';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { Kyb134InputsService } from '../dashboards/kyb134-inputs.service';
import { shownContactOf } from '../contacts/queries/shown-contact';
import { latestLeadBudgets } from '../leads/queries/latest-budgets';
import { FollowUpTask, PENDING_TASK_STATUSES } from './follow-up-task.entity';
import { lockContactForTasks, moveTask } from './follow-up-slot';
import { compareMorningListPlaces, decodeMorningListCursor, encodeMorningListCursor, type MorningListPlace } from './morning-list-place';
import { ON_THE_LIST, onTheListParams, rankedPageInSql } from './queries/morning-list-ranking';
import { presentTask } from './task.presenter';

/** A closed task's status in a refusal: 这条任务已{完成}. */
const TASK_STATUS_ZH: Partial<Record<string, string>> = { done: '完成', dismissed: '忽略', snoozed: '推迟', scheduled: '安排', waiting: '等待中' };

/** Expected premium when the contact named no budget (the agent's average, once KYB134 knows it). */
export const DEFAULT_EXPECTED_PREMIUM_FEN = 5_000_00;

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

/** The morning list and what the agent does with it (done / snooze / dismiss). */
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    /** KYB134 Habit counts the days the morning list was opened. */
    private readonly habit: Pick<Kyb134InputsService, 'recordMorningListOpen'>,
    /** P(won) of open contacts by the trained deal model, or null while none is active (the stage prior ranks then). */
    private readonly modelLikelihoods: (contactIds: string[]) => Promise<Map<string, number> | null> = async () => null,
    /** Whether a trained deal model is active (its likelihoods are worked out in JavaScript, so the list is ranked there). */
    private readonly modelActive: () => Promise<boolean> = async () => false,
    /** Where a reminder coming due is announced (RemindersService.announceDue). */
    private readonly reminderDue: (reminders: FollowUpTask[]) => Promise<void> = async () => undefined,
  ) {}

  /** The agent opens the morning list (a page of it); the first page counts the day as one the list was opened. */
  async openMorningList(actor: StaffActor, query: MorningListQuery = {}): Promise<MorningListPage> {
    const page = await this.morningList(actor, query);
    if (query.after === undefined) await this.habit.recordMorningListOpen(actor.staffId);
    return page;
  }

  /**
   * A page of today's follow-ups, overdue first, then today, then later, each most valuable first:
   * deal likelihood × expected value × urgency. Every task is ranked (from a narrow read), but only
   * the page's tasks are read whole and sent.
   */
  async morningList(actor: StaffActor, query: MorningListQuery = {}): Promise<MorningListPage> {
    const now = this.clock.nowMs();
    const cursor = query.after === undefined ? null : decodeMorningListCursor(query.after);
    if (cursor && (cursor.asOfMs > now || chinaDayOf(cursor.asOfMs) !== chinaDayOf(now))) {
      throw badRequest([{ field: 'after', reason: '今日列表已更新，请下拉刷新' }]);
    }
    const asOfMs = cursor?.asOfMs ?? now;
    const limit = query.limit ?? MORNING_LIST_PAGE_DEFAULT;
    const { onPage, more, sections } = (await this.ranksInSql())
      ? await this.pageRankedInSql(actor.staffId, asOfMs, cursor?.after ?? null, limit)
      : await this.pageRankedInMemory(actor.staffId, asOfMs, cursor?.after ?? null, limit);
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
   * more than the query (p50 12.2 ms against 17.7); MariaDB ranks in memory, since its thousand index
   * lookups for the join cost more than sending two index ranges (18.7 ms against 30.8). A trained deal
   * model's likelihoods are worked out in JavaScript, so with one active the list is ranked there.
   */
  private async ranksInSql(): Promise<boolean> {
    return this.dataSource.options.type === 'better-sqlite3' && !(await this.modelActive());
  }

  /** By the stage prior, in the database: only the page's places leave it. */
  private async pageRankedInSql(agentId: string, asOfMs: number, after: MorningListPlace | null, limit: number): Promise<RankedListPage> {
    const { places, sections } = await rankedPageInSql(this.dataSource, agentId, asOfMs, { after, limit }, DEFAULT_EXPECTED_PREMIUM_FEN);
    return { onPage: places.slice(0, limit), more: places.length > limit, sections };
  }

  /** Every task ranked in memory, by the trained model's likelihoods where one is active. */
  private async pageRankedInMemory(agentId: string, asOfMs: number, after: MorningListPlace | null, limit: number): Promise<RankedListPage> {
    const places = await this.rankedPlaces(agentId, asOfMs);
    const sections = Object.fromEntries(MORNING_LIST_SECTIONS.map((key) => [key, 0])) as Record<MorningListSection, number>;
    for (const place of places) sections[place.section] += 1;
    const start = after ? places.findIndex((place) => compareMorningListPlaces(place, after) > 0) : 0;
    if (start < 0) return { onPage: [], more: false, sections };
    return { onPage: places.slice(start, start + limit), more: start + limit < places.length, sections };
  }

  /** Every task on the list at `asOfMs`, in the list's order. */
  private async rankedPlaces(agentId: string, asOfMs: number): Promise<MorningListPlace[]> {
    const tasks: TaskPlaceRow[] = await this.dataSource.query(
      `SELECT t.id, t.contact_id, t.due_at_ms, t.priority FROM follow_up_task t WHERE ${ON_THE_LIST}`,
      onTheListParams(agentId, asOfMs),
    );
    if (tasks.length === 0) return [];
    const contacts = await this.contactsToRank(agentId);
    // One pass, no copies: the list can hold a thousand tasks and is ranked on every page.
    const ranked: { task: TaskPlaceRow; contact: ContactRankRow }[] = [];
    const openContactIds = new Set<string>();
    for (const task of tasks) {
      const contact = contacts.get(task.contact_id);
      if (!contact || contact.opted_out === true || Number(contact.opted_out) === 1) continue;
      ranked.push({ task, contact });
      if (contact.outcome === 'open') openContactIds.add(task.contact_id);
    }
    const budgets = await latestLeadBudgets(this.dataSource, { contactIds: ranked.map((r) => r.task.contact_id) });
    const modelled = await this.modelLikelihoods([...openContactIds]);
    const places = ranked.map(({ task, contact }): MorningListPlace => {
      const dueAtMs = Number(task.due_at_ms);
      const dealLikelihood = (contact.outcome === 'open' ? modelled?.get(task.contact_id) : undefined)
        ?? stagePriorCloseProbability(Number(contact.stage) as Stage, contact.outcome, DEFAULT_SCORING_CONFIG);
      const rank = rankFollowUp(
        { priority: Number(task.priority) as FollowUpPriority, dealLikelihood, expectedValueFen: budgets.get(task.contact_id) ?? DEFAULT_EXPECTED_PREMIUM_FEN, dueAtMs },
        asOfMs,
      );
      return { section: morningListSection(dueAtMs, asOfMs), rank, dueAtMs, taskId: task.id };
    });
    return places.sort(compareMorningListPlaces);
  }

  /**
   * The stage, outcome and opt-out of the agent's contacts: one range of idx_contact_agent_rank,
   * read in order, instead of one random row per task. A task's contact is always its agent's (a
   * handover moves both, a pool dismisses the tasks), so a task whose contact is not is not listed.
   */
  private async contactsToRank(agentId: string): Promise<Map<string, ContactRankRow>> {
    const own: ContactRankRow[] = await this.dataSource.query('SELECT id, stage, outcome, opted_out FROM contact WHERE agent_id = ?', [agentId]);
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

  async complete(actor: StaffActor, taskId: string): Promise<TaskView> {
    return this.transition(actor, taskId, { status: 'done', doneAtMs: this.clock.nowMs(), snoozedUntilMs: null });
  }

  async dismiss(actor: StaffActor, taskId: string): Promise<TaskView> {
    return this.transition(actor, taskId, { status: 'dismissed', snoozedUntilMs: null });
  }

  /** Until a time, or to a named day (明天 / 下周, 09:00 China time). */
  async snooze(actor: StaffActor, taskId: string, to: { until?: string; preset?: SnoozePreset }): Promise<TaskView> {
    const now = this.clock.nowMs();
    if ((to.until === undefined) === (to.preset === undefined)) throw badRequest([{ field: 'until', reason: '请给出推迟到的时间（until）或“明天/下周”（preset），二选一' }]);
    const until = to.preset ? snoozePresetUntilMs(to.preset, now) : Date.parse(to.until as string);
    if (!(until > now)) throw badRequest([{ field: 'until', reason: '应为将来的时间' }]);
    if (until > now + SNOOZE_AHEAD_MAX_DAYS * DAY_MS) throw badRequest([{ field: 'until', reason: `最多推迟 ${SNOOZE_AHEAD_MAX_DAYS} 天` }]);
    return this.transition(actor, taskId, { status: 'snoozed', snoozedUntilMs: until });
  }

  private async transition(actor: StaffActor, taskId: string, change: Partial<FollowUpTask>): Promise<TaskView> {
    const found = await this.dataSource.getRepository(FollowUpTask).findOneBy({ id: taskId, agentId: actor.staffId });
    if (!found) throw notFound('task');
    const now = this.clock.nowMs();
    const { task, due } = await this.dataSource.transaction(async (manager) => {
      await lockContactForTasks(manager, found.contactId);
      // Read again under the lock: the scorer may have moved the task meanwhile.
      const current = await manager.getRepository(FollowUpTask).findOneByOrFail({ id: found.id });
      if (!PENDING_TASK_STATUSES.includes(current.status)) throw new AppError(409, 'task_closed', `这条任务已${TASK_STATUS_ZH[current.status] ?? '处理'}，请刷新今日列表`);
      return moveTask(manager, current, change, now, endOfChinaDay(now));
    });
    if (due) await this.reminderDue([due]);
    const contact = await shownContactOf(this.dataSource, task.contactId);
    return presentTask(task, contact);
  }
}
