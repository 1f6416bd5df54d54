/**
 * How good a deal model is, measured on held-out outcomes.
 * AUC: the chance that a random won contact scores above a random lost one (ties count half),
 * computed from mid-ranks (Mann–Whitney U). Calibration: within each probability bin, the mean
 * predicted probability beside the share that actually won. Brier: mean squared error.
 */

/** One calibration bin [lower, upper) (the last bin includes 1). */
export interface CalibrationBin {
  lower: number;
  upper: number;
  n: number;
  /** Mean predicted probability in the bin; null when empty. */
  meanPredicted: number | null;
  /** Share of the bin that won; null when empty. */
  observedRate: number | null;
}

type Label = boolean | 0 | 1;

function checkLengths(scores: readonly number[], labels: readonly Label[]): void {
  if (scores.length !== labels.length) throw new RangeError(`${scores.length} scores but ${labels.length} labels`);
}

/** Area under the ROC curve with ties counted half; null unless both classes occur. */
export function evaluateAuc(scores: readonly number[], labels: readonly Label[]): number | null {
  checkLengths(scores, labels);
  const order = scores.map((s, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end += 1;
    const midRank = (start + end) / 2 + 1; // ranks are 1-based
    for (let k = start; k <= end; k += 1) {
      if (labels[order[k]]) {
        positives += 1;
        positiveRankSum += midRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Equal-width calibration bins over [0, 1]; every bin is returned, empty ones with nulls. */
export function calibrationBins(scores: readonly number[], labels: readonly Label[], binCount = 10): CalibrationBin[] {
  checkLengths(scores, labels);
  const sums = Array.from({ length: binCount }, () => ({ n: 0, predicted: 0, won: 0 }));
  scores.forEach((s, i) => {
    const bin = sums[Math.min(binCount - 1, Math.max(0, Math.floor(s * binCount)))];
    bin.n += 1;
    bin.predicted += s;
    if (labels[i]) bin.won += 1;
  });
  return sums.map((b, i) => ({
    lower: i / binCount,
    upper: (i + 1) / binCount,
    n: b.n,
    meanPredicted: b.n > 0 ? b.predicted / b.n : null,
    observedRate: b.n > 0 ? b.won / b.n : null,
  }));
}

/** Mean squared difference between probability and outcome (0 is perfect); null when empty. */
export function brierScore(scores: readonly number[], labels: readonly Label[]): number | null {
  checkLengths(scores, labels);
  if (scores.length === 0) return null;
  return scores.reduce((s, p, i) => s + (p - (labels[i] ? 1 : 0)) ** 2, 0) / scores.length;
}
