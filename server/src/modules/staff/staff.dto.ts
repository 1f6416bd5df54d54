import { IsIn, IsString, IsUUID, Length, IsUrl } from 'class-validator';
import type { CreateOrgUnitRequest, CreateStaffRequest, OrgUnitKind, UpdateCardRequest } from '@kejing/shared';
import type { StaffRole } from '@kejing/shared';
import { Optional } from '../../middleware/validate';

export class CreateOrgUnitDto implements CreateOrgUnitRequest {
  @IsIn(['company', 'branch', 'team']) kind!: OrgUnitKind;
  @IsString() @Length(1, 200) name!: string;
  @Optional() @IsUUID() parentId?: string;
}

export class CreateStaffDto implements CreateStaffRequest {
  @IsString() @Length(1, 100) name!: string;
  @IsIn(['agent', 'leader', 'manager', 'operator', 'admin']) role!: StaffRole;
  @IsUUID() orgUnitId!: string;
  @Optional() @IsString() @Length(1, 64) employeeNo?: string;
  @Optional() @IsString() @Length(1, 64) licenceNo?: string;
}

export class UpdateCardDto implements UpdateCardRequest {
  @Optional() @IsString() @Length(1, 100) name?: string;
  @Optional() @IsUrl({ protocols: ['https', 'http'], require_tld: false }) @Length(1, 500) photoUrl?: string;
  @Optional() @IsString() @Length(0, 1000) intro?: string;
  @Optional() @IsString() @Length(1, 64) personaTemplate?: string;
}
