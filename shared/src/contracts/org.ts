/** The wire format of organisation (admin): request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { Role } from './domain';

export type OrgUnitKind = 'company' | 'branch' | 'team';
export interface CreateOrgUnitRequest {
  kind: OrgUnitKind;
  name: string;
  parentId?: string;
}
export interface OrgUnitView {
  id: string;
  kind: OrgUnitKind;
  name: string;
  parentId: string | null;
}
/** POST /api/admin/staff — creates an agent (or leader/manager/operator) and an invite code. */
export interface CreateStaffRequest {
  name: string;
  role: Exclude<Role, 'viewer'>;
  orgUnitId: string;
  employeeNo?: string;
  licenceNo?: string;
}
export interface StaffCreatedView {
  staffId: string;
  agentId?: string;
  inviteCode: string;
  inviteExpiresAt: string;
}
