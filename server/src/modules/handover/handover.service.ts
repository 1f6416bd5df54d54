import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ContactSummaryView, DeactivatedStaffView, HandoverKind, HandoverResultView, HandoverSkipView } from '@kejing/shared';
import { AppError, badRequest, forbidden, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { SessionGuard } from '../auth/session-guard';
import { contactIdsOfAgent, contactsOfAgent } from '../contacts/contact-ownership.queries';
import type { OrgService } from '../org/org.service';
import type { StaffService } from '../staff/staff.service';
import { ContactHandover } from './contact-handover.entity';
import type { HandoverMove } from './handover-step';
import { HANDOVER_STEPS } from './handover-steps';
import { contactsHandoverStep } from '../contacts/contact-handover.step';

/** Where contacts go: an agent, or (agent null) the pool of a team. */
export interface HandoverTarget {
  agentId: string | null;
  poolOrgUnitId: string | null;
  name: string;
}

/**
 * Contacts changing hands: an agent's contacts (all or some) to another agent or to the team's
 * pool (公海), a leaver's at deactivation. Every module that records a contact's agent moves its
 * rows in one transaction (HANDOVER_STEPS); each move is a contact_handover row, and audited.
 */
export class HandoverService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly staff: StaffService,
    private readonly org: OrgService,
    private readonly sessions: SessionGuard,
    private readonly audit: AuditService,
  ) {}

  /** GET /api/admin/staff/:staffId/contacts: what a handover of some contacts chooses from. */
  async contactsOf(actor: StaffActor, staffId: string): Promise<ContactSummaryView[]> {
    const { staff } = await this.staff.findManaged(actor, staffId);
    return contactsOfAgent(this.dataSource, staff.id);
  }

  /** POST /api/admin/handovers */
  async handOver(actor: StaffActor, request: { fromAgentId: string; contactIds?: string[]; receiverAgentId?: string }): Promise<HandoverResultView> {
    const { staff: from, unit } = await this.staff.findManaged(actor, request.fromAgentId);
    if (from.role !== 'agent' && from.role !== 'leader') throw badRequest([{ field: 'fromAgentId', reason: '只有营销员和团队长持有客户' }]);
    const target = await this.targetFor(actor, from.id, unit.id, request.receiverAgentId);
    const owned = await contactIdsOfAgent(this.dataSource, from.id, request.contactIds);
    if (request.contactIds) {
      const notOwned = request.contactIds.filter((id) => !owned.includes(id));
      if (notOwned.length > 0) throw badRequest([{ field: 'contactIds', reason: `${notOwned.length}位客户不属于${from.name}` }]);
    }
    return this.dataSource.transaction((manager) => this.move(manager, actor.staffId, 'handover', owned, from.id, target, false));
  }

  /**
   * The agent leaves: marked deactivated, every session ended at once (the epoch), every contact
   * handed over, all in one transaction. A contact the receiver cannot take (they already hold the
   * person) goes to the team's pool instead: nothing stays with a leaver.
   */
  async deactivate(actor: StaffActor, staffId: string, receiverAgentId?: string): Promise<DeactivatedStaffView> {
    const { staff: leaver, unit } = await this.staff.findManaged(actor, staffId);
    if (leaver.id === actor.staffId) throw forbidden('不能停用自己的账号');
    if (leaver.deactivatedAtMs !== null) throw new AppError(409, 'already_deactivated', `${leaver.name}已停用`);
    const holdsContacts = leaver.role === 'agent' || leaver.role === 'leader';
    const target = holdsContacts ? await this.targetFor(actor, leaver.id, unit.id, receiverAgentId) : null;
    const atMs = this.clock.nowMs();
    const handover = await this.dataSource.transaction(async (manager) => {
      await this.staff.markDeactivated(manager, leaver.id, atMs);
      if (leaver.userId) await this.sessions.endSessions(leaver.userId, manager);
      await this.audit.record({
        actorId: actor.staffId, action: 'staff.deactivated', subjectType: 'staff_member', subjectId: leaver.id,
        detail: { receiverAgentId: target?.agentId ?? null, poolOrgUnitId: target?.poolOrgUnitId ?? null },
      }, manager);
      if (!target) return this.emptyResult();
      const all = await contactIdsOfAgent(manager, leaver.id);
      const result = await this.move(manager, actor.staffId, 'handover', all, leaver.id, target, false);
      if (target.agentId && result.skipped.length > 0) {
        const pool = await this.poolOf(unit.id);
        const rest = await this.move(manager, actor.staffId, 'handover', result.skipped.map((s) => s.contactId), leaver.id, pool, false);
        result.moved += rest.moved;
        result.skipped = result.skipped.map((s) => ({ ...s, reason: `${s.reason}；已转入${pool.name}` }));
      }
      return result;
    });
    if (leaver.userId) this.sessions.forgetLocally(leaver.userId);
    return { staffId: leaver.id, deactivatedAt: new Date(atMs).toISOString(), handover };
  }

  /**
   * Moves these contacts (all held by `fromAgentId`, or all in a pool when it is null) to the
   * target inside the caller's transaction: every module's step, one history row per contact, one audit entry.
   */
  async move(
    manager: EntityManager, byStaffId: string | null, kind: HandoverKind, contactIds: string[], fromAgentId: string | null, target: HandoverTarget, fromPool: boolean,
  ): Promise<HandoverResultView> {
    const atMs = this.clock.nowMs();
    const batchId = randomUUID();
    const wanted: HandoverMove = { contactIds, fromAgentId, toAgentId: target.agentId, poolOrgUnitId: target.poolOrgUnitId, fromPool, atMs };
    const skipped: HandoverSkipView[] = [];
    for (const step of HANDOVER_STEPS) {
      if (!step.blocked) continue;
      for (const [contactId, reason] of await step.blocked(manager, wanted)) {
        if (!skipped.some((s) => s.contactId === contactId)) skipped.push({ contactId, reason });
      }
    }
    const move = { ...wanted, contactIds: contactIds.filter((id) => !skipped.some((s) => s.contactId === id)) };
    const steps: HandoverResultView['steps'] = [];
    for (const step of HANDOVER_STEPS) {
      const moved = await step.move(manager, move);
      // The contacts step moves only contacts still where they were: fewer means someone moved one meanwhile.
      if (step === contactsHandoverStep && moved < move.contactIds.length) throw new AppError(409, 'moved_meanwhile', '有客户刚被他人移动或认领，请刷新后重试');
      steps.push({ step: step.name, moved });
    }
    for (let i = 0; i < move.contactIds.length; i += 500) {
      await manager.insert(ContactHandover, move.contactIds.slice(i, i + 500).map((contactId) => ({
        id: randomUUID(), batchId, contactId, fromAgentId, toAgentId: target.agentId, poolOrgUnitId: target.poolOrgUnitId, kind, byStaffId, atMs,
      })));
    }
    if (move.contactIds.length > 0) {
      await this.audit.record({
        actorId: byStaffId, action: `contacts.${kind}`, subjectType: 'contact_handover', subjectId: batchId,
        detail: { fromAgentId, toAgentId: target.agentId, poolOrgUnitId: target.poolOrgUnitId, contacts: move.contactIds.length, steps: steps.map((s) => `${s.step}:${s.moved}`).join(',') },
      }, manager);
    }
    return { batchId, moved: move.contactIds.length, steps, skipped, receiverName: target.name };
  }

  /** The pool of a team (公海), named for people. */
  async poolOf(orgUnitId: string): Promise<HandoverTarget> {
    const unit = (await this.org.list()).find((u) => u.id === orgUnitId);
    if (!unit) throw notFound('org_unit');
    return { agentId: null, poolOrgUnitId: unit.id, name: `${unit.name}公海` };
  }

  /** Who receives: a serving agent the actor manages (not the giver), or without one the giver's team pool. */
  private async targetFor(actor: StaffActor, fromAgentId: string, fromUnitId: string, receiverAgentId: string | undefined): Promise<HandoverTarget> {
    if (!receiverAgentId) return this.poolOf(fromUnitId);
    if (receiverAgentId === fromAgentId) throw badRequest([{ field: 'receiverAgentId', reason: '接收人不能是移出人本人' }]);
    const receiver = await this.staff.activeAgent(receiverAgentId);
    if (!receiver || !(actor.role === 'admin' || receiver.unit.path.startsWith(actor.orgPath))) {
      throw badRequest([{ field: 'receiverAgentId', reason: '接收人须是您管辖范围内在职的营销员或团队长' }]);
    }
    return { agentId: receiver.staff.id, poolOrgUnitId: null, name: receiver.staff.name };
  }

  private emptyResult(): HandoverResultView {
    return { batchId: randomUUID(), moved: 0, steps: HANDOVER_STEPS.map((s) => ({ step: s.name, moved: 0 })), skipped: [], receiverName: '' };
  }
}
