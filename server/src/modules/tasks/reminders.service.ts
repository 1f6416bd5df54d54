import { randomUUID } from 'node:crypto';
import { In, LessThanOrEqual, type DataSource } from 'typeorm';
import { addressNameOf, REMINDER_AHEAD_MAX_DAYS, reminderMessageOpening, type TaskView } from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import { DAY_MS, endOfChinaDay } from '../../lib/china-day';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { StaffActor } from '../../permissions/actor';
import { contactBriefs, type ContactBrief } from '../contacts/contact-brief.queries';
import { activateReminder, fillPlace, lockContactForTasks } from './follow-up-slot';
import { FollowUpTask } from './follow-up-task.entity';
import type { CreateReminderDto } from './task.dto';
import { presentTask } from './task.presenter';
import { announceReminderDue, type ReminderNotifier } from './reminder-due';

/** A closed task's status in a refusal: 这条任务已{完成}. */
const TASK_STATUS_ZH: Partial<Record<string, string>> = { done: '完成', dismissed: '忽略', snoozed: '推迟', scheduled: '安排', waiting: '等待中' };

/** An agent's promise to a customer ranks beside the sharper rule tasks (a lead is 1). */
const REMINDER_PRIORITY = 2;
/** A reminder set a moment ago for "now" is not refused for the seconds the request took. */
const PAST_GRACE_MS = 5 * 60_000;

/**
 * The agent's own reminders (提醒): set for a contact at a time, maybe repeating; they wait
 * (scheduled) until their day, then take the contact's place on the morning list (follow-up-slot.ts).
 */
export class RemindersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Tells the agent (消息, WeChat push) when a reminder comes due; null: the log and the morning list only. */
    private readonly notifier: ReminderNotifier | null = null,
  ) {}

  async create(actor: StaffActor, dto: CreateReminderDto): Promise<TaskView> {
    const contact = await this.ownContact(actor, dto.contactId);
    if (contact.optedOut) {
      throw new AppError(409, 'contact_opted_out', undefined, [{ field: 'contactId', reason: '客户已选择不接收个性化跟进，不能设提醒' }]);
    }
    const now = this.clock.nowMs();
    const dueAtMs = Date.parse(dto.dueAt);
    if (dueAtMs < now - PAST_GRACE_MS) throw badRequest([{ field: 'dueAt', reason: '提醒时间已经过去，请选一个将来的时间' }]);
    if (dueAtMs > now + REMINDER_AHEAD_MAX_DAYS * DAY_MS) throw badRequest([{ field: 'dueAt', reason: `提醒最多设在一年（${REMINDER_AHEAD_MAX_DAYS}天）以内` }]);
    const note = dto.note.trim();
    const reminder: FollowUpTask = {
      id: randomUUID(), agentId: actor.staffId, contactId: contact.id, triggerKey: `reminder:${randomUUID()}`, ruleId: 'reminder',
      // The card's first line is the agent's own words.
      action: (note.split('\n')[0] as string).trim(), channel: dto.channel ?? 'call', suggestedMessage: reminderMessageOpening(addressNameOf(contact)),
      dueAtMs, priority: REMINDER_PRIORITY, status: 'scheduled', snoozedUntilMs: null, doneAtMs: null, because: [], createdAtMs: now,
      activeContactId: null, origin: 'reminder', note, repeat: dto.repeat ?? null, seriesStartMs: dto.repeat ? dueAtMs : null,
    };
    let due = false;
    await this.dataSource.transaction(async (manager) => {
      await lockContactForTasks(manager, contact.id);
      await manager.insert(FollowUpTask, reminder);
      // Due today: on this morning's list now, not tomorrow's.
      if (dueAtMs <= endOfChinaDay(now)) due = await activateReminder(manager, reminder);
    });
    if (due) await this.announceDue([reminder]);
    return this.present(reminder.id, contact);
  }

  /** The contact's reminders not yet done, soonest first: what the contact page lists under 提醒. */
  async ofContact(actor: StaffActor, contactId: string): Promise<TaskView[]> {
    const contact = await this.ownContact(actor, contactId);
    const rows = await this.dataSource.getRepository(FollowUpTask).find({
      where: { contactId, agentId: actor.staffId, origin: 'reminder', status: In(['scheduled', 'open', 'snoozed']) }, order: { dueAtMs: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => presentTask(r, contact));
  }

  /** Cancels a reminder and its repeats (done or dismissed would make the next one); the place goes to what waited. */
  async cancel(actor: StaffActor, taskId: string): Promise<void> {
    const found = await this.dataSource.getRepository(FollowUpTask).findOneBy({ id: taskId, agentId: actor.staffId, origin: 'reminder' });
    if (!found) throw notFound('reminder');
    const now = this.clock.nowMs();
    const due = await this.dataSource.transaction(async (manager) => {
      await lockContactForTasks(manager, found.contactId);
      const current = await manager.getRepository(FollowUpTask).findOneByOrFail({ id: found.id });
      if (!['scheduled', 'open', 'snoozed'].includes(current.status)) throw new AppError(409, 'task_closed', `这条提醒已${TASK_STATUS_ZH[current.status] ?? '处理'}，请刷新后查看`);
      await manager.update(FollowUpTask, { id: current.id }, { status: 'dismissed', snoozedUntilMs: null, activeContactId: null });
      return fillPlace(manager, current.contactId, endOfChinaDay(now));
    });
    if (due) await this.announceDue([due]);
  }

  /**
   * The daily job's morning: every reminder due by the end of `asOfMs`'s day takes its contact's
   * place (one per contact; the next comes when it is closed). Returns how many came due.
   */
  async comeDue(asOfMs: number): Promise<number> {
    const dueBy = endOfChinaDay(asOfMs);
    const waiting = await this.dataSource.getRepository(FollowUpTask).find({
      select: { id: true, contactId: true }, where: { status: 'scheduled', dueAtMs: LessThanOrEqual(dueBy) }, order: { dueAtMs: 'ASC', id: 'ASC' },
    });
    const announced: FollowUpTask[] = [];
    for (const contactId of [...new Set(waiting.map((w) => w.contactId))]) {
      const due = await this.dataSource.transaction(async (manager) => {
        await lockContactForTasks(manager, contactId);
        return fillPlaceOrTakeIt(manager, contactId, dueBy);
      });
      if (due) announced.push(due);
    }
    await this.announceDue(announced);
    return announced.length;
  }

  /** Every way a reminder comes due ends here. */
  announceDue(reminders: readonly FollowUpTask[]): Promise<void> {
    return announceReminderDue(this.dataSource, this.logger, this.notifier, reminders);
  }

  private async ownContact(actor: StaffActor, contactId: string): Promise<ContactBrief> {
    const contact = (await contactBriefs(this.dataSource, [contactId])).get(contactId);
    // Another agent's contact is as unknown as a missing one.
    if (!contact || contact.agentId !== actor.staffId) throw notFound('contact');
    return contact;
  }

  private async present(taskId: string, contact: ContactBrief): Promise<TaskView> {
    return presentTask(await this.dataSource.getRepository(FollowUpTask).findOneByOrFail({ id: taskId }), contact);
  }
}

/** A due reminder takes the place from a rule task (which waits); fillPlace alone would leave the rule task holding it. */
async function fillPlaceOrTakeIt(manager: Parameters<typeof fillPlace>[0], contactId: string, dueByMs: number): Promise<FollowUpTask | null> {
  const reminder = await manager.getRepository(FollowUpTask).findOne({
    where: { contactId, status: 'scheduled', dueAtMs: LessThanOrEqual(dueByMs) }, order: { dueAtMs: 'ASC', id: 'ASC' },
  });
  if (!reminder) return null;
  return (await activateReminder(manager, reminder)) ? reminder : null;
}
