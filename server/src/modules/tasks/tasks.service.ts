import type { DataSource } from 'typeorm';
import { DEFAULT_SCORING_CONFIG, rankFollowUp, stagePriorCloseProbability, TaskView } from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import { Contact } from '../contacts/contact.entity';
import { FollowUpTask } from './follow-up-task.entity';
import { presentTask } from './task.presenter';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
/** Expected premium when the contact named no budget (the agent's average, once KYB134 knows it). */
export const DEFAULT_EXPECTED_PREMIUM_FEN = 5_000_00;

/** The end of the China calendar day containing `ms`. */
export function endOfChinaDay(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - CHINA_OFFSET_MS;
}

interface TodayRow {
  task: FollowUpTask;
  contact: Contact;
  budgetFen: number | null;
}

/** The morning list and what the agent does with it (done / snooze / dismiss). */
export class TasksService {
  constructor(private readonly dataSource: DataSource, private readonly clock: Clock) {}

  /** Today's follow-ups for the agent, most valuable first: deal likelihood × expected value × urgency. */
  async today(actor: StaffActor): Promise<TaskView[]> {
    const now = this.clock.nowMs();
    const raw = await this.dataSource
      .getRepository(FollowUpTask)
      .createQueryBuilder('task')
      .innerJoinAndMapOne('task.contact', Contact, 'contact', 'contact.id = task.contact_id')
      .where('task.agent_id = :agentId', { agentId: actor.staffId })
      .andWhere('contact.opted_out = :optedOut', { optedOut: 0 })
      .andWhere(
        '((task.status = :open AND task.due_at_ms <= :endOfDay) OR (task.status = :snoozed AND task.snoozed_until_ms <= :now))',
        { open: 'open', snoozed: 'snoozed', endOfDay: endOfChinaDay(now), now },
      )
      .getMany();
    const budgets = await this.latestBudgets(raw.map((t) => t.contactId));
    const rows: TodayRow[] = raw.map((task) => ({ task, contact: (task as FollowUpTask & { contact: Contact }).contact, budgetFen: budgets.get(task.contactId) ?? null }));
    const ranked = rows
      .map((row) => ({
        row,
        rank: rankFollowUp(
          {
            priority: row.task.priority as 1 | 2 | 3 | 4 | 5,
            dealLikelihood: stagePriorCloseProbability(row.contact.stage, row.contact.outcome, DEFAULT_SCORING_CONFIG),
            expectedValueFen: row.budgetFen ?? DEFAULT_EXPECTED_PREMIUM_FEN,
            dueAtMs: row.task.dueAtMs,
          },
          now,
        ),
      }))
      .sort((a, b) => b.rank - a.rank || a.row.task.dueAtMs - b.row.task.dueAtMs || a.row.task.id.localeCompare(b.row.task.id));
    return ranked.map(({ row }) => presentTask(row.task, row.contact));
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
    await repo.update({ id: task.id }, change);
    const contact = await this.dataSource.getRepository(Contact).findOneByOrFail({ id: task.contactId });
    return presentTask({ ...task, ...change } as FollowUpTask, contact);
  }

  private async latestBudgets(contactIds: string[]): Promise<Map<string, number>> {
    if (contactIds.length === 0) return new Map();
    const rows: { contact_id: string; budget_fen: number | string | null; created_at_ms: number | string }[] = await this.dataSource.query(
      `SELECT contact_id, budget_fen, created_at_ms FROM lead WHERE budget_fen IS NOT NULL AND contact_id IN (${contactIds.map(() => '?').join(',')})`,
      contactIds,
    );
    const latest = new Map<string, { at: number; budget: number }>();
    for (const r of rows) {
      const at = Number(r.created_at_ms);
      if (!latest.has(r.contact_id) || (latest.get(r.contact_id) as { at: number }).at < at) latest.set(r.contact_id, { at, budget: Number(r.budget_fen) });
    }
    return new Map([...latest].map(([id, v]) => [id, v.budget]));
  }
}
