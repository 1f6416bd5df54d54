import { IsIn, IsInt, IsObject, IsString, Matches, Max, Min } from 'class-validator';
import type { RecordGrantsRequest, UpdateNotificationSettingsRequest } from '@kejing/shared';
import { Optional } from '../../middleware/validate';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class UpdateNotificationSettingsDto implements UpdateNotificationSettingsRequest {
  @Optional() @IsString() @Matches(HHMM, { message: '时间格式应为 HH:MM，例如 22:00' }) quietStart?: string;
  @Optional() @IsString() @Matches(HHMM, { message: '时间格式应为 HH:MM，例如 08:00' }) quietEnd?: string;
  /** WeChat sends at most one message per grant anyway; the cap keeps a busy day from buzzing all day. */
  @Optional() @IsInt({ message: '每日上限应为 0–50 的整数' }) @Min(0, { message: '每日上限应为 0–50 的整数' }) @Max(50, { message: '每日上限应为 0–50 的整数' }) dailyCap?: number;
}

export class RecordGrantsDto implements RecordGrantsRequest {
  /** requestSubscribeMessage's answer as it comes: template id → accept / reject / ban / filter. */
  @IsObject() results!: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>;
}

export class NoticeListQuery {
  @Optional() @IsIn(['true', 'false']) unread?: 'true' | 'false';
}
