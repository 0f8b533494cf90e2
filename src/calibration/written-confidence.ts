import type { CalibrationBin } from "./accuracy-estimate.js";
import { wilsonInterval } from "./wilson.js";

/** The highest confidence ever written: six decimals, as the output rounds them, short of certainty. */
export const MAX_WRITTEN_CONFIDENCE = 0.999999;

/**
 * The confidence written on a machine label (pure): the calibrated estimate that it is right (its
 * calibration bin's shrunk accuracy, less any audit penalty), never above the upper end of that bin's
 * two-sided interval at the run's confidence level, and never 1: a model's raw or temperature-scaled
 * probability can say 1.0 for a wrong label; held-out rows never prove a label certain.
 */
export function writtenConfidence(estimate: number, bin: Pick<CalibrationBin, "hits" | "rows">, level: number): number {
  const high = wilsonInterval(bin.hits, bin.rows, level).high;
  return Math.min(estimate, high, MAX_WRITTEN_CONFIDENCE);
}

/**
 * The classes a round may machine-label (pure): those with calibration rows people labeled with it
 * and calibration rows the model predicted as it. Without either, nothing measured how often the
 * model is right when it says that class, so no threshold is set for it.
 */
export function calibratedClasses(humanLabels: ArrayLike<number>, predicted: ArrayLike<number>): Set<number> {
  const labeled = new Set(Array.from(humanLabels));
  return new Set(Array.from(predicted).filter((c) => labeled.has(c)));
}
