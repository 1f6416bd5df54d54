/**
 * The deal index of one contact: from the model when one is trained, otherwise the stage prior
 * (flagged, so the screen can say "按阶段估算"). Settled contacts are 1 (won) or 0 (lost), neither
 * a prior nor a model's guess.
 */
import type { DealOutcome, Stage } from '../contracts';
import { type DealModel, predictDealProbability } from './model';
import { DEFAULT_STAGE_PRIOR_CONFIG, stagePrior, type StagePriorConfig } from './prior';

export interface DealScore {
  probability: number;
  isPrior: boolean;
  /** The model version, or null for the prior. */
  modelVersion: string | null;
}

/** P(close) for a contact: model if given, else the stage prior. */
export function scoreDeal(
  model: DealModel | null,
  features: Partial<Record<string, number>>,
  stage: Stage,
  outcome: DealOutcome,
  priorConfig: StagePriorConfig = DEFAULT_STAGE_PRIOR_CONFIG,
): DealScore {
  if (outcome !== 'open') return { probability: outcome === 'won' ? 1 : 0, isPrior: false, modelVersion: null };
  if (model === null) return { probability: stagePrior(stage, outcome, priorConfig).probability, isPrior: true, modelVersion: null };
  return { probability: predictDealProbability(model, features).probability, isPrior: false, modelVersion: model.version };
}
