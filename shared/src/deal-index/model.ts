/**
 * The deal model: logistic regression on standardised features.
 *   z_i = (x_i − mean_i) / std_i          (std 0 is stored as 1: a constant feature adds nothing)
 *   log-odds = intercept + Σ weight_i × z_i
 *   P(close) = 1 / (1 + e^(−log-odds))
 * A missing or non-finite feature is taken at its training mean (z = 0) and reported.
 */
import type { CalibrationBin } from './evaluation';

/** A trained deal model, stored with its version and held-out evaluation. */
export interface DealModel {
  version: string;
  featureNames: string[];
  weights: number[];
  intercept: number;
  means: number[];
  stds: number[];
  /** ISO-8601. */
  trainedAt: string;
  evaluation: DealModelEvaluation;
}

/** Measured on outcomes the fit never saw. */
export interface DealModelEvaluation {
  /** null when the held-out set lacked one of the classes. */
  auc: number | null;
  calibration: CalibrationBin[];
  /** Held-out examples. */
  n: number;
  brier?: number | null;
  /** Examples the fit used. */
  trainN?: number;
}

/** 1 / (1 + e^−x), without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Throws when the model's arrays disagree in length. */
export function assertModelShape(model: DealModel): void {
  const n = model.featureNames.length;
  if (model.weights.length !== n || model.means.length !== n || model.stds.length !== n) {
    throw new RangeError(`deal model ${model.version}: ${n} features but ${model.weights.length} weights, ${model.means.length} means, ${model.stds.length} stds`);
  }
}

/** Standardised value of each model feature (0 for a missing one), and the names that were missing. */
export function standardise(model: DealModel, features: Partial<Record<string, number>>): { z: number[]; missing: string[] } {
  const missing: string[] = [];
  const z = model.featureNames.map((name, i) => {
    const x = features[name];
    if (x === undefined || !Number.isFinite(x)) {
      missing.push(name);
      return 0;
    }
    const std = model.stds[i] > 0 ? model.stds[i] : 1;
    return (x - model.means[i]) / std;
  });
  return { z, missing };
}

/** Log-odds of closing for the given features. */
export function dealLogOdds(model: DealModel, features: Partial<Record<string, number>>): number {
  const { z } = standardise(model, features);
  return z.reduce((s, zi, i) => s + model.weights[i] * zi, model.intercept);
}

export interface DealPrediction {
  probability: number;
  isPrior: false;
  modelVersion: string;
  /** Features the model expected but did not get (taken at their mean). */
  missingFeatures: string[];
}

/** P(close) from a trained model. */
export function predictDealProbability(model: DealModel, features: Partial<Record<string, number>>): DealPrediction {
  assertModelShape(model);
  const { missing } = standardise(model, features);
  return { probability: sigmoid(dealLogOdds(model, features)), isPrior: false, modelVersion: model.version, missingFeatures: missing };
}
