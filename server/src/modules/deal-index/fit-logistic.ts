/**
 * The deal index fit: L2-penalised logistic regression by Newton's method (IRLS), with the
 * linear algebra from ml-matrix. Implements shared's FitLogistic on standardised rows.
 *   maximise  Σ [y log p + (1 − y) log(1 − p)] − (l2 / 2) ‖w‖²     (the intercept is not penalised)
 *   step      (Xᵀ W X + l2·I′) Δ = Xᵀ (y − p) − l2·w′,   W = diag(p(1 − p))
 * Stops when the largest coefficient change is below `tolerance` or after `maxIterations`.
 */
import { CholeskyDecomposition, Matrix, solve } from 'ml-matrix';
import { type FitLogistic, sigmoid } from '@kejing/shared';

export interface FitOptions {
  maxIterations: number;
  tolerance: number;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = { maxIterations: 50, tolerance: 1e-8 };

/** The fitted coefficients and how the optimiser got there (for the training log). */
export interface FitReport {
  weights: number[];
  intercept: number;
  iterations: number;
  converged: boolean;
}

/** Fits log-odds = intercept + x · weights; rows are already standardised. */
export function fitLogisticIrls(
  x: readonly (readonly number[])[],
  y: readonly (0 | 1)[],
  l2: number,
  options: FitOptions = DEFAULT_FIT_OPTIONS,
): FitReport {
  const n = x.length;
  const d = n > 0 ? (x[0] as readonly number[]).length : 0;
  if (y.length !== n) throw new RangeError(`${n} rows but ${y.length} labels`);
  // Design matrix with the intercept as the last column.
  const design = new Matrix(n, d + 1);
  for (let i = 0; i < n; i += 1) {
    const row = x[i] as readonly number[];
    for (let j = 0; j < d; j += 1) design.set(i, j, row[j] as number);
    design.set(i, d, 1);
  }
  const labels = Matrix.columnVector(y.map(Number));
  let beta = Matrix.zeros(d + 1, 1);
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations) {
    iterations += 1;
    const eta = design.mmul(beta);
    const weighted = new Matrix(n, d + 1);
    const residual = new Matrix(n, 1);
    for (let i = 0; i < n; i += 1) {
      const p = sigmoid(eta.get(i, 0));
      const w = Math.max(p * (1 - p), 1e-10);
      residual.set(i, 0, labels.get(i, 0) - p);
      for (let j = 0; j <= d; j += 1) weighted.set(i, j, design.get(i, j) * w);
    }
    const product = design.transpose().mmul(weighted);
    // Xᵀ W X is symmetric in exact arithmetic; make it so in floating point for the Cholesky check.
    const hessian = product.add(product.transpose()).div(2);
    const gradient = design.transpose().mmul(residual);
    for (let j = 0; j < d; j += 1) {
      hessian.set(j, j, hessian.get(j, j) + l2);
      gradient.set(j, 0, gradient.get(j, 0) - l2 * beta.get(j, 0));
    }
    const cholesky = new CholeskyDecomposition(hessian);
    // Separable data with l2 = 0 can leave the Hessian singular; least squares still steps.
    const step = cholesky.isPositiveDefinite() ? cholesky.solve(gradient) : solve(hessian, gradient, true);
    beta = beta.add(step);
    if (step.abs().max() < options.tolerance) {
      converged = true;
      break;
    }
  }
  const coefficients = beta.getColumn(0);
  return { weights: coefficients.slice(0, d), intercept: coefficients[d] as number, iterations, converged };
}

/** shared's FitLogistic, backed by fitLogisticIrls. */
export const fitLogistic: FitLogistic = (x, y, { l2 }) => {
  const { weights, intercept } = fitLogisticIrls(x, y, l2);
  return { weights, intercept };
};
