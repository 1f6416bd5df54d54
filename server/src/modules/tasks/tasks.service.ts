import type { DataSource } from 'typeorm';
import { SNOOZE_AHEAD_MAX_DAYS, SnoozePreset, snoozePresetUntilMs, TaskView } from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import { DAY_MS, endOfChinaDay } from '../../lib/china-day';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import { shownContactOf } from '../contacts/queries/shown-contact';
import { FollowUpTask, PENDING_TASK_STATUSES } from './follow-up-task.entity';
import { lockContactForTasks, moveTask } from './follow-up-slot';
import { presentTask } from './task.presenter';

/** A closed task's status in a refusal: 这条任务已{完成}. */
const TASK_STATUS_ZH: Partial<Record<string, string>> = { done: '完成', dismissed: '忽略', snoozed: '推迟', scheduled: '安排', waiting: '等待中' };

/** What the agent does with a follow-up on the morning list: done, snooze, dismiss. */
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    /** Where a reminder coming due is announced (RemindersService.announceDue). */
    private readonly reminderDue: (reminders: FollowUpTask[]) => Promise<void> = async () => undefined,
  ) {}

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
