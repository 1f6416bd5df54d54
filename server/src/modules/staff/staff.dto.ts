import { IsIn, IsOptional, IsString, IsUUID, Length, IsUrl } from 'class-validator';
import type { CreateOrgUnitRequest, CreateStaffRequest, OrgUnitKind, UpdateCardRequest } from '@kejing/shared';
import type { StaffRole } from './staff-member.entity';

export class CreateOrgUnitDto implements CreateOrgUnitRequest {
  @IsIn(['company', 'branch', 'team']) kind!: OrgUnitKind;
  @IsString() @Length(1, 200) name!: string;
  @IsOptional() @IsUUID() parentId?: string;
}

export class CreateStaffDto implements CreateStaffRequest {
  @IsString() @Length(1, 100) name!: string;
  @IsIn(['agent', 'leader', 'manager', 'operator', 'admin']) role!: StaffRole;
  @IsUUID() orgUnitId!: string;
  @IsOptional() @IsString() @Length(1, 64) employeeNo?: string;
  @IsOptional() @IsString() @Length(1, 64) licenceNo?: string;
}

export class UpdateCardDto implements UpdateCardRequest {
  @IsOptional() @IsString() @Length(1, 100) name?: string;
  @IsOptional() @IsUrl({ protocols: ['https', 'http'], require_tld: false }) @Length(1, 500) photoUrl?: string;
  @IsOptional() @IsString() @Length(0, 1000) intro?: string;
  @IsOptional() @IsString() @Length(1, 64) personaTemplate?: string;
}
