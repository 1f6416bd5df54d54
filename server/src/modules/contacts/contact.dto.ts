import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import {
  AGENT_TOUCHPOINT_TYPES, AgentTouchpointType, GRID_CELLS, GridCellCode, LogActionRequest, PAGE_SIZE_MAX, REFERRAL_CLASSES, ReferralClass,
} from '@kejing/shared';
import { PAGE_NUMBER_MAX } from '../../http/pagination';
import { Optional } from '../../middleware/validate';

/** Query string of GET /api/contacts (strings from the URL, converted explicitly). */
export class ListContactsQuery {
  @Optional() @IsIn(GRID_CELLS) cell?: GridCellCode;
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(8) stage?: number;
  @Optional() @IsIn(REFERRAL_CLASSES) referral?: ReferralClass;
  @Optional() @IsString() @Matches(/^(need|audience|life_event|stage):[\w-]{1,40}$/) tag?: string;
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_NUMBER_MAX) page?: number;
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_SIZE_MAX) pageSize?: number;
}

export class LogActionDto implements LogActionRequest {
  @IsUUID() clientEventId!: string;
  @IsIn(AGENT_TOUCHPOINT_TYPES) type!: AgentTouchpointType;
  @Optional() @IsString() @Length(0, 1000) note?: string;
  @Optional() @IsISO8601({ strict: true }) occurredAt?: string;
}
