/** The wire format of the staff lifecycle, handover and the pool (公海) (times ISO-8601). */
import type { GridCellCode, Role, Stage } from './domain';

/** How a contact changed hands: an admin's or leader's handover, a claim from the pool, an allocation from it, the daily take-back. */
export type HandoverKind = 'handover' | 'claim' | 'allocate' | 'take_back';
export const HANDOVER_KINDS: readonly HandoverKind[] = ['handover', 'claim', 'allocate', 'take_back'];

/** GET /api/admin/staff — one staff member as the admin console lists them. */
export interface StaffMemberView {
  staffId: string;
  name: string;
  role: Exclude<Role, 'viewer'>;
  orgUnitId: string;
  orgUnitName: string;
  /** Bound to WeChat (the invite code was used). */
  bound: boolean;
  /** Null while the person works here. */
  deactivatedAt: string | null;
  /** Contacts the person serves now (agents and leaders). */
  contactCount: number;
}
/** PATCH /api/admin/staff/:staffId — move to another org unit and/or change role. */
export interface UpdateStaffRequest {
  orgUnitId?: string;
  role?: Exclude<Role, 'viewer'>;
}
/** POST /api/admin/staff/:staffId/deactivate — the leaver's contacts go to receiverAgentId, or to their team's pool without one. */
export interface DeactivateStaffRequest {
  receiverAgentId?: string;
}
/** POST /api/admin/handovers — all (no contactIds) or some of an agent's contacts, to an agent or (no receiverAgentId) the team's pool. */
export interface HandoverRequest {
  fromAgentId: string;
  contactIds?: string[];
  receiverAgentId?: string;
}
export interface HandoverSkipView {
  contactId: string;
  /** Why this contact stayed where it was, in Chinese. */
  reason: string;
}
export interface HandoverResultView {
  batchId: string;
  /** Contacts moved. */
  moved: number;
  /** What each module moved with them ("contacts", "tasks" …), counted. */
  steps: { step: string; moved: number }[];
  skipped: HandoverSkipView[];
  /** The receiver's name, or the pool's team name. */
  receiverName: string;
}
export interface DeactivatedStaffView {
  staffId: string;
  deactivatedAt: string;
  handover: HandoverResultView;
}
/** GET /api/pool — a contact waiting in a team's pool. */
export interface PoolContactView {
  contactId: string;
  displayName: string;
  stage: Stage;
  cell: GridCellCode;
  poolOrgUnitId: string;
  poolName: string;
  /** 移交自: who had the contact before it came to the pool, by name. */
  handedOverFromName: string | null;
  pooledAt: string | null;
  lastTouchAt: string | null;
}
/** POST /api/pool/:contactId/allocate */
export interface AllocateFromPoolRequest {
  agentId: string;
}
/** POST /api/pool/:contactId/claim and /allocate */
export interface PoolMoveView {
  contactId: string;
  agentId: string;
  /** Claims the agent has left today (allocations do not count). */
  claimsLeftToday: number;
}
/** GET /api/admin/overdue-follow-ups — per member of the caller's subtree, their overdue follow-ups. */
export interface OverdueFollowUpsView {
  agentId: string;
  agentName: string;
  orgUnitName: string;
  overdue: number;
  /** The longest overdue one. */
  oldestDueAt: string;
}
/** GET /api/card/persona-templates — a persona template for the agent card. */
export interface PersonaTemplateView {
  code: string;
  name: string;
  /** The intro with {姓名} and {公司} where the agent's name and company go. */
  introTemplate: string;
}
/** PUT /api/admin/persona-templates — the whole list, in order. */
export interface PersonaTemplatesRequest {
  templates: PersonaTemplateView[];
}
