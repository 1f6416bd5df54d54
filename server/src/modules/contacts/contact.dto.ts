import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import {
  AGENT_TOUCHPOINT_TYPES, AgentTouchpointType, GRID_CELLS, GridCellCode, LogActionRequest, PAGE_SIZE_MAX, REFERRAL_CLASSES, ReferralClass,
} from '@kejing/shared';

/** Query string of GET /api/contacts (strings from the URL, converted explicitly). */
export class ListContactsQuery {
  @IsOptional() @IsIn(GRID_CELLS) cell?: GridCellCode;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(8) stage?: number;
  @IsOptional() @IsIn(REFERRAL_CLASSES) referral?: ReferralClass;
  @IsOptional() @IsString() @Matches(/^(need|audience|life_event|stage):[\w-]{1,40}$/) tag?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_SIZE_MAX) pageSize?: number;
}

export class LogActionDto implements LogActionRequest {
  @IsUUID() clientEventId!: string;
  @IsIn(AGENT_TOUCHPOINT_TYPES) type!: AgentTouchpointType;
  @IsOptional() @IsString() @Length(0, 1000) note?: string;
  @IsOptional() @IsISO8601({ strict: true }) occurredAt?: string;
}
