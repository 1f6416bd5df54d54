import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsUUID } from 'class-validator';
import type { AllocateFromPoolRequest, DeactivateStaffRequest, HandoverRequest, UpdateStaffRequest } from '@kejing/shared';
import { Optional } from '../../middleware/validate';

export class UpdateStaffDto implements UpdateStaffRequest {
  @Optional() @IsUUID() orgUnitId?: string;
  @Optional() @IsIn(['agent', 'leader', 'manager', 'operator', 'admin']) role?: UpdateStaffRequest['role'];
}

export class DeactivateStaffDto implements DeactivateStaffRequest {
  @Optional() @IsUUID() receiverAgentId?: string;
}

export class HandoverDto implements HandoverRequest {
  @IsUUID() fromAgentId!: string;
  @Optional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2000) @IsUUID('all', { each: true }) contactIds?: string[];
  @Optional() @IsUUID() receiverAgentId?: string;
}

export class AllocateFromPoolDto implements AllocateFromPoolRequest {
  @IsUUID() agentId!: string;
}
