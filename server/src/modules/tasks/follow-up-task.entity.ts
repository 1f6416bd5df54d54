import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FollowUpChannel, ReminderRepeat, TaskOrigin, TaskStatus, TouchpointType } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** One follow-up (跟进策略) for one touchpoint: trigger_key is unique, so a rescoring never doubles it. */
@Entity('follow_up_task')
// The morning list ranks an agent's tasks from this index alone (migration 1767300000000).
@Index('idx_follow_up_task_agent_status', ['agentId', 'status', 'dueAtMs', 'createdAtMs', 'snoozedUntilMs', 'priority', 'contactId', 'id'])
// The daily job finds the reminders coming due (scheduled, by time).
@Index('idx_follow_up_task_status_due', ['status', 'dueAtMs'])
export class FollowUpTask {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @UuidColumn({ name: 'agent_id' }) agentId!: string;
  @Index('idx_follow_up_task_contact') @UuidColumn({ name: 'contact_id' }) contactId!: string;
  /** The touchpoint (or daily-job reason) that produced this task; one task per trigger. */
  @Index('uq_follow_up_task_trigger', { unique: true })
  @Column({ name: 'trigger_key', type: 'varchar', length: 100 })
  triggerKey!: string;
  @Column({ name: 'rule_id', type: 'varchar', length: 64 }) ruleId!: string;
  @Column({ type: 'varchar', length: 200 }) action!: string;
  @Column({ type: 'varchar', length: 12, default: 'message' }) channel!: FollowUpChannel;
  @Column({ name: 'suggested_message', type: 'varchar', length: 1000 }) suggestedMessage!: string;
  @EpochMsColumn({ name: 'due_at_ms' }) dueAtMs!: number;
  @Column({ type: 'int' }) priority!: number;
  @Column({ type: 'varchar', length: 12 }) status!: TaskStatus;
  @EpochMsColumn({ name: 'snoozed_until_ms', nullable: true }) snoozedUntilMs!: number | null;
  @EpochMsColumn({ name: 'done_at_ms', nullable: true }) doneAtMs!: number | null;
  @Column({ type: 'simple-json' }) because!: { type: TouchpointType; atMs: number; contentTitle: string | null }[];
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
  /**
   * The contact's id while the task is active (open or snoozed), else null: unique, so a contact
   * cannot have two active follow-ups whatever processes race (NULLs do not collide). Set through
   * `activeContactIdFor` by every writer of `status`.
   */
  @Index('uq_follow_up_task_active_contact', { unique: true })
  @Column({ name: 'active_contact_id', type: 'varchar', length: 36, nullable: true })
  activeContactId!: string | null;
  /** rule (planned) or reminder (the agent's own). */
  @Column({ type: 'varchar', length: 8, default: 'rule' }) origin!: TaskOrigin;
  /** The agent's words on a reminder. */
  @Column({ type: 'varchar', length: 200, nullable: true }) note!: string | null;
  /** `repeat` is a reserved word in MySQL. */
  @Column({ name: 'repeat_every', type: 'varchar', length: 8, nullable: true }) repeat!: ReminderRepeat | null;
  /** A repeating reminder's first time: later ones are counted from it (a monthly one on the 31st stays at month end). */
  @EpochMsColumn({ name: 'series_start_ms', nullable: true }) seriesStartMs!: number | null;
}

/** Statuses in which a task is the contact's one active follow-up. */
export const ACTIVE_TASK_STATUSES: readonly TaskStatus[] = ['open', 'snoozed'];

/** Statuses of a task not yet closed: active, a reminder to come, or a rule task waiting for the place. */
export const PENDING_TASK_STATUSES: readonly TaskStatus[] = ['open', 'snoozed', 'scheduled', 'waiting'];

/** The value of `active_contact_id` for a task of `contactId` in `status`. */
export function activeContactIdFor(status: TaskStatus, contactId: string): string | null {
  return ACTIVE_TASK_STATUSES.includes(status) ? contactId : null;
}
