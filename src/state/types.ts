import type { RowId } from "../manifest/types.js";

export const STATE_SCHEMA_VERSION = 1;

export type TaskReason = "bootstrap" | "uncertain";

export interface HumanLabel {
  label: number;
  round: number;
  /** Ground Truth creation-date of the answer */
  at: string;
  annotator: string;
  taskId: string;
  /** why the row was asked about: only randomly chosen rows calibrate (see train-round.ts) */
  reason: TaskReason;
}

export interface MachineLabel {
  label: number;
  confidence: number;
  round: number;
  at: string;
}

export interface PendingTask {
  taskId: string;
  rowId: RowId;
  reason: TaskReason;
  round: number;
  suggestion?: { label: number; confidence: number };
}

/** One round's figures, kept in the state and reported by --json. */
export interface RoundRecord {
  round: number;
  kind: "bootstrap" | "train";
  at: string;
  humanLabels: number;
  machineLabels: number;
  queued: number;
  autoLabeled: number;
  unlabeledLeft: number;
  threshold?: number | null;
  /** this round's machine labels: estimated correct count and its variance */
  estimatedCorrect?: number;
  estimateVariance?: number;
  /** estimated accuracy of this round's machine labels */
  estimatedAccuracy?: number | null;
  /** estimated accuracy of all machine labels so far, and its one-sided lower bound */
  cumulativeAccuracy?: number | null;
  accuracyLowerBound?: number | null;
  /** accuracy of all out-of-fold predictions on human rows */
  heldOutAccuracy?: number;
  calibrationRows?: number;
  trainSeconds?: number;
}

export interface WorkState {
  schemaVersion: typeof STATE_SCHEMA_VERSION;
  manifest: { path: string; sha256: string; rows: number };
  labels: string[];
  labelAttribute: string;
  seed: number;
  /** rounds started so far */
  round: number;
  /** labels from answered tasks, by row id (labels already in the input manifest are not copied here) */
  human: Record<string, HumanLabel>;
  machine: Record<string, MachineLabel>;
  pending: PendingTask[];
  /** human rows that a round would have machine-labeled: they no longer calibrate (see train-round.ts) */
  retiredFromCalibration?: number[];
  /** rows a person skipped */
  skipped?: number[];
  rounds: RoundRecord[];
}
