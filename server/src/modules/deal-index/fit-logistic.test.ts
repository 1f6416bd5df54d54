import { fitLogisticIrls } from './fit-logistic';
import { seededRandom as seeded } from '../../testing/seeded-random';


const normal = (rand: () => number) => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

describe('fitLogisticIrls', () => {
  it('with no features fits the intercept to the log-odds of the base rate', () => {
    // 3 of 4 won: p = 0.75, log-odds = ln(0.75 / 0.25) = ln 3
    const fit = fitLogisticIrls([[], [], [], []], [1, 1, 1, 0], 1);
    expect(fit.intercept).toBeCloseTo(Math.log(3), 6);
    expect(fit.weights).toEqual([]);
    expect(fit.converged).toBe(true);
  });

  it('recovers known coefficients from 6,000 generated rows', () => {
    const rand = seeded(7);
    const truth = { weights: [1.5, -1, 0], intercept: -0.5 };
    const x: number[][] = [];
    const y: (0 | 1)[] = [];
    for (let i = 0; i < 6000; i += 1) {
      const row = [normal(rand), normal(rand), normal(rand)];
      const logOdds = truth.intercept + row.reduce((s, v, j) => s + v * (truth.weights[j] as number), 0);
      x.push(row);
      y.push(rand() < 1 / (1 + Math.exp(-logOdds)) ? 1 : 0);
    }
    const fit = fitLogisticIrls(x, y, 1);
    expect(fit.converged).toBe(true);
    fit.weights.forEach((w, j) => expect(Math.abs(w - (truth.weights[j] as number))).toBeLessThan(0.12));
    expect(Math.abs(fit.intercept - truth.intercept)).toBeLessThan(0.12);
  });

  it('shrinks the weights towards zero as the L2 penalty grows, and keeps finite weights on separable data', () => {
    // Perfectly separable: won exactly when x > 0. Without a penalty the weight would run off to infinity.
    const x = [[-2], [-1], [1], [2]];
    const y: (0 | 1)[] = [0, 0, 1, 1];
    const light = fitLogisticIrls(x, y, 0.1);
    const heavy = fitLogisticIrls(x, y, 10);
    expect(Number.isFinite(light.weights[0])).toBe(true);
    expect(light.weights[0]).toBeGreaterThan(heavy.weights[0] as number);
    expect(heavy.weights[0]).toBeGreaterThan(0);
    // symmetric data: the intercept stays at 0
    expect(light.intercept).toBeCloseTo(0, 6);
  });
});
