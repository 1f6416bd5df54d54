import { sigmoid } from './model';
import {
  checkTrainingReadiness,
  computeStandardisation,
  DEFAULT_DEAL_TRAINING_CONFIG,
  type FitLogistic,
  hashToUnit,
  isHeldOut,
  trainDealModel,
  type TrainingExample,
} from './training';

const outcomes = (won: number, lost: number) => [
  ...Array.from({ length: won }, () => ({ won: true })),
  ...Array.from({ length: lost }, () => ({ won: false })),
];

describe('checkTrainingReadiness', () => {
  it.each([
    [100, 99, false], // 199 < 200
    [29, 171, false], // 200, but only 29 won
    [171, 29, false], // 200, but only 29 lost
    [30, 170, true],
  ])('%i won, %i lost → ready %s', (won, lost, ready) => {
    const r = checkTrainingReadiness(outcomes(won, lost));
    expect(r).toMatchObject({ ready, won, lost, n: won + lost });
    expect(r.reasonZh).not.toBe('');
  });
});

describe('hold-out split', () => {
  it('is stable and in [0, 1)', () => {
    expect(hashToUnit('c1')).toBe(hashToUnit('c1'));
    expect(hashToUnit('c1')).not.toBe(hashToUnit('c2'));
    // FNV-1a of the empty string is the offset basis 0x811c9dc5
    expect(hashToUnit('')).toBe(0x811c9dc5 / 2 ** 32);
  });

  it('holds out about the configured share', () => {
    const held = Array.from({ length: 4000 }, (_, i) => isHeldOut(`contact-${i}`, 0.25)).filter(Boolean).length;
    expect(held / 4000).toBeGreaterThan(0.22);
    expect(held / 4000).toBeLessThan(0.28);
  });
});

describe('computeStandardisation', () => {
  it('takes column means and population stds, 1 for a constant column', () => {
    // column 0: 1, 3 → mean 2, std 1; column 1: 5, 5 → mean 5, std 0 → 1
    expect(computeStandardisation([[1, 5], [3, 5]], 2)).toEqual({ means: [2, 5], stds: [1, 1] });
  });
});

describe('trainDealModel', () => {
  // 240 closed contacts: visits = i mod 4; won exactly when visits ≥ 2 (120 won, 120 lost)
  const examples: TrainingExample[] = Array.from({ length: 240 }, (_, i) => ({
    contactId: `c${i}`,
    features: { visits: i % 4, calls: 0 },
    won: i % 4 >= 2,
  }));
  const seen: { x: number[][]; y: number[]; l2: number }[] = [];
  // A stand-in for the server's fit: remembers its input, returns weight 3 on visits.
  const fit: FitLogistic = (x, y, { l2 }) => {
    seen.push({ x: x.map((r) => [...r]), y: [...y], l2 });
    return { weights: [3, 0], intercept: 0 };
  };
  // Computed before each test rather than while collecting them, so that mutation testing links the code to these tests.
  let result: ReturnType<typeof trainDealModel>;
  let heldOut: typeof examples;
  beforeEach(() => {
    seen.length = 0;
    result = trainDealModel(examples, fit, { version: 'v1', trainedAtMs: Date.UTC(2024, 5, 1), featureNames: ['visits', 'calls'] });
    heldOut = examples.filter((e) => isHeldOut(e.contactId, DEFAULT_DEAL_TRAINING_CONFIG.holdoutShare));
  });

  it('fits on standardised training rows only', () => {
    const { x, y, l2 } = seen[0];
    expect(x).toHaveLength(240 - heldOut.length);
    expect(y).toHaveLength(x.length);
    expect(l2).toBe(1);
    const meanVisits = x.reduce((s, r) => s + r[0], 0) / x.length;
    expect(meanVisits).toBeCloseTo(0, 9);
    expect(x.every((r) => r[1] === 0)).toBe(true); // constant column
  });

  it('stores the model with its held-out evaluation', () => {
    expect(result.model).not.toBeNull();
    const model = result.model!;
    expect(model).toMatchObject({ version: 'v1', featureNames: ['visits', 'calls'], weights: [3, 0], intercept: 0, trainedAt: '2024-06-01T00:00:00.000Z' });
    expect(model.evaluation.n).toBe(heldOut.length);
    expect(model.evaluation.trainN).toBe(240 - heldOut.length);
    // scores rise with visits and the label is visits ≥ 2: a perfect ranking
    expect(model.evaluation.auc).toBe(1);
    expect(model.evaluation.calibration.reduce((s, b) => s + b.n, 0)).toBe(heldOut.length);
    const z3 = (3 - model.means[0]) / model.stds[0];
    expect(model.evaluation.calibration.some((b) => b.meanPredicted !== null && Math.abs(b.meanPredicted - sigmoid(3 * z3)) < 1e-9)).toBe(true);
  });

  it('says why when there are too few outcomes, and does not fit', () => {
    const before = seen.length;
    const r = trainDealModel(examples.slice(0, 100), fit, { version: 'v2', trainedAtMs: 0 });
    expect(r.model).toBeNull();
    expect(r.readiness.ready).toBe(false);
    expect(seen.length).toBe(before);
  });
});
