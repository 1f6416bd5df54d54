/**
 * The dashboards: every figure is read from the stored daily snapshot (kyb134_agent_day,
 * funnel_snapshot), always within the actor's scope — an id outside it reads as 404. When a
 * company has no snapshot yet, one is computed on the spot for today.
 */
import type { DataSource } from 'typeorm';
import {
  addDays, type AgentDashboardView, diffFunnelSnapshots, type FunnelTrendView, type FunnelView, GRID_CELLS, type OrgDashboardView,
  planOmip, type SnapshotSummaryView, type TeamDashboardView,
} from '@kejing/shared';
import { badRequest, notFound } from '../../lib/app-error';
import type { StaffActor } from '../../permissions/actor';
import { canSeeOrgUnit } from '../../permissions/org-scope';
import { canSeeAgentRecord } from '../../permissions/scope';
import { childOrgUnits, orgUnitById, type OrgUnitRow } from '../org/queries/org-units';
import { staffMemberById, type StaffRow } from '../staff/queries/staff-members';
import { staffNamesOf } from '../staff/queries/staff-names';
import {
  countLayers, presentAgentKyb134, presentFunnel, presentOmip, presentTrendPoint, presentUnitAssets, rankMembers,
} from './dashboards.presenter';
import { type FunnelGroupKind, FunnelSnapshotRow } from './funnel-snapshot.entity';
import { Kyb134AgentDay } from './kyb134-agent-day.entity';
import type { AgentKyb134Record } from './kyb134-record';
import type { SnapshotService } from './snapshot.service';

const DEFAULT_TREND_DAYS = 30;

interface AgentRef {
  staff: StaffRow;
  unit: OrgUnitRow;
  companyId: string;
}

export class DashboardsService {
  private readonly computing = new Map<string, Promise<unknown>>();

  constructor(private readonly dataSource: DataSource, private readonly snapshots: SnapshotService) {}

  /** GET /api/dashboards/agent/me and /agents/:agentId */
  async agent(actor: StaffActor, agentId: string, day?: string): Promise<AgentDashboardView> {
    const ref = await this.agentInScope(actor, agentId);
    const d = await this.snapshotDay(ref.companyId, day);
    const row = await this.dataSource.getRepository(Kyb134AgentDay).findOneBy({ agentId, day: d });
    if (!row) throw notFound('snapshot');
    return {
      kyb134: presentAgentKyb134(row.detail, ref.staff.name, row.computedAtMs),
      funnel: await this.funnelWithChange(agentId, 'agent', d),
    };
  }

  /** GET /api/dashboards/team/:teamId — ranking, who slipped, OMIP, funnel and assets. */
  async team(actor: StaffActor, teamId: string, day?: string): Promise<TeamDashboardView> {
    const unit = await this.unitInScope(actor, teamId);
    if (unit.kind !== 'team') throw notFound('team');
    const d = await this.snapshotDay(companyOfPath(unit.path), day);
    const lastWeek = addDays(d, -7);
    const [rows, before, computedAt] = await Promise.all([this.records({ teamId }, d), this.records({ teamId }, lastWeek), this.computedAt({ teamId }, d)]);
    const names = await staffNamesOf(this.dataSource, rows.map((r) => r.agentId));
    const previous = new Map(before.map((r) => [r.agentId, r]));
    const ranking = rankMembers(rows, names, previous);
    return {
      teamId, name: unit.name, day: d, computedAt, comparedWithDay: before.length > 0 ? lastWeek : null,
      ranking,
      slipped: ranking.filter((m) => m.slipped),
      omip: presentOmip(planOmip(rows.map((r) => ({ agentId: r.agentId, name: names.get(r.agentId) ?? '', scores: r.kash.scores })))),
      layers: countLayers(rows),
      funnel: await this.funnelWithChange(teamId, 'team', d),
      assets: presentUnitAssets(teamId, 'team', unit.name, rows),
    };
  }

  /** GET /api/dashboards/org/:orgUnitId — funnel, 9-cell heat map, layers, assets across child units. */
  async org(actor: StaffActor, orgUnitId: string, day?: string): Promise<OrgDashboardView> {
    const unit = await this.unitInScope(actor, orgUnitId);
    const d = await this.snapshotDay(companyOfPath(unit.path), day);
    const where = unit.kind === 'company' ? { companyId: unit.id } : unit.kind === 'branch' ? { branchId: unit.id } : { teamId: unit.id };
    const found = await this.dataSource.getRepository(Kyb134AgentDay).find({ where: { ...where, day: d }, order: { agentId: 'ASC' } });
    const rows = found.map((r) => r.detail);
    const assets = presentUnitAssets(unit.id, unit.kind, unit.name, rows);
    const children = await this.childAssets(unit, found);
    return {
      orgUnitId: unit.id, kind: unit.kind, name: unit.name, day: d,
      computedAt: found.length === 0 ? null : new Date(Math.max(...found.map((r) => r.computedAtMs))).toISOString(),
      funnel: await this.funnelWithChange(unit.id, unit.kind, d),
      heatMap: { cells: assets.grid, total: GRID_CELLS.reduce((s, c) => s + assets.grid[c], 0) },
      layers: countLayers(rows),
      assets,
      children,
    };
  }

  /** GET /api/dashboards/funnel — one group's funnel today and its daily trend. */
  async funnel(actor: StaffActor, query: { orgUnitId?: string; agentId?: string; days?: number; day?: string }): Promise<FunnelTrendView> {
    if (Boolean(query.orgUnitId) === Boolean(query.agentId)) {
      throw badRequest([{ field: 'orgUnitId', reason: '请在组织和营销员中选且只选一个' }]);
    }
    let groupId: string;
    let kind: FunnelGroupKind;
    let name: string;
    let companyId: string;
    if (query.agentId) {
      const ref = await this.agentInScope(actor, query.agentId);
      [groupId, kind, name, companyId] = [ref.staff.id, 'agent', ref.staff.name, ref.companyId];
    } else {
      const unit = await this.unitInScope(actor, query.orgUnitId as string);
      [groupId, kind, name, companyId] = [unit.id, unit.kind, unit.name, companyOfPath(unit.path)];
    }
    const d = await this.snapshotDay(companyId, query.day);
    const first = addDays(d, -((query.days ?? DEFAULT_TREND_DAYS) - 1));
    const rows = await this.dataSource.getRepository(FunnelSnapshotRow).createQueryBuilder('f')
      .where('f.group_id = :groupId AND f.day >= :first AND f.day <= :last', { groupId, first, last: d })
      .orderBy('f.day', 'ASC').getMany();
    return { groupId, groupKind: kind, name, current: await this.funnelWithChange(groupId, kind, d), trend: rows.map((r) => presentTrendPoint(r.snapshot)) };
  }

  /** POST /api/dashboards/snapshots — recompute a day now (admin). */
  async compute(day?: string): Promise<SnapshotSummaryView> {
    const summary = await this.snapshots.computeDay(day ?? this.snapshots.today());
    return { day: summary.day, agents: summary.agents, funnels: summary.funnels, ms: summary.ms };
  }

  // ---- scope --------------------------------------------------------------------------
  private async agentInScope(actor: StaffActor, agentId: string): Promise<AgentRef> {
    const staff = await staffMemberById(this.dataSource, agentId);
    const unit = staff ? await orgUnitById(this.dataSource, staff.orgUnitId) : null;
    if (!staff || !unit || (staff.role !== 'agent' && staff.role !== 'leader') || !canSeeAgentRecord(actor, { agentId, orgPath: unit.path })) {
      throw notFound('agent');
    }
    return { staff, unit, companyId: companyOfPath(unit.path) };
  }

  private async unitInScope(actor: StaffActor, orgUnitId: string): Promise<OrgUnitRow> {
    const unit = await orgUnitById(this.dataSource, orgUnitId);
    if (!unit || !canSeeOrgUnit(actor, unit.path)) throw notFound('org_unit');
    return unit;
  }

  // ---- reading snapshots ------------------------------------------------------------------
  /** The asked day, else the company's latest snapshot day; computes today's when there is none. */
  private async snapshotDay(companyId: string, day?: string): Promise<string> {
    if (day) return day;
    const latest = async () => {
      const rows: { day: string | null }[] = await this.dataSource.query('SELECT MAX(day) AS day FROM kyb134_agent_day WHERE company_id = ?', [companyId]);
      return rows[0]?.day ?? null;
    };
    const found = await latest();
    if (found) return found;
    let pending = this.computing.get(companyId);
    if (!pending) {
      pending = this.snapshots.computeDay(this.snapshots.today(), companyId).finally(() => this.computing.delete(companyId));
      this.computing.set(companyId, pending);
    }
    await pending;
    return (await latest()) ?? this.snapshots.today();
  }

  /** When a day's snapshots of these agents were computed: the screens say 截至 that time, not just the day. */
  private async computedAt(where: { teamId?: string }, day: string): Promise<string | null> {
    const rows = await this.dataSource.getRepository(Kyb134AgentDay).find({ select: { computedAtMs: true, agentId: true }, where: { ...where, day } });
    return rows.length === 0 ? null : new Date(Math.max(...rows.map((r) => r.computedAtMs))).toISOString();
  }

  private async records(where: { teamId?: string; branchId?: string; companyId?: string }, day: string): Promise<AgentKyb134Record[]> {
    const rows = await this.dataSource.getRepository(Kyb134AgentDay).find({ where: { ...where, day }, order: { agentId: 'ASC' } });
    return rows.map((r) => r.detail);
  }

  private async funnelWithChange(groupId: string, kind: FunnelGroupKind, day: string): Promise<FunnelView | null> {
    const repo = this.dataSource.getRepository(FunnelSnapshotRow);
    const [now, before] = await Promise.all([repo.findOneBy({ groupId, day }), repo.findOneBy({ groupId, day: addDays(day, -7) })]);
    if (!now) return null;
    return presentFunnel(now.snapshot, kind, before ? diffFunnelSnapshots(now.snapshot, before.snapshot) : null);
  }

  /** Branches of a company, teams of a branch, agents of a team — each with its summed assets. */
  private async childAssets(unit: OrgUnitRow, rows: Kyb134AgentDay[]) {
    if (unit.kind === 'team') {
      const names = await staffNamesOf(this.dataSource, rows.map((r) => r.agentId));
      return rows.map((r) => presentUnitAssets(r.agentId, 'agent', names.get(r.agentId) ?? '', [r.detail]));
    }
    const children = await childOrgUnits(this.dataSource, unit.id);
    const childOf = (r: Kyb134AgentDay) => (unit.kind === 'company' ? r.branchId : r.teamId);
    return children.map((child) => presentUnitAssets(child.id, child.kind, child.name, rows.filter((r) => childOf(r) === child.id).map((r) => r.detail)));
  }
}

/** The company id: the first segment of an org path ("/company/branch/team/"). */
export function companyOfPath(path: string): string {
  return path.split('/').filter(Boolean)[0] ?? '';
}
