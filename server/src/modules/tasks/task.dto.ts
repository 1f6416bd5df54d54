import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { Optional } from '../../middleware/validate';
import { FOLLOW_UP_CHANNELS, MORNING_LIST_PAGE_MAX, REMINDER_NOTE_MAX, REMINDER_REPEATS, SNOOZE_PRESETS } from '@kejing/shared';
import type { CreateReminderRequest, FollowUpChannel, MorningListQuery, ReminderRepeat, SnoozePreset, SnoozeTaskRequest } from '@kejing/shared';

/** One of the two: the service says so when both or neither are given. */
export class SnoozeTaskDto implements SnoozeTaskRequest {
  @Optional() @IsISO8601({ strict: true }) until?: string;
  @Optional() @IsIn([...SNOOZE_PRESETS]) preset?: SnoozePreset;
}

export class CreateReminderDto implements CreateReminderRequest {
  @IsUUID() contactId!: string;
  @IsISO8601({ strict: true }) dueAt!: string;
  @IsString() @Length(1, REMINDER_NOTE_MAX) @Matches(/^(?=.*\S)[^\u0000-\u0009\u000b-\u001f\u007f]*$/, { message: '请写下要做的事（不能只有空格或控制字符）' }) note!: string;
  @Optional() @IsIn([...FOLLOW_UP_CHANNELS]) channel?: FollowUpChannel;
  @Optional() @IsIn([...REMINDER_REPEATS]) repeat?: ReminderRepeat;
}

/** Query string of GET /api/tasks/today (strings from the URL, converted explicitly). */
export class MorningListQueryDto implements MorningListQuery {
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(MORNING_LIST_PAGE_MAX) limit?: number;
  /** Opaque: the `next` of the page before (checked by the service). */
  @Optional() @IsString() @Length(1, 200) after?: string;
}
