import type { DataSource } from 'typeorm';
import { MoreThanOrEqual } from 'typeorm';
import type { PoolContactView, PoolMoveView } from '@kejing/shared';
import { chinaDayOf, chinaDayStartMs, DAY_MS } from '../../lib/china-day';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { PoolConfig } from '../../config/load-config';
import type { StaffActor } from '../../permissions/actor';
import { agentHoldsViewerOf, contactsDueForTakeBack, pooledContact, pooledContacts, type PooledContactRow } from '../contacts/contact-ownership.queries';
import type { OrgService } from '../org/org.service';
import { lockStaffMember } from '../staff/queries/staff-members';
import type { StaffService } from '../staff/staff.service';
import { ContactHandover } from './contact-handover.entity';
import type { HandoverService } from './handover.service';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The team pool (公海): contacts without an agent (a leaver's, a take-back's, later imports and
 * company leads). Agents of the team claim from it (a daily limit), a leader or manager allocates
 * from it, and the daily job takes back what was claimed and not followed up within N days.
 */
export class PoolService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly staff: StaffService,
    private readonly org: OrgService,
    private readonly handover: HandoverService,
    private readonly config: PoolConfig,
  ) {}

  /** GET /api/pool: an agent or leader sees their team's pool; a manager the pools under them; an admin all. */
  async list(actor: StaffActor): Promise<PoolContactView[]> {
    const units = await this.org.list();
    const teams = actor.role === 'admin' ? 'all' : units.filter((u) => u.kind === 'team' && u.path.startsWith(actor.orgPath)).map((u) => u.id);
    const rows = await pooledContacts(this.dataSource, teams);
    const names = await this.staff.namesOf(rows.flatMap((r) => (r.handedOverFromAgentId ? [r.handedOverFromAgentId] : [])));
    const unitNames = new Map(units.map((u) => [u.id, u.name]));
    return rows.map((r) => ({
      contactId: r.contactId, displayName: r.displayName, stage: r.stage, cell: r.cell, poolOrgUnitId: r.poolOrgUnitId,
      poolName: `${unitNames.get(r.poolOrgUnitId) ?? ''}公海`, handedOverFromName: r.handedOverFromAgentId ? names.get(r.handedOverFromAgentId) ?? null : null,
      pooledAt: iso(r.handedOverAtMs), lastTouchAt: iso(r.lastTouchAtMs),
    }));
  }

  /** POST /api/pool/:contactId/claim: an agent takes a contact from their own team's pool, within the day's limit. */
  async claim(actor: StaffActor, contactId: string): Promise<PoolMoveView> {
    const contact = await this.inPoolOf(contactId, (row) => row.poolOrgUnitId === actor.orgUnitId);
    if (await agentHoldsViewerOf(this.dataSource, actor.staffId, contactId)) {
      throw new AppError(409, 'already_held', '您已有此客户（同一微信用户），无需认领');
    }
    return this.dataSource.transaction(async (manager) => {
      // Counted under the claimer's row lock: two claims of different contacts racing at the limit
      // would otherwise both count the same committed claims and both pass on MariaDB.
      await lockStaffMember(manager, actor.staffId);
      const used = await manager.count(ContactHandover, { where: { toAgentId: actor.staffId, kind: 'claim', atMs: MoreThanOrEqual(this.dayStartMs()) } });
      if (used >= this.config.claimsPerDay) {
        throw new AppError(409, 'claim_limit_reached', `今日认领已达上限（每天${this.config.claimsPerDay}位），请明天再来或请团队长分配`);
      }
      const result = await this.handover.move(manager, actor.staffId, 'claim', [contact.contactId], null, { agentId: actor.staffId, poolOrgUnitId: null, name: '' }, true);
      if (result.moved !== 1) throw new AppError(409, 'not_in_pool', '该客户已被领走');
      return { contactId, agentId: actor.staffId, claimsLeftToday: this.config.claimsPerDay - used - 1 };
    });
  }

  /** POST /api/pool/:contactId/allocate: a leader or manager gives a pooled contact to an agent of that team. */
  async allocate(actor: StaffActor, contactId: string, agentId: string): Promise<PoolMoveView> {
    const units = await this.org.list();
    const inScope = (row: PooledContactRow) => actor.role === 'admin' || (units.find((u) => u.id === row.poolOrgUnitId)?.path.startsWith(actor.orgPath) ?? false);
    const contact = await this.inPoolOf(contactId, inScope);
    const receiver = await this.staff.activeAgent(agentId);
    if (!receiver || receiver.unit.id !== contact.poolOrgUnitId) throw badRequest([{ field: 'agentId', reason: '只能分配给该公海所属团队在职的营销员' }]);
    return this.dataSource.transaction(async (manager) => {
      const result = await this.handover.move(manager, actor.staffId, 'allocate', [contactId], null, { agentId, poolOrgUnitId: null, name: receiver.staff.name }, true);
      if (result.moved !== 1) throw new AppError(409, 'already_held', result.skipped[0]?.reason ?? '该客户无法分配给此人');
      const used = await manager.count(ContactHandover, { where: { toAgentId: agentId, kind: 'claim', atMs: MoreThanOrEqual(this.dayStartMs()) } });
      return { contactId, agentId, claimsLeftToday: Math.max(0, this.config.claimsPerDay - used) };
    });
  }

  /**
   * The daily job's part: contacts claimed or allocated from a pool at least N days before the
   * run's instant, with no follow-up since, go back to their agent's team pool. Run for a past
   * date (`--as-of`), it judges as of that date.
   */
  async takeBackStale(): Promise<{ takenBack: number }> {
    const cutoff = this.clock.nowMs() - this.config.takeBackAfterDays * DAY_MS;
    const due = await contactsDueForTakeBack(this.dataSource, cutoff);
    const byAgent = new Map<string, string[]>();
    for (const row of due) byAgent.set(row.agentId, [...(byAgent.get(row.agentId) ?? []), row.contactId]);
    let takenBack = 0;
    for (const [agentId, contactIds] of byAgent) {
      const team = (await this.staff.namesOf([agentId])).size > 0 ? await this.teamOf(agentId) : null;
      if (!team) continue;
      const pool = await this.handover.poolOf(team);
      const result = await this.dataSource.transaction((manager) => this.handover.move(manager, null, 'take_back', contactIds, agentId, pool, false));
      takenBack += result.moved;
    }
    return { takenBack };
  }

  private async teamOf(agentId: string): Promise<string | null> {
    const agent = await this.staff.activeAgent(agentId);
    return agent?.unit.kind === 'team' ? agent.unit.id : null;
  }

  private async inPoolOf(contactId: string, visible: (row: PooledContactRow) => boolean): Promise<PooledContactRow> {
    const row = await pooledContact(this.dataSource, contactId);
    if (!row || !visible(row)) throw notFound('pool_contact');
    return row;
  }

  private dayStartMs(): number {
    return chinaDayStartMs(chinaDayOf(this.clock.nowMs()));
  }
}
