import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import type { ComputeSnapshotsRequest, RecordStudyRequest } from '@kejing/shared';
import { Optional } from '../../middleware/validate';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** ?day=YYYY-MM-DD: read that day's snapshot instead of the latest. */
export class DashboardQuery {
  @Optional() @IsString() @Matches(DAY, { message: '日期应为 YYYY-MM-DD，例如 2026-05-01' }) day?: string;
}

/** GET /api/dashboards/funnel: exactly one of orgUnitId and agentId; days of trend (1..90, default 30). */
export class FunnelQuery extends DashboardQuery {
  @Optional() @IsUUID() orgUnitId?: string;
  @Optional() @IsUUID() agentId?: string;
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(90) days?: number;
}

export class RecordStudyDto implements RecordStudyRequest {
  @IsUUID() contentVersionId!: string;
  @IsInt() @Min(0) @Max(100) depthPct!: number;
}

export class ComputeSnapshotsDto implements ComputeSnapshotsRequest {
  @Optional() @IsString() @Matches(DAY, { message: '日期应为 YYYY-MM-DD，例如 2026-05-01' }) day?: string;
}
