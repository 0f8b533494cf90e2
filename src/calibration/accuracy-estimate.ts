import { normalQuantile } from "./wilson.js";

/**
 * Held-out rows grouped by confidence: within a bin, the share the model got right estimates how
 * often a pool row of that confidence is right. Estimating per bin, then weighting by the pool's own
 * confidences, stays right when the held-out rows are not like the pool (after the first round the
 * human rows are the hard ones people were asked about).
 */
export interface CalibrationBin {
  /** lowest confidence in the bin */
  low: number;
  hits: number;
  rows: number;
}

export function calibrationBins(confidence: ArrayLike<number>, correct: ArrayLike<boolean>, minRows: number): CalibrationBin[] {
  const order = Array.from({ length: confidence.length }, (_, i) => i).sort((a, b) => (confidence[b] as number) - (confidence[a] as number));
  const bins: CalibrationBin[] = [];
  let cur: CalibrationBin = { low: 1, hits: 0, rows: 0 };
  order.forEach((i, k) => {
    cur.rows++;
    if (correct[i]) cur.hits++;
    cur.low = confidence[i] as number;
    const next = order[k + 1];
    const tied = next !== undefined && confidence[next] === confidence[i];
    if (cur.rows >= minRows && !tied) {
      bins.push(cur);
      cur = { low: 0, hits: 0, rows: 0 };
    }
  });
  if (cur.rows > 0) {
    const last = bins[bins.length - 1];
    if (last && cur.rows < minRows) {
      last.hits += cur.hits;
      last.rows += cur.rows;
      last.low = cur.low;
    } else bins.push(cur);
  }
  if (bins.length > 0) (bins[bins.length - 1] as CalibrationBin).low = 0; // the lowest bin takes everything below
  return bins; // highest confidence first
}

/** Index of the bin a confidence falls in (bins sorted from high to low). */
export function binIndex(bins: readonly CalibrationBin[], c: number): number {
  for (let b = 0; b < bins.length; b++) if (c >= (bins[b] as CalibrationBin).low) return b;
  return bins.length - 1;
}

/** Accuracy of machine labels so far: estimated correct count and its variance. */
export interface Ledger {
  labels: number;
  correct: number;
  variance: number;
}

export interface CumulativeChoice {
  /** how many of the pool rows (sorted by confidence, highest first) to machine-label */
  take: number;
  threshold: number | null;
  round: { labels: number; correct: number; variance: number };
  cumulative: { labels: number; accuracy: number | null; lowerBound: number | null };
}

/**
 * Chooses how many pool rows to machine-label (pure): the most, taken from the most confident down,
 * such that the one-sided lower confidence bound of the accuracy of ALL machine labels (earlier
 * rounds' included) stays at or above `target`. Each bin's accuracy estimate has binomial variance,
 * with half a right and half a wrong answer added (the Jeffreys prior's mean), so a bin with every
 * row right still counts as uncertain.
 */
export function chooseCumulative(
  bins: readonly CalibrationBin[],
  poolConfidence: ArrayLike<number>,
  eligible: ArrayLike<boolean>,
  ledger: Ledger,
  target: number,
  level: number,
): { order: number[]; choice: CumulativeChoice } {
  const z = normalQuantile(level);
  const p = bins.map((b) => b.hits / b.rows);
  const v = bins.map((b) => {
    const adj = (b.hits + 0.5) / (b.rows + 1);
    return (adj * (1 - adj)) / b.rows;
  });
  const order = Array.from({ length: poolConfidence.length }, (_, i) => i)
    .filter((i) => eligible[i])
    .sort((a, b) => (poolConfidence[b] as number) - (poolConfidence[a] as number) || a - b);
  const perBin = new Float64Array(bins.length);
  let correct = 0;
  let sumSquares = 0; // sum over bins of n_b^2 * v_b
  const none: CumulativeChoice = { take: 0, threshold: null, round: { labels: 0, correct: 0, variance: 0 }, cumulative: summarize(ledger.labels, ledger.correct, ledger.variance, z) };
  let best = none;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const b = binIndex(bins, poolConfidence[i] as number);
    correct += p[b] as number;
    sumSquares += (2 * (perBin[b] as number) + 1) * (v[b] as number);
    perBin[b] = (perBin[b] as number) + 1;
    const next = order[k + 1];
    if (next !== undefined && poolConfidence[next] === poolConfidence[i]) continue;
    const total = summarize(ledger.labels + k + 1, ledger.correct + correct, ledger.variance + sumSquares, z);
    if ((total.lowerBound ?? 0) >= target) {
      best = { take: k + 1, threshold: poolConfidence[i] as number, round: { labels: k + 1, correct, variance: sumSquares }, cumulative: total };
    }
  }
  return { order, choice: best };
}

function summarize(labels: number, correct: number, variance: number, z: number): CumulativeChoice["cumulative"] {
  if (labels === 0) return { labels, accuracy: null, lowerBound: null };
  return { labels, accuracy: correct / labels, lowerBound: Math.max(0, (correct - z * Math.sqrt(variance)) / labels) };
}
