import type { DataSource } from 'typeorm';
import { DealOutcome, DEFAULT_SCORING_CONFIG, FollowUpChannel, GridCellCode, rankFollowUp, Stage, stagePriorCloseProbability, TaskStatus, TaskView } from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import { chinaDayOf, chinaDayStartMs, DAY_MS, endOfChinaDay } from '../../lib/china-day';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { Kyb134InputsService } from '../dashboards/kyb134-inputs.service';
import { shownContactOf } from '../contacts/queries/shown-contact';
import { latestLeadBudgets } from '../leads/queries/latest-budgets';
import { activeContactIdFor, FollowUpTask } from './follow-up-task.entity';
import { presentTask } from './task.presenter';

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
      `SELECT t.id, t.contact_id, t.rule_id, t.action, t.channel, t.suggested_message, t.due_at_ms, t.priority, t.status, t.snoozed_until_ms, t.because,
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
        because: JSON.parse(r.because) as FollowUpTask['because'],
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

  async snooze(actor: StaffActor, taskId: string, untilIso: string): Promise<TaskView> {
    const until = Date.parse(untilIso);
    const now = this.clock.nowMs();
    if (!(until > now)) throw badRequest([{ field: 'until', reason: 'must be in the future' }]);
    if (until > now + 30 * DAY_MS) throw badRequest([{ field: 'until', reason: 'must be within 30 days' }]);
    return this.transition(actor, taskId, { status: 'snoozed', snoozedUntilMs: until });
  }

  private async transition(actor: StaffActor, taskId: string, change: Partial<FollowUpTask>): Promise<TaskView> {
    const repo = this.dataSource.getRepository(FollowUpTask);
    const task = await repo.findOneBy({ id: taskId, agentId: actor.staffId });
    if (!task) throw notFound('task');
    if (task.status === 'done' || task.status === 'dismissed') throw new AppError(409, 'task_closed', `the task is already ${task.status}`);
    await repo.update({ id: task.id }, { ...change, activeContactId: activeContactIdFor(change.status ?? task.status, task.contactId) });
    const contact = await shownContactOf(this.dataSource, task.contactId);
    return presentTask({ ...task, ...change } as FollowUpTask, contact);
  }
}
