/**
 * Deal index features (成交指数特征): named numbers drawn from one contact's history before a
 * cut-off moment. For a live score the cut-off is now; for a training example it is the moment
 * the outcome was logged, and the outcome touchpoints themselves (policy_signed, closed_lost)
 * are never read, so the model cannot learn the answer from the answer.
 * Counts are capped (config) so one very busy contact does not dominate the fit.
 */
import {
  CUSTOMER_TOUCHPOINT_TYPES,
  type CustomerTouchpointType,
  type TagCode,
  type TouchpointType,
} from '../contracts';
import type { StageEntry } from '../kyb134/stage-history';

/** One touchpoint of the contact (customer or agent-logged). */
export interface DealTouchpoint {
  type: TouchpointType;
  atMs: number;
  /** The content item involved, if any (to count distinct items read). */
  contentId?: string | null;
  /** The content's tags, e.g. "need:critical_illness". */
  tags?: readonly TagCode[];
  depthPct?: number | null;
  dwellMs?: number | null;
  /** nps_answer: 0..10. */
  npsScore?: number | null;
}

/** One lead form (留资) the contact submitted. */
export interface DealLead {
  atMs: number;
  budgetFen: number | null;
  insuredPerson: string | null;
  needs: readonly string[];
}

/** What the features are drawn from. */
export interface DealHistory {
  contactId: string;
  /** Only what happened strictly before this moment is used. */
  asOfMs: number;
  touchpoints: readonly DealTouchpoint[];
  stageEnteredAt: readonly StageEntry[];
  leads: readonly DealLead[];
  /** Set when the contact arrived through another contact's forward (转介绍). */
  referredByContactId: string | null;
}

/** Every feature, with what it measures (the model's documentation). */
export const DEAL_FEATURES = {
  touch_days_30d: { labelZh: '近30天互动天数', doc: 'distinct days with a customer touchpoint in the 30 days before the cut-off' },
  recency_days: { labelZh: '距上次互动天数', doc: 'days since the last customer touchpoint, capped (the cap when there was none)' },
  customer_touchpoints: { labelZh: '客户互动次数', doc: 'customer touchpoints of any kind (opens, reads, consults …), capped' },
  read_depth_mean: { labelZh: '平均阅读深度', doc: 'mean over content items read of the deepest read, 0..100 (0 when none)' },
  deep_reads: { labelZh: '深度阅读篇数', doc: 'content items read to at least deepReadPct or completed, capped' },
  dwell_minutes: { labelZh: '阅读时长（分钟）', doc: 'total active reading/watching time in minutes, capped' },
  live_joins: { labelZh: '参加直播次数', doc: 'live streams joined, capped' },
  need_families: { labelZh: '关注需求类别数', doc: 'distinct need families in the content the contact touched' },
  need_focus: { labelZh: '需求集中度', doc: 'share of need-tagged touchpoints in the most touched need family, 0..1' },
  card_views: { labelZh: '查看名片次数', doc: 'agent card views, capped' },
  consults: { labelZh: '咨询次数', doc: 'consult taps, capped' },
  forwards: { labelZh: '转发次数', doc: 'forwards of the agent’s content, capped' },
  promoter: { labelZh: '推荐者', doc: '1 when the last NPS answer before the cut-off was 7..10' },
  detractor: { labelZh: '贬损者', doc: '1 when the last NPS answer before the cut-off was 0..6' },
  referred_in: { labelZh: '转介绍客户', doc: '1 when the contact came through another contact’s forward' },
  stage_max: { labelZh: '最高阶段', doc: 'furthest sales stage reached, 1..8 (0 before any)' },
  stage_current: { labelZh: '当前阶段', doc: 'sales stage at the cut-off, 1..8 (0 before any)' },
  stage_regressions: { labelZh: '阶段回退次数', doc: 'steps back (after silence), capped' },
  days_in_stage: { labelZh: '当前阶段停留天数', doc: 'days since entering the current stage, capped' },
  contact_age_days: { labelZh: '客户关系天数', doc: 'days since the first touchpoint or stage entry, capped' },
  lead_submitted: { labelZh: '已留资', doc: '1 when a lead form was submitted' },
  budget_given: { labelZh: '已告知预算', doc: '1 when a lead form gave a budget' },
  insured_person_known: { labelZh: '已知被保险人', doc: '1 when a lead form named the insured person' },
  needs_stated: { labelZh: '表单所填需求数', doc: 'distinct needs stated in lead forms, capped' },
  calls: { labelZh: '电话次数', doc: 'calls the agent logged, capped' },
  visits: { labelZh: '面谈次数', doc: 'visits/meetings the agent logged, capped' },
  proposal_made: { labelZh: '已制作建议书', doc: '1 when the agent logged a proposal made' },
  proposal_delivered: { labelZh: '已递送建议书', doc: '1 when the agent logged a proposal delivered' },
  objections: { labelZh: '异议次数', doc: 'objections the agent logged, capped' },
} as const satisfies Record<string, { labelZh: string; doc: string }>;

export type DealFeatureName = keyof typeof DEAL_FEATURES;
export const DEAL_FEATURE_NAMES = Object.keys(DEAL_FEATURES) as DealFeatureName[];
/** Feature values by name; a model may know names this version no longer makes. */
export type DealFeatures = Record<DealFeatureName, number>;

export interface DealFeatureConfig {
  /** A read this deep (%) counts as a deep read. */
  deepReadPct: number;
  recencyCapDays: number;
  countCap: number;
  touchpointCap: number;
  dwellCapMinutes: number;
  daysCap: number;
  ageCapDays: number;
  /** Added to epoch ms before cutting days, so days are local (China, UTC+8). */
  dayOffsetMs: number;
}

export const DEFAULT_DEAL_FEATURE_CONFIG: DealFeatureConfig = {
  deepReadPct: 70,
  recencyCapDays: 90,
  countCap: 10,
  touchpointCap: 100,
  dwellCapMinutes: 120,
  daysCap: 180,
  ageCapDays: 365,
  dayOffsetMs: 8 * 60 * 60 * 1000,
};

const DAY_MS = 24 * 60 * 60 * 1000;
const OUTCOME_TYPES: readonly TouchpointType[] = ['policy_signed', 'closed_lost'];
const CUSTOMER_TYPES: ReadonlySet<TouchpointType> = new Set<CustomerTouchpointType>(CUSTOMER_TOUCHPOINT_TYPES);
const READ_TYPES: ReadonlySet<TouchpointType> = new Set<TouchpointType>(['open', 'read_progress', 'read_complete', 'video_progress']);

/** The named features of one contact as of history.asOfMs. */
export function extractDealFeatures(
  history: DealHistory,
  config: DealFeatureConfig = DEFAULT_DEAL_FEATURE_CONFIG,
): DealFeatures {
  const cut = history.asOfMs;
  const tps = history.touchpoints
    .filter((t) => t.atMs < cut && !OUTCOME_TYPES.includes(t.type))
    .sort((a, b) => a.atMs - b.atMs);
  const customer = tps.filter((t) => CUSTOMER_TYPES.has(t.type));
  const count = (type: TouchpointType) => tps.filter((t) => t.type === type).length;
  const cap = (n: number, c = config.countCap) => Math.min(n, c);
  const flag = (b: boolean) => (b ? 1 : 0);
  const dayOf = (ms: number) => Math.floor((ms + config.dayOffsetMs) / DAY_MS);

  const recentDays = new Set(customer.filter((t) => t.atMs >= cut - 30 * DAY_MS).map((t) => dayOf(t.atMs)));
  const last = customer[customer.length - 1];

  // deepest read per content item (an item without id counts on its own)
  const depthByItem = new Map<string, number>();
  tps.forEach((t, i) => {
    if (!READ_TYPES.has(t.type)) return;
    const key = t.contentId ?? `#${i}`;
    const depth = t.type === 'read_complete' ? 100 : (t.depthPct ?? 0);
    depthByItem.set(key, Math.max(depthByItem.get(key) ?? 0, depth));
  });
  const depths = [...depthByItem.values()];

  const needCounts = new Map<string, number>();
  for (const t of customer) {
    for (const tag of new Set(t.tags ?? [])) {
      if (tag.startsWith('need:')) needCounts.set(tag, (needCounts.get(tag) ?? 0) + 1);
    }
  }
  const needTotal = [...needCounts.values()].reduce((a, b) => a + b, 0);
  const lastNps = [...tps].reverse().find((t) => t.type === 'nps_answer' && typeof t.npsScore === 'number')?.npsScore;

  const stages = history.stageEnteredAt.filter((e) => e.atMs < cut).sort((a, b) => a.atMs - b.atMs);
  let regressions = 0;
  for (let i = 1; i < stages.length; i += 1) if (stages[i].stage < stages[i - 1].stage) regressions += 1;
  const current = stages[stages.length - 1];
  const firstMs = Math.min(tps[0]?.atMs ?? Infinity, stages[0]?.atMs ?? Infinity);

  const leads = history.leads.filter((l) => l.atMs < cut);

  return {
    touch_days_30d: recentDays.size,
    recency_days: last ? Math.min(config.recencyCapDays, (cut - last.atMs) / DAY_MS) : config.recencyCapDays,
    customer_touchpoints: cap(customer.length, config.touchpointCap),
    read_depth_mean: depths.length ? depths.reduce((a, b) => a + b, 0) / depths.length : 0,
    deep_reads: cap(depths.filter((d) => d >= config.deepReadPct).length, 2 * config.countCap),
    dwell_minutes: Math.min(config.dwellCapMinutes, customer.reduce((s, t) => s + (t.dwellMs ?? 0), 0) / 60_000),
    live_joins: cap(count('live_join')),
    need_families: needCounts.size,
    need_focus: needTotal > 0 ? Math.max(...needCounts.values()) / needTotal : 0,
    card_views: cap(count('card_view')),
    consults: cap(count('consult_tap')),
    forwards: cap(count('forward')),
    promoter: flag(lastNps !== undefined && lastNps !== null && lastNps >= 7),
    detractor: flag(lastNps !== undefined && lastNps !== null && lastNps <= 6),
    referred_in: flag(history.referredByContactId !== null),
    stage_max: stages.reduce((m, e) => Math.max(m, e.stage), 0),
    stage_current: current?.stage ?? 0,
    stage_regressions: cap(regressions),
    days_in_stage: current ? Math.min(config.daysCap, (cut - current.atMs) / DAY_MS) : 0,
    contact_age_days: Number.isFinite(firstMs) ? Math.min(config.ageCapDays, (cut - firstMs) / DAY_MS) : 0,
    lead_submitted: flag(leads.length > 0),
    budget_given: flag(leads.some((l) => l.budgetFen !== null && l.budgetFen > 0)),
    insured_person_known: flag(leads.some((l) => Boolean(l.insuredPerson))),
    needs_stated: cap(new Set(leads.flatMap((l) => l.needs)).size, 5),
    calls: cap(count('call')),
    visits: cap(count('visit')),
    proposal_made: flag(count('proposal_made') > 0),
    proposal_delivered: flag(count('proposal_delivered') > 0),
    objections: cap(count('objection')),
  };
}

/** The feature values in the order of `names` (unknown names → NaN, which predict treats as the mean). */
export function featureVector(features: Partial<Record<string, number>>, names: readonly string[]): number[] {
  return names.map((n) => features[n] ?? NaN);
}
