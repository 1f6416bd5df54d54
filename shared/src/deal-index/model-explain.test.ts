import { explainPrediction } from './explain';
import { type DealModel, predictDealProbability, sigmoid } from './model';
import { scoreDeal } from './score-deal';

// Two features: visits (mean 1, std 1, weight +1) and recency_days (mean 10, std 5, weight −0.5).
const model: DealModel = {
  version: 'test-1',
  featureNames: ['visits', 'recency_days'],
  weights: [1, -0.5],
  intercept: -1,
  means: [1, 10],
  stds: [1, 5],
  trainedAt: '2024-06-01T00:00:00.000Z',
  evaluation: { auc: 0.8, calibration: [], n: 100 },
};

describe('predictDealProbability', () => {
  it.each([
    // z = (2−1)/1 = 1 and (20−10)/5 = 2 → −1 + 1 − 0.5 × 2 = −1
    [{ visits: 2, recency_days: 20 }, -1, []],
    // at the means → the intercept alone
    [{ visits: 1, recency_days: 10 }, -1, []],
    // recency missing → taken at its mean: −1 + 1 = 0
    [{ visits: 2 }, 0, ['recency_days']],
  ])('%j → sigmoid(%d)', (features, logOdds, missing) => {
    const p = predictDealProbability(model, features);
    expect(p.probability).toBeCloseTo(sigmoid(logOdds), 12);
    expect(p).toMatchObject({ isPrior: false, modelVersion: 'test-1', missingFeatures: missing });
  });

  it('treats a zero std as 1', () => {
    const flat = { ...model, featureNames: ['visits'], weights: [2], means: [0], stds: [0] };
    expect(predictDealProbability(flat, { visits: 1 }).probability).toBeCloseTo(sigmoid(1), 12);
  });

  it('refuses a model whose arrays disagree', () => {
    expect(() => predictDealProbability({ ...model, weights: [1] }, {})).toThrow(RangeError);
  });

  it.each([
    [0, 0.5],
    [800, 1],
    [-800, 0],
  ])('sigmoid(%d) = %d without overflow', (x, y) => {
    expect(sigmoid(x)).toBeCloseTo(y, 12);
  });

  it('is what scoreDeal uses for an open contact', () => {
    expect(scoreDeal(model, { visits: 2, recency_days: 20 }, 5, 'open')).toEqual({
      probability: sigmoid(-1),
      isPrior: false,
      modelVersion: 'test-1',
    });
  });
});

describe('explainPrediction', () => {
  // visits 0 → z −1, contribution −1; recency 20 → z 2, contribution −1; log-odds −3
  // Computed before each test rather than while collecting them, so that mutation testing links the code to these tests.
  let explanation: ReturnType<typeof explainPrediction>;
  beforeEach(() => {
    explanation = explainPrediction(model, { visits: 0, recency_days: 20, calls: 0 });
  });

  it('lists contributions by size, ties by name', () => {
    expect(explanation.probability).toBeCloseTo(sigmoid(-3), 12);
    expect(explanation.contributions).toEqual([
      { feature: 'recency_days', labelZh: '距上次互动天数', value: 20, contribution: -1 },
      { feature: 'visits', labelZh: '面谈次数', value: 0, contribution: -1 },
    ]);
  });

  it('ranks the actions that would raise P(close) most, leaving out those that would not', () => {
    // reengage: recency 0 → z −2 → +1 → log-odds −1; visit: visits 1 → z 0 → log-odds −2;
    // call changes `calls`, which the model does not use → no gain → left out
    expect(explanation.nextActions.map((a) => a.key)).toEqual(['reengage', 'visit']);
    expect(explanation.nextActions[0].gain).toBeCloseTo(sigmoid(-1) - sigmoid(-3), 12);
    expect(explanation.nextActions[1].probabilityAfter).toBeCloseTo(sigmoid(-2), 12);
    expect(explanation.nextActions[0].actionZh).toContain('分享');
  });

  it('does not suggest an action that is already done', () => {
    // recency already 0: reengage would change nothing
    const done = explainPrediction(model, { visits: 0, recency_days: 0 });
    expect(done.nextActions.map((a) => a.key)).toEqual(['visit']);
  });
});
