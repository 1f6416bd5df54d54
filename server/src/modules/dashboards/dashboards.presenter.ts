import {
  AGENT_LAYER_NAMES_ZH, type AgentKyb134View, type AgentLayerCode, type FunnelChange, type FunnelChangeView, type FunnelSnapshot,
  type FunnelTrendPointView, type FunnelView, GRID_CELLS, type GridCellCode, isActiveDay, KASH_DIMENSIONS, KASH_NAMES_ZH,
  type KashDimensionCode, type OmipPlan, type OmipView, REFERRAL_CLASSES, type ReferralClass, type TeamMemberRowView, type UnitAssetsView,
} from '@kejing/shared';
import type { FunnelGroupKind } from './funnel-snapshot.entity';
import type { AgentKyb134Record } from './kyb134-record';

const round1 = (x: number) => Math.round(10 * x) / 10;

/** One agent's stored KYB134 as the dashboards show it. */
export function presentAgentKyb134(record: AgentKyb134Record, name: string, computedAtMs: number): AgentKyb134View {
  const { activity, assets, kash, percentiles, mcip } = record;
  return {
    agentId: record.agentId,
    name,
    teamId: record.teamId,
    day: record.day,
    computedAt: new Date(computedAtMs).toISOString(),
    activity: {
      endDay: activity.window.endDay,
      windowDays: activity.window.days,
      daily: activity.daily.map((d) => ({
        day: d.day, shares: d.shares, touchpointsProduced: d.touchpointsProduced, tasksDone: d.tasksDone, tasksDue: d.tasksDue,
        tasksDoneOnTime: d.tasksDoneOnTime, morningListOpened: d.morningListOpened, active: isActiveDay(d),
      })),
      activeDays: activity.activeDays,
      currentStreak: activity.currentStreak,
      longestStreak: activity.longestStreak,
      totals: { ...activity.totals },
      layer: activity.layer,
      layerZh: AGENT_LAYER_NAMES_ZH[activity.layer],
    },
    assets: {
      customerValue: { ...assets.customerValue, valuePerContact: round1(assets.customerValue.valuePerContact) },
      premiumForecast: {
        ...assets.premiumForecast, averagePremiumFen: assets.averagePremiumFen,
        probabilitySource: assets.probabilitySource ?? 'stage_prior', modelVersion: assets.modelVersion ?? null,
      },
      sustainableDevelopment: { ...assets.sustainableDevelopment, promoterPct: round1(assets.sustainableDevelopment.promoterPct) },
    },
    kash: {
      scores: { ...kash.scores },
      indices: KASH_DIMENSIONS.map((d) => ({
        dimension: d,
        nameZh: KASH_NAMES_ZH[d],
        score: kash.scores[d],
        teamPercentile: round1(percentiles.team[d]),
        companyPercentile: round1(percentiles.company[d]),
        components: kash.indices[d].components.map((c) => ({ key: c.key, value: Math.round(1000 * c.value) / 1000, weight: c.weight, detail: c.detail })),
      })),
    },
    mcip: {
      focus: mcip.focus, focusNameZh: KASH_NAMES_ZH[mcip.focus], focusScore: mcip.focusScore, whyZh: mcip.whyZh, actionsZh: mcip.actionsZh,
      weakNeedFamilies: mcip.weakNeedFamilies, contentToStudy: mcip.contentToStudy,
    },
  };
}

/** A stored funnel with its change against last week's (null when there is none). */
export function presentFunnel(snapshot: FunnelSnapshot, kind: FunnelGroupKind, change: FunnelChange | null): FunnelView {
  return {
    groupId: snapshot.groupId,
    groupKind: kind,
    day: snapshot.day,
    contacts: snapshot.contacts,
    stageCounts: stringKeys(snapshot.stageCounts),
    reached: stringKeys(snapshot.reached),
    conversionPct: stringKeys(snapshot.conversionPct),
    medianDaysInStage: stringKeys(snapshot.medianDaysInStage),
    won: snapshot.won,
    lost: snapshot.lost,
    closeRatePct: snapshot.closeRatePct,
    changeVsLastWeek: change ? presentFunnelChange(change) : null,
  };
}

function presentFunnelChange(change: FunnelChange): FunnelChangeView {
  return {
    fromDay: change.fromDay, toDay: change.toDay, contacts: change.contacts, stageCounts: stringKeys(change.stageCounts),
    conversionPct: stringKeys(change.conversionPct), medianDaysInStage: stringKeys(change.medianDaysInStage),
    won: change.won, lost: change.lost, closeRatePct: change.closeRatePct,
  };
}

export function presentTrendPoint(snapshot: FunnelSnapshot): FunnelTrendPointView {
  return {
    day: snapshot.day, contacts: snapshot.contacts, stageCounts: stringKeys(snapshot.stageCounts),
    conversionPct: stringKeys(snapshot.conversionPct), closeRatePct: snapshot.closeRatePct,
  };
}

/** Stage-number keys as the JSON strings they become anyway, typed for the contract. */
function stringKeys<K extends number, V, S extends string>(record: Record<K, V>): Record<S, V> {
  return Object.fromEntries(Object.entries(record)) as Record<S, V>;
}

/** The assets of a group of agents, added up (promoter share recomputed from the sums). */
export function presentUnitAssets(id: string, kind: UnitAssetsView['kind'], name: string, records: readonly AgentKyb134Record[]): UnitAssetsView {
  const grid = Object.fromEntries(GRID_CELLS.map((c) => [c, 0])) as Record<GridCellCode, number>;
  const referral = Object.fromEntries(REFERRAL_CLASSES.map((r) => [r, 0])) as Record<ReferralClass, number>;
  let contacts = 0;
  let valuePoints = 0;
  let forecastFen = 0;
  let centresOfInfluence = 0;
  for (const r of records) {
    const { customerValue, premiumForecast, sustainableDevelopment } = r.assets;
    for (const c of GRID_CELLS) grid[c] += customerValue.grid[c] ?? 0;
    for (const k of REFERRAL_CLASSES) referral[k] += sustainableDevelopment.referral[k] ?? 0;
    contacts += customerValue.contacts;
    valuePoints += customerValue.valuePoints;
    forecastFen += premiumForecast.forecastFen;
    centresOfInfluence += sustainableDevelopment.centresOfInfluence;
  }
  const promoters = referral.passive_promoter + referral.active_promoter;
  return {
    id, kind, name, agents: records.length, contacts, valuePoints, forecastFen, centresOfInfluence,
    promoterPct: contacts > 0 ? round1((100 * promoters) / contacts) : 0, grid, referral,
  };
}

export function countLayers(records: readonly AgentKyb134Record[]): Record<AgentLayerCode, number> {
  const layers: Record<AgentLayerCode, number> = { offline: 0, online: 0, deeply_online: 0 };
  for (const r of records) layers[r.activity.layer] += 1;
  return layers;
}

const LAYER_RANK: Record<AgentLayerCode, number> = { offline: 0, online: 1, deeply_online: 2 };
/** A drop of at least this many points in one KASH index within a week counts as slipping. */
export const SLIP_KASH_POINTS = 10;

/** Why an agent slipped since the earlier record (empty when they did not). */
export function slipReasonsZh(now: AgentKyb134Record, before: AgentKyb134Record | undefined): string[] {
  if (!before) return [];
  const reasons: string[] = [];
  if (LAYER_RANK[now.activity.layer] < LAYER_RANK[before.activity.layer]) {
    reasons.push(`活动分层从${AGENT_LAYER_NAMES_ZH[before.activity.layer]}降为${AGENT_LAYER_NAMES_ZH[now.activity.layer]}`);
  }
  for (const d of KASH_DIMENSIONS) {
    const drop = before.kash.scores[d] - now.kash.scores[d];
    if (drop >= SLIP_KASH_POINTS) reasons.push(`${KASH_NAMES_ZH[d]}指数下降${round1(drop)}分（${before.kash.scores[d]}→${now.kash.scores[d]}）`);
  }
  return reasons;
}

const kashMean = (r: AgentKyb134Record) => round1(KASH_DIMENSIONS.reduce((s, d) => s + r.kash.scores[d], 0) / KASH_DIMENSIONS.length);

/** Team members ranked by mean KASH (then forecast, then id), each with whether they slipped. */
export function rankMembers(
  records: readonly AgentKyb134Record[],
  names: ReadonlyMap<string, string>,
  previous: ReadonlyMap<string, AgentKyb134Record>,
): TeamMemberRowView[] {
  return [...records]
    .sort((a, b) => kashMean(b) - kashMean(a) || b.assets.premiumForecast.forecastFen - a.assets.premiumForecast.forecastFen || a.agentId.localeCompare(b.agentId))
    .map((r, i) => {
      const reasons = slipReasonsZh(r, previous.get(r.agentId));
      return {
        rank: i + 1, agentId: r.agentId, name: names.get(r.agentId) ?? '', layer: r.activity.layer, kashMean: kashMean(r),
        scores: { ...r.kash.scores } as Record<KashDimensionCode, number>, activeDays: r.activity.activeDays, shares: r.activity.totals.shares,
        contacts: r.assets.customerValue.contacts, forecastFen: r.assets.premiumForecast.forecastFen, slipped: reasons.length > 0, slippedReasonsZh: reasons,
      };
    });
}

export function presentOmip(plan: OmipPlan): OmipView {
  return { coaching: plan.coaching, onTrack: plan.onTrack, byDimension: plan.byDimension, teamFocus: plan.teamFocus };
}
