import type { DataSource } from 'typeorm';
import {
  DealOutcome, DEFAULT_SCORING_CONFIG, FollowUpChannel, GridCellCode, rankFollowUp, ReminderRepeat, SNOOZE_AHEAD_MAX_DAYS, SnoozePreset, snoozePresetUntilMs, Stage,
  stagePriorCloseProbability, TaskOrigin, TaskStatus, TaskView,
} from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import { chinaDayOf, chinaDayStartMs, DAY_MS, endOfChinaDay } from '../../lib/china-day';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { Kyb134InputsService } from '../dashboards/kyb134-inputs.service';
import { shownContactOf } from '../contacts/queries/shown-contact';
import { latestLeadBudgets } from '../leads/queries/latest-budgets';
import { FollowUpTask, PENDING_TASK_STATUSES } from './follow-up-task.entity';
import { lockContactForTasks, moveTask } from './follow-up-slot';
import { presentTask } from './task.presenter';

/** A closed task's status in a refusal: 这条任务已{完成}. */
const TASK_STATUS_ZH: Partial<Record<string, string>> = { done: '完成', dismissed: '忽略', snoozed: '推迟', scheduled: '安排', waiting: '等待中' };

/** Expected premium when the contact named no budget (the agent's average, once KYB134 knows it). */
export const DEFAULT_EXPECTED_PREMIUM_FEN = 5_000_00;

interface TodayRaw {
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
  outcome: DealOutcome;
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
    /** Where a reminder coming due is announced (RemindersService.announceDue). */
    private readonly reminderDue: (reminders: FollowUpTask[]) => Promise<void> = async () => undefined,
  ) {}

  /** The agent opens the morning list: today's follow-ups, and the day counted as one the list was opened. */
  async openMorningList(actor: StaffActor): Promise<TaskView[]> {
    const tasks = await this.today(actor);
    await this.habit.recordMorningListOpen(actor.staffId);
    return tasks;
  }

  /** Today's follow-ups for the agent, most valuable first: deal likelihood × expected value × urgency. */
  async today(actor: StaffActor): Promise<TaskView[]> {
    const now = this.clock.nowMs();
    // Only the columns the list shows: the contact's explanation JSON is large and not needed here.
    const raw: TodayRaw[] = await this.dataSource.query(
      `SELECT t.id, t.contact_id, t.rule_id, t.action, t.channel, t.suggested_message, t.due_at_ms, t.priority, t.status, t.snoozed_until_ms, t.because, t.origin, t.note, t.repeat_every,
              COALESCE(c.remark_name, c.real_name, c.display_name) AS display_name, c.cell, c.stage, c.outcome
         FROM follow_up_task t
         JOIN contact c ON c.id = t.contact_id
        WHERE t.agent_id = ? AND c.opted_out = 0
          AND ((t.status = 'open' AND (t.due_at_ms <= ? OR t.created_at_ms >= ?)) OR (t.status = 'snoozed' AND t.snoozed_until_ms <= ?))`,
      // Due today or overdue, and anything planned today: a follow-up shows up the moment a
      // touchpoint creates it, not only in tomorrow morning's list.
      [actor.staffId, endOfChinaDay(now), chinaDayStartMs(chinaDayOf(now)), now],
    );
    const budgets = await latestLeadBudgets(this.dataSource, { contactIds: raw.map((r) => r.contact_id) });
    const modelled = await this.modelLikelihoods([...new Set(raw.filter((r) => r.outcome === 'open').map((r) => r.contact_id))]);
    const ranked = raw.map((r) => {
      const task = {
        id: r.id, contactId: r.contact_id, ruleId: r.rule_id, action: r.action, channel: r.channel, suggestedMessage: r.suggested_message, dueAtMs: Number(r.due_at_ms),
        priority: Number(r.priority), status: r.status, snoozedUntilMs: r.snoozed_until_ms === null ? null : Number(r.snoozed_until_ms),
        because: JSON.parse(r.because) as FollowUpTask['because'], origin: r.origin, note: r.note, repeat: r.repeat_every,
      } as FollowUpTask;
      const contact = { displayName: r.display_name, cell: r.cell, stage: Number(r.stage) as Stage, outcome: r.outcome };
      const rank = rankFollowUp(
        {
          priority: task.priority as 1 | 2 | 3 | 4 | 5,
          dealLikelihood: (contact.outcome === 'open' ? modelled?.get(task.contactId) : undefined)
            ?? stagePriorCloseProbability(contact.stage, contact.outcome, DEFAULT_SCORING_CONFIG),
          expectedValueFen: budgets.get(task.contactId) ?? DEFAULT_EXPECTED_PREMIUM_FEN,
          dueAtMs: task.dueAtMs,
        },
        now,
      );
      return { task, contact, rank };
    });
    ranked.sort((a, b) => b.rank - a.rank || a.task.dueAtMs - b.task.dueAtMs || a.task.id.localeCompare(b.task.id));
    return ranked.map(({ task, contact }) => presentTask(task, contact));
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
