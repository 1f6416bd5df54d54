/**
 * Why a contact has the deal index it has, and what would raise it.
 * Contributions: weight × standardised value, in log-odds, largest magnitude first; a positive
 * contribution pushes P(close) up compared with an average contact.
 * Next actions: each action the agent can take changes some features (one more visit, the
 * proposal delivered, an interaction today …); the model scores the contact as if it were
 * done, and the actions that raise P(close) most are returned, in Chinese. An action already
 * done (no feature changes) or one that would not help is left out.
 */
import { DEAL_FEATURES } from './features';
import { type DealModel, predictDealProbability, standardise } from './model';

/** How an action moves one feature. */
export type FeatureChange = { feature: string; add: number; cap?: number } | { feature: string; set: number };

export interface DealAction {
  key: string;
  actionZh: string;
  changes: FeatureChange[];
}

export interface ExplainConfig {
  topContributions: number;
  topActions: number;
  actions: DealAction[];
}

export const DEFAULT_EXPLAIN_CONFIG: ExplainConfig = {
  topContributions: 5,
  topActions: 3,
  actions: [
    { key: 'visit', actionZh: '约客户面谈一次，当面了解家庭保障缺口', changes: [{ feature: 'visits', add: 1, cap: 10 }] },
    { key: 'call', actionZh: '打一个电话，聊聊客户最近读过的内容', changes: [{ feature: 'calls', add: 1, cap: 10 }] },
    {
      key: 'reengage',
      actionZh: '今天分享一篇客户关心的需求内容，重新唤起互动',
      changes: [{ feature: 'recency_days', set: 0 }],
    },
    { key: 'deep_read', actionZh: '分享一篇与客户关注需求相关的深度文章', changes: [{ feature: 'deep_reads', add: 1, cap: 20 }] },
    { key: 'consult', actionZh: '发一条带咨询入口的内容，邀请客户提问', changes: [{ feature: 'consults', add: 1, cap: 10 }] },
    { key: 'card', actionZh: '把个人名片分享给客户，增加了解和信任', changes: [{ feature: 'card_views', add: 1, cap: 10 }] },
    { key: 'live', actionZh: '邀请客户参加下一场直播', changes: [{ feature: 'live_joins', add: 1, cap: 10 }] },
    {
      key: 'lead_form',
      actionZh: '邀请客户填写需求表单（预算、被保险人）',
      changes: [
        { feature: 'lead_submitted', set: 1 },
        { feature: 'budget_given', set: 1 },
        { feature: 'insured_person_known', set: 1 },
      ],
    },
    { key: 'proposal_made', actionZh: '根据客户的需求制作一份建议书', changes: [{ feature: 'proposal_made', set: 1 }] },
    { key: 'proposal_delivered', actionZh: '把建议书递送给客户并当面讲解', changes: [{ feature: 'proposal_delivered', set: 1 }] },
  ],
};

export interface FeatureContribution {
  feature: string;
  labelZh: string;
  value: number;
  /** weight × standardised value, in log-odds. */
  contribution: number;
}

export interface NextAction {
  key: string;
  actionZh: string;
  probabilityAfter: number;
  /** Rise in P(close), 0..1. */
  gain: number;
}

export interface DealExplanation {
  probability: number;
  isPrior: false;
  modelVersion: string;
  contributions: FeatureContribution[];
  nextActions: NextAction[];
}

const labelOf = (feature: string): string =>
  (DEAL_FEATURES as Record<string, { labelZh: string } | undefined>)[feature]?.labelZh ?? feature;

/** The features as they would be after the action; null when nothing would change. */
export function applyAction(features: Partial<Record<string, number>>, action: DealAction): Partial<Record<string, number>> | null {
  const next = { ...features };
  let changed = false;
  for (const change of action.changes) {
    const before = next[change.feature] ?? 0;
    const after = 'set' in change ? change.set : Math.min(before + change.add, change.cap ?? Infinity);
    if (after !== before) changed = true;
    next[change.feature] = after;
  }
  return changed ? next : null;
}

/** Top contributions and the next actions that would raise P(close) most. */
export function explainPrediction(
  model: DealModel,
  features: Partial<Record<string, number>>,
  config: ExplainConfig = DEFAULT_EXPLAIN_CONFIG,
): DealExplanation {
  const base = predictDealProbability(model, features);
  const { z } = standardise(model, features);
  const contributions = model.featureNames
    .map((feature, i) => ({ feature, labelZh: labelOf(feature), value: features[feature] ?? NaN, contribution: model.weights[i] * z[i] }))
    .filter((c) => c.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature))
    .slice(0, config.topContributions);
  const nextActions = config.actions
    .flatMap((action) => {
      const after = applyAction(features, action);
      if (!after) return [];
      const probabilityAfter = predictDealProbability(model, after).probability;
      const gain = probabilityAfter - base.probability;
      return gain > 1e-9 ? [{ key: action.key, actionZh: action.actionZh, probabilityAfter, gain }] : [];
    })
    .sort((a, b) => b.gain - a.gain || a.key.localeCompare(b.key))
    .slice(0, config.topActions);
  return { probability: base.probability, isPrior: false, modelVersion: model.version, contributions, nextActions };
}
