import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AgentCardView, CreateStaffRequest, StaffCreatedView, UpdateCardRequest } from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { presentCard } from '../card/card.presenter';
import { orgUnitById } from '../org/queries/org-units';
import type { OrgService } from '../org/org.service';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { ComplianceService, CustomerText } from '../content/compliance.service';
import { hashInviteCode, INVITE_TTL_MS, newInviteCode } from './invite-codes';
import { StaffMember } from './staff-member.entity';
import { staffNamesOf } from './queries/staff-names';

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

  async create(request: CreateStaffRequest): Promise<StaffCreatedView> {
    const unit = await orgUnitById(this.dataSource, request.orgUnitId);
    if (!unit) throw notFound('org unit');
    if (!(UNIT_KINDS_FOR_ROLE[request.role] as readonly string[]).includes(unit.kind)) {
      throw badRequest([{ field: 'orgUnitId', reason: `a ${request.role} belongs to a ${UNIT_KINDS_FOR_ROLE[request.role].join(' or ')}` }]);
    }
    const inviteCode = newInviteCode();
    const now = this.clock.nowMs();
    const staff = this.dataSource.getRepository(StaffMember).create({
      id: randomUUID(), userId: null, role: request.role, orgUnitId: unit.id, name: request.name,
      employeeNo: request.employeeNo ?? null, licenceNo: request.licenceNo ?? null, photoUrl: null, intro: null,
      personaTemplate: null, inviteCodeHash: hashInviteCode(inviteCode), inviteExpiresAtMs: now + INVITE_TTL_MS, createdAtMs: now,
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
    if (await repo.findOneBy({ userId })) throw new AppError(409, 'already_bound', 'this WeChat account is already bound to a staff member');
    const result = await repo
      .createQueryBuilder()
      .update()
      .set({ userId, inviteCodeHash: null, inviteExpiresAtMs: null })
      .where('invite_code_hash = :hash AND user_id IS NULL AND invite_expires_at_ms > :now', { hash: hashInviteCode(inviteCode), now: this.clock.nowMs() })
      .execute();
    if (result.affected !== 1) throw new AppError(400, 'invite_invalid', 'the invite code is unknown, used or expired', [{ field: 'inviteCode', reason: 'unknown, used or expired' }]);
    return repo.findOneByOrFail({ userId });
  }

  async findByUser(userId: string): Promise<StaffMember | null> {
    return this.dataSource.getRepository(StaffMember).findOneBy({ userId });
  }

  /** Names of staff members by id (who wrote a note, who owns a contact). */
  namesOf(staffIds: string[]): Promise<Map<string, string>> {
    return staffNamesOf(this.dataSource, staffIds);
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
