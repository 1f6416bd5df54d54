/**
 * The daily snapshot: for every agent, KYB134 (activity and layer, the three assets, KASH with
 * percentiles in team and company, MCIP), and the process funnel of every agent, team, branch
 * and company, stored per China day so that dashboards read one row and trends read a range.
 * Agents are read in chunks of whole teams; branch and company funnels are merged from agent
 * funnels (funnel-merge.ts), so no step holds every contact's history at once.
 */
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import {
  buildFunnelSnapshot, type ContactAssetInput, type ContactStageHistory, type DealOutcome, DEFAULT_STAGE_PRIOR_CONFIG, type FunnelSnapshot,
  KASH_DIMENSIONS, type KashDimension, type KashPercentiles, layerAgent, measureAgentAssets, planMcip, type Stage, STAGES, stagePrior, scoreKash,
} from '@kejing/shared';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { DEFAULT_EXPECTED_PREMIUM_FEN } from '../leads/queries/latest-budgets';
import { chinaDayOf } from '../../lib/china-day';
import { collectStays, emptyStays, mergeFunnelSnapshots, type StaysByStage } from './funnel-merge';
import { FunnelSnapshotRow, type FunnelGroupKind } from './funnel-snapshot.entity';
import { Kyb134AgentDay } from './kyb134-agent-day.entity';
import type { AgentKyb134Record } from './kyb134-record';
import { percentileRanker } from './percentile-ranker';
import { type AgentOrg, type ContentCatalog, loadAgents, loadChunkInputs, loadContentCatalog, snapshotWindow, type SnapshotWindow } from './snapshot-inputs';

export interface SnapshotConfig {
  /** Days of activity behind the layer and KASH (DOMAIN: 7 or 30). */
  windowDays: number;
  /** Agents read per round of queries (whole teams are kept together). */
  chunkAgents: number;
  /** Rows per multi-row insert. */
  insertBatch: number;
}

export const DEFAULT_SNAPSHOT_CONFIG: SnapshotConfig = { windowDays: 30, chunkAgents: 500, insertBatch: 200 };

export interface SnapshotSummary {
  day: string;
  agents: number;
  funnels: number;
  contacts: number;
  ms: number;
}

/** P(close) per open stage for the asset forecast; the deal-index module supplies the company's own. */
export type StagePriorSource = () => Promise<Record<Stage, number>>;

/**
 * P(won) of open contacts by the active deal model as of a moment, with the model's version; null
 * while no model is active. Computed per chunk of agents in the snapshot rather than stored on the
 * contact at scoring time: a stored figure goes stale at every retrain and as silence lengthens (the
 * model reads days since the last touch), so it would need a rescoring of every contact anyway.
 */
export type ModelProbabilitySource = (openContactIds: readonly string[], asOfMs: number) => Promise<{ version: string; byContact: ReadonlyMap<string, number> } | null>;

interface GroupAccumulator {
  kind: FunnelGroupKind;
  companyId: string;
  parts: FunnelSnapshot[];
  stays: StaysByStage;
}

export class SnapshotService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly stagePriors: StagePriorSource = async () => DEFAULT_STAGE_PRIOR_CONFIG.byStage,
    private readonly modelProbabilities: ModelProbabilitySource = async () => null,
    private readonly config: SnapshotConfig = DEFAULT_SNAPSHOT_CONFIG,
  ) {}

  /** Today's China day by the service clock. */
  today(): string {
    return chinaDayOf(this.clock.nowMs());
  }

  /** Computes and stores the snapshot of `day` (all companies, or one), replacing any earlier one. */
  async computeDay(day: string, companyId?: string): Promise<SnapshotSummary> {
    const started = Date.now();
    const window = snapshotWindow(day, this.config.windowDays, this.clock.nowMs());
    const agents = await loadAgents(this.dataSource, companyId);
    const catalog = await loadContentCatalog(this.dataSource);
    const priors = await this.stagePriors();
    const records: AgentKyb134Record[] = [];
    const groups = new Map<string, GroupAccumulator>();
    let funnels = 0;
    let contacts = 0;
    for (const chunk of chunkByTeam(agents, this.config.chunkAgents)) {
      const { rows, teamRows, contactCount } = await this.computeChunk(chunk, window, catalog, priors, groups);
      records.push(...rows);
      await this.saveFunnels(teamRows, day);
      funnels += teamRows.length;
      contacts += contactCount;
    }
    const big = [...groups.entries()].map(([groupId, g]) => ({
      kind: g.kind,
      companyId: g.companyId,
      snapshot: mergeFunnelSnapshots(g.parts, g.stays, { groupId, day, asOfMs: window.asOfMs }),
    }));
    await this.saveFunnels(big, day);
    funnels += big.length;
    const companyOf = new Map(agents.map((a) => [a.agentId, a.companyId]));
    addPercentiles(records, (r) => companyOf.get(r.agentId) ?? '');
    await this.saveAgentDays(records, agents, day);
    const summary = { day, agents: records.length, funnels, contacts, ms: Date.now() - started };
    this.logger.info('kyb134 snapshot stored', { ...summary });
    return summary;
  }

  private async computeChunk(
    chunk: AgentOrg[],
    window: SnapshotWindow,
    catalog: ContentCatalog,
    priors: Record<Stage, number>,
    groups: Map<string, GroupAccumulator>,
  ) {
    const inputs = await loadChunkInputs(this.dataSource, chunk.map((a) => a.agentId), window, catalog);
    const rows: AgentKyb134Record[] = [];
    const teamRows: { kind: FunnelGroupKind; companyId: string; snapshot: FunnelSnapshot }[] = [];
    const teamHistories = new Map<string, { companyId: string; histories: ContactStageHistory[] }>();
    const at = (groupId: string) => ({ groupId, day: window.lastDay, asOfMs: window.asOfMs });
    let contactCount = 0;
    const openIds: string[] = [];
    for (const contactRows of inputs.contacts.values()) for (const c of contactRows) if (c.outcome === 'open') openIds.push(c.contactId);
    const modelled = await this.modelProbabilities(openIds, window.asOfMs);
    for (const agent of chunk) {
      const histories = inputs.histories.get(agent.agentId) ?? [];
      const activity = { ...layerAgent(inputs.activity.get(agent.agentId) ?? [], { endDay: window.lastDay, days: window.days }), agentId: agent.agentId };
      const kash = scoreKash({ agentId: agent.agentId, activity, content: inputs.content.get(agent.agentId) ?? [], contacts: histories, fromMs: window.fromMs, toMs: window.asOfMs });
      const contactRows = inputs.contacts.get(agent.agentId) ?? [];
      contactCount += contactRows.length;
      const assets = measureAssets(contactRows, priors, modelled);
      const mcip = planMcip(kash, catalog.candidates, inputs.studiedItems.get(agent.agentId) ?? new Set());
      rows.push({
        agentId: agent.agentId, teamId: agent.teamId, day: window.lastDay, activity, assets, kash, mcip,
        percentiles: { team: zeroScores(), company: zeroScores() },
      });
      const agentFunnel = buildFunnelSnapshot(histories, at(agent.agentId));
      teamRows.push({ kind: 'agent', companyId: agent.companyId, snapshot: agentFunnel });
      const team = teamHistories.get(agent.teamId) ?? { companyId: agent.companyId, histories: [] };
      team.histories.push(...histories);
      teamHistories.set(agent.teamId, team);
      const upper = [agent.branchId, agent.companyId].filter((id): id is string => id !== null && id !== agent.teamId);
      for (const [i, groupId] of upper.entries()) {
        let g = groups.get(groupId);
        if (!g) groups.set(groupId, (g = { kind: i === 0 && upper.length === 2 ? 'branch' : 'company', companyId: agent.companyId, parts: [], stays: emptyStays() }));
        g.parts.push(agentFunnel);
        for (const h of histories) collectStays(h, window.asOfMs, g.stays);
      }
    }
    for (const [teamId, team] of teamHistories) {
      teamRows.push({ kind: 'team', companyId: team.companyId, snapshot: buildFunnelSnapshot(team.histories, at(teamId)) });
    }
    return { rows, teamRows, contactCount };
  }

  private async saveFunnels(rows: { kind: FunnelGroupKind; companyId: string; snapshot: FunnelSnapshot }[], day: string): Promise<void> {
    const now = this.clock.nowMs();
    for (let i = 0; i < rows.length; i += this.config.insertBatch) {
      const batch = rows.slice(i, i + this.config.insertBatch);
      await this.dataSource.transaction(async (manager) => {
        await manager.delete(FunnelSnapshotRow, { day, groupId: In(batch.map((r) => r.snapshot.groupId)) });
        await manager.createQueryBuilder().insert().into(FunnelSnapshotRow).values(batch.map((r) => ({
          groupId: r.snapshot.groupId, day, groupKind: r.kind, companyId: r.companyId, contacts: r.snapshot.contacts, snapshot: r.snapshot, computedAtMs: now,
        }))).execute();
      });
    }
  }

  private async saveAgentDays(records: AgentKyb134Record[], agents: AgentOrg[], day: string): Promise<void> {
    const org = new Map(agents.map((a) => [a.agentId, a]));
    const now = this.clock.nowMs();
    for (let i = 0; i < records.length; i += this.config.insertBatch) {
      const batch = records.slice(i, i + this.config.insertBatch);
      await this.dataSource.transaction(async (manager) => {
        await manager.delete(Kyb134AgentDay, { day, agentId: In(batch.map((r) => r.agentId)) });
        await manager.createQueryBuilder().insert().into(Kyb134AgentDay).values(batch.map((r) => {
          const a = org.get(r.agentId) as AgentOrg;
          return {
            agentId: r.agentId, day, teamId: a.teamId, branchId: a.branchId, companyId: a.companyId, layer: r.activity.layer,
            contacts: r.assets.customerValue.contacts, forecastFen: r.assets.premiumForecast.forecastFen, detail: r, computedAtMs: now,
          };
        })).execute();
      });
    }
  }
}

/** Consecutive agents (already in org-path order) cut into chunks that never split a team. */
export function chunkByTeam(agents: readonly AgentOrg[], size: number): AgentOrg[][] {
  const chunks: AgentOrg[][] = [];
  let current: AgentOrg[] = [];
  for (const [i, agent] of agents.entries()) {
    current.push(agent);
    const next = agents[i + 1];
    if (current.length >= size && next?.teamId !== agent.teamId) {
      chunks.push(current);
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

const zeroScores = () => Object.fromEntries(KASH_DIMENSIONS.map((d) => [d, 0])) as Record<KashDimension, number>;

/**
 * The three assets; P(close) from the active deal model where there is one, else the stage prior;
 * the agent's average premium from their budgets.
 */
function measureAssets(
  contacts: readonly Omit<ContactAssetInput, 'closeProbability'>[],
  priors: Record<Stage, number>,
  modelled: { version: string; byContact: ReadonlyMap<string, number> } | null,
): AgentKyb134Record['assets'] {
  const budgets = contacts.map((c) => c.budgetFen).filter((b): b is number => b !== null && b > 0);
  const averagePremiumFen = budgets.length > 0 ? Math.round(budgets.reduce((a, b) => a + b, 0) / budgets.length) : DEFAULT_EXPECTED_PREMIUM_FEN;
  const config = { ...DEFAULT_STAGE_PRIOR_CONFIG, byStage: priors };
  const prior = (stage: Stage, outcome: DealOutcome): number => stagePrior(stage, outcome, config).probability;
  const priorOf = { open: STAGES.map((st) => prior(st, 'open')), won: STAGES.map((st) => prior(st, 'won')), lost: STAGES.map((st) => prior(st, 'lost')) };
  // Every contact of every agent passes here: one object literal of one shape each (not a spread)
  // and the prior looked up, which halves the snapshot's time in this step.
  const withP: ContactAssetInput[] = contacts.map((c) => ({
    contactId: c.contactId, agentId: c.agentId, cell: c.cell, stage: c.stage, outcome: c.outcome, referralClass: c.referralClass,
    centreOfInfluence: c.centreOfInfluence, budgetFen: c.budgetFen,
    closeProbability: (c.outcome === 'open' ? modelled?.byContact.get(c.contactId) : undefined) ?? (priorOf[c.outcome][STAGES.indexOf(c.stage)] as number),
  }));
  return {
    ...measureAgentAssets(withP, averagePremiumFen), averagePremiumFen,
    probabilitySource: modelled ? 'model' : 'stage_prior', modelVersion: modelled?.version ?? null,
  };
}

/** Each agent's KASH percentile in their team and their company (mid-rank, as shared's percentileRank). */
export function addPercentiles(records: AgentKyb134Record[], companyOf: (r: AgentKyb134Record) => string = () => ''): void {
  const by = (key: (r: AgentKyb134Record) => string) => {
    const groups = new Map<string, AgentKyb134Record[]>();
    for (const r of records) {
      const k = key(r);
      const list = groups.get(k);
      if (list) list.push(r);
      else groups.set(k, [r]);
    }
    return groups;
  };
  const rank = (groups: Map<string, AgentKyb134Record[]>, side: keyof KashPercentiles) => {
    for (const members of groups.values()) {
      for (const d of KASH_DIMENSIONS) {
        const ranker = percentileRanker(members.map((m) => m.kash.scores[d]));
        for (const m of members) m.percentiles[side][d] = ranker(m.kash.scores[d]);
      }
    }
  };
  rank(by((r) => r.teamId), 'team');
  rank(by(companyOf), 'company');
}
