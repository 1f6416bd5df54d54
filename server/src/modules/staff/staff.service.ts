import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { AgentCardView, CreateStaffRequest, OrgUnitKind, Role, StaffCreatedView, StaffMemberView, StaffRole, UpdateCardRequest, UpdateStaffRequest } from '@kejing/shared';
import { AppError, badRequest, forbidden, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { presentCard } from '../card/card.presenter';
import { contactCountsOf } from '../contacts/contact-ownership.queries';
import { orgUnitById, type OrgUnitRow } from '../org/queries/org-units';
import type { OrgService } from '../org/org.service';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { ComplianceService, CustomerText } from '../content/compliance.service';
import { hashInviteCode, INVITE_TTL_MS, newInviteCode } from './invite-codes';
import { StaffMember } from './staff-member.entity';
import { staffNamesOf } from './queries/staff-names';

const ORG_KIND_ZH: Record<OrgUnitKind, string> = { company: '公司', branch: '分公司', team: '团队' };
const ROLE_NAMES_ZH: Record<Role, string> = { viewer: '客户', agent: '营销员', leader: '团队长', manager: '机构管理者', operator: '内容运营', admin: '管理员' };

/** A leaver's session, login or binding: refused for good. */
export const staffDeactivated = () => new AppError(403, 'staff_deactivated', '该员工账号已停用，无法登录或绑定');

function assertUnitFitsRole(role: StaffRole, unit: OrgUnitRow): void {
  if (!(UNIT_KINDS_FOR_ROLE[role] as readonly string[]).includes(unit.kind)) {
    throw badRequest([{ field: 'orgUnitId', reason: `${ROLE_NAMES_ZH[role]}应属于${UNIT_KINDS_FOR_ROLE[role].map((k) => ORG_KIND_ZH[k]).join('或')}，请重新选择组织` }]);
  }
}

// Agents and leaders sit in a team; managers in a branch or the company; operators and admins anywhere.
const UNIT_KINDS_FOR_ROLE = {
  agent: ['team'], leader: ['team'], manager: ['branch', 'company'], operator: ['company', 'branch', 'team'], admin: ['company', 'branch', 'team'],
} as const;

/** Staff: created by an admin with a one-time invite code, bound to WeChat by the person. */
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly org: OrgService,
    private readonly compliance: ComplianceService,
    private readonly audit: AuditService,
  ) {}

  async create(request: CreateStaffRequest, actor?: StaffActor): Promise<StaffCreatedView> {
    const unit = await orgUnitById(this.dataSource, request.orgUnitId);
    if (!unit) throw notFound('org_unit');
    if (actor) this.assertMayManage(actor, unit.path, request.role);
    assertUnitFitsRole(request.role, unit);
    const inviteCode = newInviteCode();
    const now = this.clock.nowMs();
    const staff = this.dataSource.getRepository(StaffMember).create({
      id: randomUUID(), userId: null, role: request.role, orgUnitId: unit.id, name: request.name,
      employeeNo: request.employeeNo ?? null, licenceNo: request.licenceNo ?? null, photoUrl: null, intro: null,
      personaTemplate: null, inviteCodeHash: hashInviteCode(inviteCode), inviteExpiresAtMs: now + INVITE_TTL_MS, createdAtMs: now, deactivatedAtMs: null,
    });
    await this.dataSource.getRepository(StaffMember).save(staff);
    return {
      staffId: staff.id,
      ...(staff.role === 'agent' || staff.role === 'leader' ? { agentId: staff.id } : {}),
      inviteCode,
      inviteExpiresAt: new Date(staff.inviteExpiresAtMs as number).toISOString(),
    };
  }

  /** One UPDATE that only succeeds for an unused, unexpired code: two phones racing cannot both bind. */
  async bind(userId: string, inviteCode: string): Promise<StaffMember> {
    const repo = this.dataSource.getRepository(StaffMember);
    const existing = await repo.findOneBy({ userId });
    if (existing?.deactivatedAtMs) throw staffDeactivated();
    if (existing) throw new AppError(409, 'already_bound');
    const result = await repo
      .createQueryBuilder()
      .update()
      .set({ userId, inviteCodeHash: null, inviteExpiresAtMs: null })
      .where('invite_code_hash = :hash AND user_id IS NULL AND invite_expires_at_ms > :now AND deactivated_at_ms IS NULL', { hash: hashInviteCode(inviteCode), now: this.clock.nowMs() })
      .execute();
    if (result.affected !== 1) throw new AppError(400, 'invite_code_invalid', undefined, [{ field: 'inviteCode', reason: '邀请码不正确、已使用或已过期' }]);
    return repo.findOneByOrFail({ userId });
  }

  /** Staff in the actor's subtree (everyone for an admin), leavers included, by org unit then name. */
  async list(actor: StaffActor): Promise<StaffMemberView[]> {
    const qb = this.dataSource.getRepository(StaffMember).createQueryBuilder('staff')
      .innerJoin('org_unit', 'unit', 'unit.id = staff.org_unit_id')
      .select(['staff.id AS id', 'staff.name AS name', 'staff.role AS role', 'staff.org_unit_id AS orgUnitId', 'unit.name AS orgUnitName',
        'staff.user_id AS userId', 'staff.deactivated_at_ms AS deactivatedAtMs'])
      .orderBy('unit.path', 'ASC').addOrderBy('staff.name', 'ASC');
    if (actor.role !== 'admin') qb.where('unit.path LIKE :path', { path: `${actor.orgPath}%` });
    const rows: { id: string; name: string; role: StaffRole; orgUnitId: string; orgUnitName: string; userId: string | null; deactivatedAtMs: string | number | null }[] = await qb.getRawMany();
    const counts = await contactCountsOf(this.dataSource, rows.map((r) => r.id));
    return rows.map((r) => ({
      staffId: r.id, name: r.name, role: r.role, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, bound: r.userId !== null,
      deactivatedAt: r.deactivatedAtMs === null ? null : new Date(Number(r.deactivatedAtMs)).toISOString(), contactCount: counts.get(r.id) ?? 0,
    }));
  }

  /** A staff member the actor manages (their subtree; an admin anyone), or 404. */
  async findManaged(actor: StaffActor, staffId: string): Promise<{ staff: StaffMember; unit: OrgUnitRow }> {
    const staff = await this.dataSource.getRepository(StaffMember).findOneBy({ id: staffId });
    const unit = staff ? await orgUnitById(this.dataSource, staff.orgUnitId) : null;
    if (!staff || !unit || !(actor.role === 'admin' || unit.path.startsWith(actor.orgPath))) throw notFound('staff');
    return { staff, unit };
  }

  /**
   * Moves a staff member to another org unit and/or gives them another role. Their contacts stay
   * theirs, so a leader's and manager's scope over them follows the move at once (scope is read
   * from the staff row on every request). A role that holds no contacts is refused while they hold some.
   */
  async update(actor: StaffActor, staffId: string, update: UpdateStaffRequest): Promise<StaffMemberView> {
    const { staff } = await this.findManaged(actor, staffId);
    const contactsHeld = (await contactCountsOf(this.dataSource, [staff.id])).get(staff.id) ?? 0;
    if (staff.deactivatedAtMs) throw staffDeactivated();
    const role = update.role ?? staff.role;
    const unit = await orgUnitById(this.dataSource, update.orgUnitId ?? staff.orgUnitId);
    if (!unit) throw notFound('org_unit');
    this.assertMayManage(actor, unit.path, role);
    assertUnitFitsRole(role, unit);
    if (role !== 'agent' && role !== 'leader' && contactsHeld > 0) {
      throw new AppError(409, 'holds_contacts', `${staff.name}仍有${contactsHeld}位客户，请先移交再改为该角色`);
    }
    const before = { orgUnitId: staff.orgUnitId, role: staff.role };
    await this.dataSource.transaction(async (manager) => {
      await manager.update(StaffMember, { id: staff.id }, { orgUnitId: unit.id, role });
      await this.audit.record({
        actorId: actor.staffId, action: 'staff.updated', subjectType: 'staff_member', subjectId: staff.id,
        detail: { fromOrgUnitId: before.orgUnitId, toOrgUnitId: unit.id, fromRole: before.role, toRole: role },
      }, manager);
    });
    const view = (await this.list({ ...actor, role: 'admin' })).find((s) => s.staffId === staff.id);
    if (!view) throw notFound('staff');
    return view;
  }

  /** Marks the leaver in the caller's transaction: an unused invite dies with it. */
  async markDeactivated(manager: EntityManager, staffId: string, atMs: number): Promise<void> {
    await manager.update(StaffMember, { id: staffId }, { deactivatedAtMs: atMs, inviteCodeHash: null, inviteExpiresAtMs: null });
  }

  /** A serving agent (or leader) by id, or null: the receiver of a handover or an allocation. */
  async activeAgent(agentId: string): Promise<{ staff: StaffMember; unit: OrgUnitRow } | null> {
    const staff = await this.dataSource.getRepository(StaffMember).findOneBy({ id: agentId });
    if (!staff || staff.deactivatedAtMs !== null || (staff.role !== 'agent' && staff.role !== 'leader')) return null;
    const unit = await orgUnitById(this.dataSource, staff.orgUnitId);
    return unit ? { staff, unit } : null;
  }

  /** Managers manage their subtree, and only agents and leaders in it; admins anyone. */
  private assertMayManage(actor: StaffActor, unitPath: string, role: StaffRole): void {
    if (actor.role === 'admin') return;
    if (actor.role !== 'manager' || !unitPath.startsWith(actor.orgPath)) throw forbidden('该组织不在您的管辖范围内');
    if (role !== 'agent' && role !== 'leader') throw forbidden('机构管理者只能管理营销员和团队长');
  }

  async findByUser(userId: string): Promise<StaffMember | null> {
    return this.dataSource.getRepository(StaffMember).findOneBy({ userId });
  }

  /** Names of staff members by id (who wrote a note, who owns a contact). */
  namesOf(staffIds: string[]): Promise<Map<string, string>> {
    return staffNamesOf(this.dataSource, staffIds);
  }

  /** The org path of a staff member's unit ("/company/branch/team/"), for what is visible to them. */
  async orgPathOf(staffId: string): Promise<string> {
    const staff = await this.dataSource.getRepository(StaffMember).findOneBy({ id: staffId });
    const unit = staff ? await orgUnitById(this.dataSource, staff.orgUnitId) : null;
    if (!unit) throw notFound('agent');
    return unit.path;
  }

  async card(staffId: string): Promise<AgentCardView> {
    const staff = await this.dataSource.getRepository(StaffMember).findOneBy({ id: staffId });
    if (!staff) throw notFound('agent');
    const company = await this.org.companyOf(staff.orgUnitId);
    return presentCard(staff, company?.name ?? '');
  }

  /**
   * The card shows under every share the agent sends, so its name and intro are text a customer
   * reads: they pass the one compliance check before anything is saved.
   */
  async updateCard(actor: StaffActor, update: UpdateCardRequest): Promise<AgentCardView> {
    const repo = this.dataSource.getRepository(StaffMember);
    const staff = await repo.findOneBy({ id: actor.staffId });
    if (!staff) throw notFound('agent');
    const texts: CustomerText[] = [];
    if (update.name !== undefined) texts.push({ field: 'name', label: '名片姓名', text: update.name });
    if (update.intro !== undefined) texts.push({ field: 'intro', label: '名片简介', text: update.intro });
    const { traceIds } = await this.compliance.assertPublishable(texts, { actor, subjectType: 'staff_member', subjectId: staff.id, scene: 1 });
    Object.assign(staff, {
      ...(update.name !== undefined ? { name: update.name } : {}),
      ...(update.photoUrl !== undefined ? { photoUrl: update.photoUrl } : {}),
      ...(update.intro !== undefined ? { intro: update.intro } : {}),
      ...(update.personaTemplate !== undefined ? { personaTemplate: update.personaTemplate } : {}),
    });
    await this.dataSource.transaction(async (manager) => {
      await manager.save(staff);
      await this.audit.record({
        actorId: staff.id, action: 'card.updated', subjectType: 'staff_member', subjectId: staff.id,
        detail: { fields: Object.keys(update).join(','), wechatTraceId: traceIds[0] ?? null },
      }, manager);
    });
    return this.card(staff.id);
  }

}
