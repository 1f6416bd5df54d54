import { brierScore, calibrationBins, evaluateAuc } from './evaluation';

describe('evaluateAuc', () => {
  it.each([
    // scores, labels, AUC counted over (won, lost) pairs: win 1, tie ½, loss 0
    ['perfect order', [0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 1],
    ['reversed', [0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1], 0],
    ['all tied', [0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1], 0.5],
    // won {0.4, 0.8} vs lost {0.1, 0.4}: 0.4>0.1 1, 0.4=0.4 ½, 0.8>0.1 1, 0.8>0.4 1 → 3.5 / 4
    ['one tie across classes', [0.1, 0.4, 0.4, 0.8], [0, 1, 0, 1], 0.875],
    // won {0.2, 0.6} vs lost {0.2, 0.2, 0.6}: 0.2 → ½ + ½ + 0; 0.6 → 1 + 1 + ½ → 3.5 / 6
    ['ties in both classes', [0.2, 0.2, 0.2, 0.6, 0.6], [1, 0, 0, 1, 0], 3.5 / 6],
    // won {3} vs lost {1, 2, 4}: 1 + 1 + 0 = 2 / 3; input unsorted
    ['unsorted input', [4, 3, 1, 2], [false, true, false, false], 2 / 3],
  ] as [string, number[], (0 | 1 | boolean)[], number][])('%s → %d', (_name, scores, labels, expected) => {
    expect(evaluateAuc(scores, labels)).toBeCloseTo(expected, 12);
  });

  it.each([
    [[0.3, 0.6], [1, 1]],
    [[0.3], [0]],
    [[], []],
  ] as [number[], (0 | 1)[]][])('is null without both classes: %j', (scores, labels) => {
    expect(evaluateAuc(scores, labels)).toBeNull();
  });

  it('refuses mismatched lengths', () => {
    expect(() => evaluateAuc([0.1, 0.2], [1])).toThrow(RangeError);
  });
});

describe('calibrationBins', () => {
  // 10 bins: 0.05 → bin 0; 0.15, 0.12 → bin 1; 0.95, 1.0 → bin 9 (1.0 belongs to the last bin)
  // Computed before each test rather than while collecting them, so that mutation testing links the code to these tests.
  let bins: ReturnType<typeof calibrationBins>;
  beforeEach(() => {
    bins = calibrationBins([0.05, 0.15, 0.12, 0.95, 1.0], [0, 0, 1, 1, 1], 10);
  });

  it.each([
    [0, 1, 0.05, 0],
    [1, 2, 0.135, 0.5], // (0.15 + 0.12) / 2; one of two won
    [9, 2, 0.975, 1],
  ])('bin %i: n %i, mean predicted %d, observed %d', (i, n, meanPredicted, observedRate) => {
    expect(bins[i].n).toBe(n);
    expect(bins[i].meanPredicted).toBeCloseTo(meanPredicted, 12);
    expect(bins[i].observedRate).toBe(observedRate);
  });

  it('keeps empty bins, with nulls', () => {
    expect(bins).toHaveLength(10);
    expect(bins[5]).toEqual({ lower: 0.5, upper: 0.6, n: 0, meanPredicted: null, observedRate: null });
  });
});

describe('brierScore', () => {
  it('is the mean squared error', () => {
    // (0.8 − 1)² + (0.3 − 0)² = 0.04 + 0.09 = 0.13, / 2 = 0.065
    expect(brierScore([0.8, 0.3], [1, 0])).toBeCloseTo(0.065, 12);
  });
});
