/**
 * Training a deal model from the company's closed contacts, with the fit itself passed in
 * (the server fits with a numeric library; this file stays pure):
 *   1. readiness: at least `minOutcomesForModel` closed contacts and `minPerClass` of both
 *      won and lost; otherwise keep using the stage prior;
 *   2. a held-out share of contacts chosen by a hash of the contact id (stable across runs,
 *      no random numbers);
 *   3. means and standard deviations from the training part only, features standardised;
 *   4. the injected fit (L2-penalised logistic regression on standardised features);
 *   5. AUC, calibration and Brier score on the held-out part, stored with the model.
 */
import { DEAL_FEATURE_NAMES, type DealFeatures } from './features';
import { brierScore, calibrationBins, evaluateAuc } from './evaluation';
import { type DealModel, sigmoid } from './model';

export interface DealTrainingConfig {
  /** Closed contacts (won + lost) needed before a model replaces the stage prior. */
  minOutcomesForModel: number;
  /** Of each class. */
  minPerClass: number;
  /** Share of contacts held out for evaluation. */
  holdoutShare: number;
  /** L2 penalty passed to the fit. */
  l2: number;
  calibrationBins: number;
  /** Mixed into the hash so a new split can be drawn on purpose. */
  splitSalt: string;
}

export const DEFAULT_DEAL_TRAINING_CONFIG: DealTrainingConfig = {
  minOutcomesForModel: 200,
  minPerClass: 30,
  holdoutShare: 0.25,
  l2: 1,
  calibrationBins: 10,
  splitSalt: '',
};

/** One closed contact: its features before the outcome, and whether it was won. */
export interface TrainingExample {
  contactId: string;
  features: Partial<DealFeatures> & Partial<Record<string, number>>;
  won: boolean;
}

/** Fits log-odds = intercept + x · weights to 0/1 labels on already standardised rows. */
export type FitLogistic = (
  x: readonly (readonly number[])[],
  y: readonly (0 | 1)[],
  options: { l2: number },
) => { weights: number[]; intercept: number };

export interface TrainingReadiness {
  ready: boolean;
  n: number;
  won: number;
  lost: number;
  reasonZh: string;
}

/** Whether enough won and lost outcomes exist to train. */
export function checkTrainingReadiness(
  examples: readonly { won: boolean }[],
  config: DealTrainingConfig = DEFAULT_DEAL_TRAINING_CONFIG,
): TrainingReadiness {
  const won = examples.filter((e) => e.won).length;
  const lost = examples.length - won;
  const n = examples.length;
  if (n < config.minOutcomesForModel) {
    return { ready: false, n, won, lost, reasonZh: `已结案客户${n}位，少于${config.minOutcomesForModel}位，先按销售阶段估算` };
  }
  if (won < config.minPerClass || lost < config.minPerClass) {
    return { ready: false, n, won, lost, reasonZh: `成交${won}位、未成交${lost}位，每类至少需要${config.minPerClass}位，先按销售阶段估算` };
  }
  return { ready: true, n, won, lost, reasonZh: `已结案客户${n}位（成交${won}位、未成交${lost}位），可以训练模型` };
}

/** FNV-1a 32-bit hash of a string, as a number in [0, 1). */
export function hashToUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

/** Whether a contact falls in the held-out part (stable for the same id, share and salt). */
export function isHeldOut(contactId: string, holdoutShare: number, salt = ''): boolean {
  return hashToUnit(`${salt}${contactId}`) < holdoutShare;
}

/** Column means and population standard deviations (0 stored as 1). */
export function computeStandardisation(rows: readonly (readonly number[])[], width: number): { means: number[]; stds: number[] } {
  const means = Array.from({ length: width }, (_, j) => (rows.length ? rows.reduce((s, r) => s + r[j], 0) / rows.length : 0));
  const stds = means.map((m, j) => {
    const variance = rows.length ? rows.reduce((s, r) => s + (r[j] - m) ** 2, 0) / rows.length : 0;
    return variance > 0 ? Math.sqrt(variance) : 1;
  });
  return { means, stds };
}

export type TrainingResult = { model: DealModel; readiness: TrainingReadiness } | { model: null; readiness: TrainingReadiness };

/** Trains and evaluates a deal model with the given fit, or says why not yet. */
export function trainDealModel(
  examples: readonly TrainingExample[],
  fitLogistic: FitLogistic,
  meta: { version: string; trainedAtMs: number; featureNames?: readonly string[] },
  config: DealTrainingConfig = DEFAULT_DEAL_TRAINING_CONFIG,
): TrainingResult {
  const readiness = checkTrainingReadiness(examples, config);
  if (!readiness.ready) return { model: null, readiness };
  const featureNames = [...(meta.featureNames ?? DEAL_FEATURE_NAMES)];
  const toRow = (e: TrainingExample) => featureNames.map((n) => e.features[n] ?? 0);
  const train = examples.filter((e) => !isHeldOut(e.contactId, config.holdoutShare, config.splitSalt));
  const holdout = examples.filter((e) => isHeldOut(e.contactId, config.holdoutShare, config.splitSalt));
  const trainRows = train.map(toRow);
  const { means, stds } = computeStandardisation(trainRows, featureNames.length);
  const z = (row: readonly number[]) => row.map((x, j) => (x - means[j]) / stds[j]);
  const fitted = fitLogistic(trainRows.map(z), train.map((e) => (e.won ? 1 : 0)), { l2: config.l2 });
  if (fitted.weights.length !== featureNames.length) {
    throw new RangeError(`fit returned ${fitted.weights.length} weights for ${featureNames.length} features`);
  }
  const scores = holdout.map((e) => sigmoid(z(toRow(e)).reduce((s, zj, j) => s + fitted.weights[j] * zj, fitted.intercept)));
  const labels = holdout.map((e) => e.won);
  const model: DealModel = {
    version: meta.version,
    featureNames,
    weights: fitted.weights,
    intercept: fitted.intercept,
    means,
    stds,
    trainedAt: new Date(meta.trainedAtMs).toISOString(),
    evaluation: {
      auc: evaluateAuc(scores, labels),
      calibration: calibrationBins(scores, labels, config.calibrationBins),
      n: holdout.length,
      brier: brierScore(scores, labels),
      trainN: train.length,
    },
  };
  return { model, readiness };
}
