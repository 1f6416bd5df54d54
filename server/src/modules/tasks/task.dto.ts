import { IsISO8601 } from 'class-validator';
import type { SnoozeTaskRequest } from '@kejing/shared';

export class SnoozeTaskDto implements SnoozeTaskRequest {
  @IsISO8601({ strict: true }) until!: string;
}
