import type { DealExplanation, DealIndexView, DealModel, Stage } from '@kejing/shared';

type NextAction = DealIndexView['nextActions'][number];
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** A won or lost contact: settled, neither model nor prior. */
export function presentSettledDealIndex(contactId: string, stage: Stage, outcome: 'won' | 'lost'): DealIndexView {
  return {
    contactId, stage, outcome, probability: outcome === 'won' ? 1 : 0, source: 'settled', isPrior: false, modelVersion: null,
    noteZh: outcome === 'won' ? '已成交' : '已结案未成交', contributions: [], nextActions: [], evaluation: null,
  };
}

/** The stage prior, said to be one. */
export function presentPriorDealIndex(contactId: string, stage: Stage, probability: number, noteZh: string, nextActions: NextAction[]): DealIndexView {
  return {
    contactId, stage, outcome: 'open', probability: round4(probability), source: 'stage_prior', isPrior: true, modelVersion: null, noteZh,
    contributions: [], nextActions: nextActions.map((a) => ({ ...a, probabilityAfter: round4(a.probabilityAfter), gain: round4(a.gain) })), evaluation: null,
  };
}

/** A model's score with its top contributions, next actions and held-out evaluation. */
export function presentModelDealIndex(contactId: string, stage: Stage, explanation: DealExplanation, model: DealModel): DealIndexView {
  const auc = model.evaluation.auc;
  return {
    contactId, stage, outcome: 'open', probability: round4(explanation.probability), source: 'model', isPrior: false, modelVersion: model.version,
    noteZh: `成交模型 ${model.version} 估算（留出样本 AUC ${auc === null ? '—' : auc.toFixed(2)}）`,
    contributions: explanation.contributions.map((c) => ({
      feature: c.feature, labelZh: c.labelZh, value: Number.isFinite(c.value) ? round4(c.value) : null, contribution: round4(c.contribution),
    })),
    nextActions: explanation.nextActions.map((a) => ({ key: a.key, actionZh: a.actionZh, probabilityAfter: round4(a.probabilityAfter), gain: round4(a.gain) })),
    evaluation: { auc, heldOut: model.evaluation.n, trainedAt: model.trainedAt },
  };
}
