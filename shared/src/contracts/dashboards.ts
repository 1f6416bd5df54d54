/**
 * The wire format of the dashboards (KYB134, the process funnel, the deal index).
 * Every figure a dashboard shows comes from one of these responses. Days are China calendar
 * days 'YYYY-MM-DD'; money is in fen; percentages and scores are 0..100 unless said otherwise.
 * Maps keyed by stage use the stage number as a string key ('1'..'8'), as JSON does.
 */
import type { GridCellCode, ReferralClass, Stage } from './domain';

export type KashDimensionCode = 'knowledge' | 'attitude' | 'skill' | 'habit';
/** 不触网 offline / 触网 online / 深度触网 deeply online. */
export type AgentLayerCode = 'offline' | 'online' | 'deeply_online';
export type StageKey = `${Stage}`;
/** A stage that has a next one (conversion from it). */
export type FromStageKey = '1' | '2' | '3' | '4' | '5' | '6' | '7';
export type FunnelGroupKindCode = 'agent' | 'team' | 'branch' | 'company';

// ---- KYB134 "1": activity ------------------------------------------------------
export interface ActivityDayView {
  day: string;
  shares: number;
  /** Customer touchpoints the agent's shares produced that day. */
  touchpointsProduced: number;
  tasksDone: number;
  tasksDue: number;
  tasksDoneOnTime: number;
  morningListOpened: boolean;
  active: boolean;
}
export interface ActivityView {
  endDay: string;
  windowDays: number;
  /** One entry per window day, oldest first. */
  daily: ActivityDayView[];
  activeDays: number;
  currentStreak: number;
  longestStreak: number;
  totals: {
    shares: number;
    touchpointsProduced: number;
    tasksDone: number;
    tasksDue: number;
    tasksDoneOnTime: number;
    morningListDays: number;
    shareDays: number;
  };
  layer: AgentLayerCode;
  layerZh: string;
}

// ---- KYB134 "3": the three assets -----------------------------------------------
export interface CustomerValueView {
  /** Contacts per grid cell (the 9-cell heat map). */
  grid: Record<GridCellCode, number>;
  contacts: number;
  valuePoints: number;
  valuePerContact: number;
}
export interface PremiumForecastView {
  /** Σ P(close) × expected premium over open contacts. */
  forecastFen: number;
  openContacts: number;
  fromBudget: number;
  fromAverage: number;
  /** The premium used for contacts without a budget. */
  averagePremiumFen: number;
  /** Where P(close) of open contacts came from: the active deal model (成交指数模型), else the stage prior (按阶段估算). */
  probabilitySource: 'stage_prior' | 'model';
  /** The deal model's version when probabilitySource is 'model', else null. */
  modelVersion: string | null;
}
export interface SustainableDevelopmentView {
  referral: Record<ReferralClass, number>;
  /** 影响力中心. */
  centresOfInfluence: number;
  promoterPct: number;
}
export interface AssetsView {
  customerValue: CustomerValueView;
  premiumForecast: PremiumForecastView;
  sustainableDevelopment: SustainableDevelopmentView;
}

// ---- KYB134 "4": KASH and the plans ---------------------------------------------
export interface KashComponentView {
  key: string;
  /** Share of the component's target reached, 0..1. */
  value: number;
  weight: number;
  /** The counted figures behind it (e.g. activeDays, windowDays). */
  detail: Record<string, number>;
}
export interface KashIndexView {
  dimension: KashDimensionCode;
  nameZh: string;
  score: number;
  /** Percentile rank in the agent's team and company (mid-rank for ties). */
  teamPercentile: number;
  companyPercentile: number;
  components: KashComponentView[];
}
export interface KashView {
  scores: Record<KashDimensionCode, number>;
  indices: KashIndexView[];
}
/** MCIP (个人能力提升计划). */
export interface McipView {
  focus: KashDimensionCode;
  focusNameZh: string;
  focusScore: number;
  whyZh: string;
  actionsZh: string[];
  weakNeedFamilies: string[];
  contentToStudy: { itemId: string; title: string; needFamily: string }[];
}
export interface AgentKyb134View {
  agentId: string;
  name: string;
  teamId: string;
  /** The snapshot's day. */
  day: string;
  computedAt: string;
  activity: ActivityView;
  assets: AssetsView;
  kash: KashView;
  mcip: McipView;
}

// ---- the process funnel (过程指标体系) ---------------------------------------------
export interface FunnelChangeView {
  fromDay: string;
  toDay: string;
  contacts: number;
  stageCounts: Record<StageKey, number>;
  /** Percentage points; null when either side had no figure. */
  conversionPct: Record<FromStageKey, number | null>;
  medianDaysInStage: Record<StageKey, number | null>;
  won: number;
  lost: number;
  closeRatePct: number | null;
}
export interface FunnelView {
  groupId: string;
  groupKind: FunnelGroupKindCode;
  day: string;
  contacts: number;
  /** Contacts now in each stage. */
  stageCounts: Record<StageKey, number>;
  /** Contacts that reached each stage or beyond. */
  reached: Record<StageKey, number>;
  /** 100 × reached[s+1] / reached[s]. */
  conversionPct: Record<FromStageKey, number | null>;
  /** Median days of finished stays in each stage. */
  medianDaysInStage: Record<StageKey, number | null>;
  won: number;
  lost: number;
  closeRatePct: number | null;
  /** Against the snapshot seven days earlier; null when there is none. */
  changeVsLastWeek: FunnelChangeView | null;
}
export interface FunnelTrendPointView {
  day: string;
  contacts: number;
  stageCounts: Record<StageKey, number>;
  conversionPct: Record<FromStageKey, number | null>;
  closeRatePct: number | null;
}
/** GET /api/dashboards/funnel?orgUnitId=|agentId=&days= */
export interface FunnelTrendView {
  groupId: string;
  groupKind: FunnelGroupKindCode;
  name: string;
  current: FunnelView | null;
  /** Daily snapshots, oldest first. */
  trend: FunnelTrendPointView[];
}

// ---- dashboards -----------------------------------------------------------------
/** GET /api/dashboards/agent/me and GET /api/dashboards/agents/:agentId */
export interface AgentDashboardView {
  kyb134: AgentKyb134View;
  funnel: FunnelView | null;
}
export interface TeamMemberRowView {
  /** 1 = highest mean KASH. */
  rank: number;
  agentId: string;
  name: string;
  layer: AgentLayerCode;
  kashMean: number;
  scores: Record<KashDimensionCode, number>;
  activeDays: number;
  shares: number;
  contacts: number;
  forecastFen: number;
  /** Compared with the snapshot a week earlier. */
  slipped: boolean;
  slippedReasonsZh: string[];
}
/** OMIP (组织能力提升计划). */
export interface OmipView {
  coaching: { rank: number; agentId: string; name: string; dimension: KashDimensionCode; score: number; gap: number; reasonZh: string }[];
  onTrack: string[];
  byDimension: Record<KashDimensionCode, string[]>;
  teamFocus: { dimension: KashDimensionCode; meanScore: number } | null;
}
/** GET /api/dashboards/team/:teamId */
export interface TeamDashboardView {
  teamId: string;
  name: string;
  day: string;
  /** When the day's figures were computed (the latest of its agents' snapshots); null when none exist. */
  computedAt: string | null;
  /** The day "who slipped" compares with; null when no earlier snapshot exists. */
  comparedWithDay: string | null;
  ranking: TeamMemberRowView[];
  slipped: TeamMemberRowView[];
  omip: OmipView;
  layers: Record<AgentLayerCode, number>;
  funnel: FunnelView | null;
  assets: UnitAssetsView;
}
/** The assets of one org unit (or agent), summed over its agents. */
export interface UnitAssetsView {
  id: string;
  kind: 'company' | 'branch' | 'team' | 'agent';
  name: string;
  agents: number;
  contacts: number;
  valuePoints: number;
  forecastFen: number;
  centresOfInfluence: number;
  promoterPct: number;
  grid: Record<GridCellCode, number>;
  referral: Record<ReferralClass, number>;
}
/** GET /api/dashboards/org/:orgUnitId */
export interface OrgDashboardView {
  orgUnitId: string;
  kind: 'company' | 'branch' | 'team';
  name: string;
  day: string;
  /** When the day's figures were computed (the latest of its agents' snapshots); null when none exist. */
  computedAt: string | null;
  funnel: FunnelView | null;
  /** The 9-cell heat map: contacts per (trust, intent) cell. */
  heatMap: { cells: Record<GridCellCode, number>; total: number };
  layers: Record<AgentLayerCode, number>;
  assets: UnitAssetsView;
  /** The same figures for each child unit: branches of a company, teams of a branch, agents of a team. */
  children: UnitAssetsView[];
}

// ---- deal index (成交指数) ---------------------------------------------------------
/** GET /api/contacts/:contactId/deal-index */
export interface DealIndexView {
  contactId: string;
  stage: Stage;
  outcome: 'open' | 'won' | 'lost';
  /** P(close), 0..1. */
  probability: number;
  /** 'stage_prior' until enough outcomes exist to train a model: the screen must say 按阶段估算. */
  source: 'model' | 'stage_prior' | 'settled';
  isPrior: boolean;
  modelVersion: string | null;
  /** Says, in Chinese, which it is and why (e.g. too few closed contacts yet). */
  noteZh: string;
  /** Largest log-odds contributions first (empty under the prior). */
  contributions: { feature: string; labelZh: string; value: number | null; contribution: number }[];
  /** Actions that would raise P(close) most, with the probability after each. */
  nextActions: { key: string; actionZh: string; probabilityAfter: number; gain: number }[];
  /** The model's held-out evaluation; null under the prior. */
  evaluation: { auc: number | null; heldOut: number; trainedAt: string } | null;
}

// ---- inputs ------------------------------------------------------------------------
/** POST /api/study — the agent read a content item themselves (KYB134 Knowledge). */
export interface RecordStudyRequest {
  contentVersionId: string;
  /** Deepest scroll depth reached, 0..100. */
  depthPct: number;
}
export interface RecordStudyView {
  itemId: string;
  day: string;
  depthPct: number;
}
/** POST /api/dashboards/snapshots (admin) — compute the day's snapshots now. */
export interface ComputeSnapshotsRequest {
  /** Defaults to today (China). */
  day?: string;
}
export interface SnapshotSummaryView {
  day: string;
  agents: number;
  funnels: number;
  ms: number;
}

// ---- The premium forecast by period against actuals ------------------------------
/** One period (本周 / 本月 / 本季度) of GET /api/dashboards/forecast. */
export interface PeriodForecastRowView {
  period: 'week' | 'month' | 'quarter';
  /** 本周, 本月 or 本季度. */
  nameZh: string;
  /** First and last China day of the period. */
  fromDate: string;
  toDate: string;
  /** Σ P(close) × expected premium of open contacts expected to close from today to toDate (fen). */
  expectedFen: number;
  /** Open contacts expected to close by toDate. */
  expectedContacts: number;
  /** Premium signed from fromDate to today (fen), as GET /api/policies/actuals counts it. */
  actualFen: number;
  actualPolicies: number;
}
/** GET /api/dashboards/forecast: the caller's scope (an agent: own; leader and manager: their org). */
export interface PeriodForecastView {
  /** Today's China day. */
  today: string;
  /** Where P(close) came from: the active deal model (成交指数模型), else the stage prior (按阶段估算). */
  probabilitySource: 'stage_prior' | 'model';
  modelVersion: string | null;
  /** The source in plain words for the card. */
  sourceZh: string;
  /** How an open contact's expected close day is set. */
  expectedCloseRuleZh: string;
  openContacts: number;
  periods: PeriodForecastRowView[];
}

// ---- Past outcomes imported for the deal index -----------------------------------
/** POST /api/deal-index/past-outcomes: CSV text with a header row (see shared parsePastOutcomes). */
export interface PastOutcomesImportRequest {
  csv: string;
}
export interface PastOutcomeProblemView {
  /** Line in the CSV, the header being line 1. */
  line: number;
  field: string;
  reasonZh: string;
}
export interface PastOutcomesImportView {
  importId: string;
  /** Lines stored (the deal index trains on them from its next run). */
  accepted: number;
  /** Of those, contacts whose earlier imported outcome was replaced. */
  replaced: number;
  problems: PastOutcomeProblemView[];
}
