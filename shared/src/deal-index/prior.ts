/**
 * The stage prior (阶段先验): before enough outcomes exist to train a model, P(close) is read
 * from the stage alone, and flagged as a prior. Defaults are a starting guess that rises with
 * the stage; estimateStagePriors replaces them with the company's own win rate per stage
 * (among closed contacts that reached the stage), shrunk towards the default by
 * `pseudoCount` imaginary contacts so a stage with few outcomes does not swing.
 */
import { type DealOutcome, type Stage, STAGES } from '../contracts';

export interface StagePriorConfig {
  /** P(eventually won | open at this stage). */
  byStage: Record<Stage, number>;
  /** Weight of the default, in contacts, when estimating from outcomes. */
  pseudoCount: number;
}

export const DEFAULT_STAGE_PRIOR_CONFIG: StagePriorConfig = {
  byStage: { 1: 0.02, 2: 0.04, 3: 0.07, 4: 0.12, 5: 0.2, 6: 0.3, 7: 0.45, 8: 0.6 },
  pseudoCount: 10,
};

export interface StagePrior {
  probability: number;
  /** Always true: this is not a learned score, and the UI must say so. */
  isPrior: true;
  stage: Stage;
}

/** P(close) from the stage alone (1 for won, 0 for lost), flagged as a prior. */
export function stagePrior(stage: Stage, outcome: DealOutcome, config: StagePriorConfig = DEFAULT_STAGE_PRIOR_CONFIG): StagePrior {
  const probability = outcome === 'won' ? 1 : outcome === 'lost' ? 0 : config.byStage[stage];
  return { probability, isPrior: true, stage };
}

/** Per-stage win rates from closed contacts (furthest stage reached, won?), shrunk to the defaults. */
export function estimateStagePriors(
  closed: readonly { maxStage: Stage; won: boolean }[],
  config: StagePriorConfig = DEFAULT_STAGE_PRIOR_CONFIG,
): Record<Stage, number> {
  return Object.fromEntries(
    STAGES.map((s) => {
      const reached = closed.filter((c) => c.maxStage >= s);
      const won = reached.filter((c) => c.won).length;
      return [s, (won + config.pseudoCount * config.byStage[s]) / (reached.length + config.pseudoCount)];
    }),
  ) as Record<Stage, number>;
}
