import type { RoundRecord } from "../state/types.js";

/** Progress and messages. Core code talks only to this; ora and chalk stay in reporters.ts. */
export interface Reporter {
  /** long work under way (a spinner on a terminal; nothing elsewhere) */
  step(text: string): void;
  /** one line per finished round */
  round(record: RoundRecord, totalRows: number): void;
  info(text: string): void;
  warn(text: string): void;
  stop(): void;
}

export const nullReporter: Reporter = { step() {}, round() {}, info() {}, warn() {}, stop() {} };

export function describeRound(r: RoundRecord, totalRows: number): string {
  const pct = (n: number): string => `${((100 * n) / Math.max(1, totalRows)).toFixed(1)}%`;
  const parts = [`round ${r.round} (${r.kind})`, `human ${r.humanLabels} (${pct(r.humanLabels)})`, `machine ${r.machineLabels}`, `queued ${r.queued}`, `left ${r.unlabeledLeft}`];
  if (r.kind === "train") {
    // rounds that decide afresh report what changed among earlier machine labels; others only what they added
    if (r.withdrawn !== undefined) parts.push(`new machine +${r.autoLabeled} (${r.withdrawn} withdrawn, ${r.relabeled ?? 0} changed)`);
    else parts.push(`new machine +${r.autoLabeled}`);
    parts.push(r.threshold === null || r.threshold === undefined ? "threshold none" : `threshold ${r.threshold.toFixed(3)}`);
    if (r.estimatedAccuracy != null && r.withdrawn === undefined) parts.push(`est. acc of new ${(100 * r.estimatedAccuracy).toFixed(1)}%`);
    if (r.cumulativeAccuracy != null && r.accuracyLowerBound != null) {
      parts.push(`all machine ${(100 * r.cumulativeAccuracy).toFixed(1)}% (>= ${(100 * r.accuracyLowerBound).toFixed(1)}%)`);
    }
    if (r.heldOutAccuracy !== undefined) parts.push(`held-out acc ${(100 * r.heldOutAccuracy).toFixed(1)}%`);
  }
  return parts.join(" | ");
}
