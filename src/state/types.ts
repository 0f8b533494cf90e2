import type { EncoderIdentity } from "../encoder-head/artifacts.js";
import type { RowId } from "../manifest/types.js";
import type { SettingChange, StoredSettings } from "../config/sticky.js";

export const STATE_SCHEMA_VERSION = 1;

/**
 * Why a row went to people: `bootstrap` (random, before or instead of a model), `uncertain` (the
 * model was least sure of it), `audit` (a random sample of the rows about to be machine-labeled),
 * `recheck` (a newer model contradicts its earlier machine label).
 */
export type TaskReason = "bootstrap" | "uncertain" | "audit" | "recheck";

export interface HumanLabel {
  label: number;
  round: number;
  /** Ground Truth creation-date of the answer */
  at: string;
  annotator: string;
  taskId: string;
  /** why the row was asked about: only randomly chosen rows calibrate (see train-round.ts) */
  reason: TaskReason;
  /** the model's label when the task was queued (audits compare the answer with it) */
  suggested?: number;
  /** audits: the calibration's estimate, when queued, that the suggested label was right (before any audit penalty) */
  expected?: number;
}

export interface MachineLabel {
  label: number;
  /** written on the label: the calibrated estimate that it is right (calibration/written-confidence.ts) */
  confidence: number;
  /** the model's own probability of the label, which orders labels within a round (absent in older states: `confidence` was it) */
  score?: number;
  round: number;
  at: string;
  /** estimated probability that the label is right (calibration bins); sums to the ledger */
  p?: number;
}

export interface PendingTask {
  taskId: string;
  rowId: RowId;
  reason: TaskReason;
  round: number;
  suggestion?: { label: number; confidence: number };
  /** audits: the calibration's estimate that the suggested label is right (before any audit penalty) */
  expected?: number;
}

/** One round's figures, kept in the state and reported by --json. */
export interface RoundRecord {
  round: number;
  kind: "bootstrap" | "train";
  at: string;
  humanLabels: number;
  machineLabels: number;
  queued: number;
  /** rows machine-labeled for the first time this round */
  autoLabeled: number;
  /** earlier machine labels this round's models changed, or withdrew (the rows went back to the pool) */
  relabeled?: number;
  withdrawn?: number;
  unlabeledLeft: number;
  threshold?: number | null;
  /**
   * temperature that scales the confidences shown on suggestions, and, where under 1, the confidences rows are
   * ordered and calibrated by; 1 where the calibration rows could not fit one (calibration/temperature.ts)
   */
  temperature?: number;
  /** lowest confidence machine-labeled, per label (the model's confidence, scaled by the temperature where it is under 1) */
  thresholds?: Record<string, number>;
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
  /** out-of-fold predictions on the calibration rows: rows = people's label, columns = predicted (for reports) */
  confusion?: number[][];
  calibrationRows?: number;
  /** cross-fitting repetitions this round (by `--repeats`, or the default rule: loop/repeats.ts) */
  repeats?: number;
  trainSeconds?: number;
  strategy?: string;
  /**
   * the model and where it trained, e.g. "dense[tfjs:webgpu](...)" (ends "(after a GPU failure)" once a
   * GPU failure moved training to the CPU): GPU and CPU scores can differ in the last digits
   */
  model?: string;
  /** audit of this round's machine labels, once its tasks are answered */
  audit?: AuditRecord;
  /** tasks queued this round by reason */
  queuedBy?: Partial<Record<TaskReason, number>>;
  /** estimated accuracy if every row still unlabeled were machine-labeled now */
  restEstimatedAccuracy?: number | null;
  /** rough count of human labels still needed if later rounds go like this one */
  forecastHumanLabels?: number;
}

export interface AuditRecord {
  asked: number;
  answered: number;
  agreed: number;
  accuracy: number | null;
  /** two-sided interval at the run's confidence level */
  low: number;
  high: number;
  /** mean of the calibration's estimates that the audited labels were right, before any audit penalty */
  expected?: number;
  /** false when the audit shows the round's labels below the target; its less confident labels were revoked */
  passed: boolean | null;
  revoked: number;
}

/** The manifest a work dir was started with (and rows appended to it since). */
export interface ManifestRecord {
  path: string;
  sha256: string;
  rows: number;
  /** per-row fingerprints (state/row-fingerprints.ts); absent in work dirs of al-label 0.1 */
  rowFingerprints?: string;
}

export interface WorkState {
  schemaVersion: typeof STATE_SCHEMA_VERSION;
  manifest: ManifestRecord;
  labels: string[];
  labelAttribute: string;
  seed: number;
  /**
   * The pretrained encoder the run's models learn from, by content hash (null: n-gram models only).
   * Absent in work dirs made before encoders existed, which resume as null.
   */
  encoder?: EncoderIdentity | null;
  /**
   * the run settings stored at the first run (config/settings-table.ts); later runs use them. Absent in
   * work dirs made before settings were stored: such a run asks for them once (--reconfigure)
   */
  settings?: StoredSettings;
  /** settings changed since the first run: with --reconfigure, with a warning (threads, engine, backend), or stored late */
  settingChanges?: SettingChange[];
  /** rounds started so far */
  round: number;
  /** labels from answered tasks, by row id (labels already in the input manifest are not copied here) */
  human: Record<string, HumanLabel>;
  machine: Record<string, MachineLabel>;
  pending: PendingTask[];
  /**
   * random human rows that no longer calibrate, to stay like the rows later rounds label: those the query
   * strategy would have sent to people, or with --self-training those a round would have machine-labeled
   * (see train-round.ts)
   */
  retiredFromCalibration?: number[];
  /**
   * How optimistic failed audits found the accuracy estimates, in log-odds (0 when audits agree):
   * later rounds lower every estimate by it, which raises their thresholds
   */
  estimatePenalty?: number;
  /** --policy sagemaker-sample: its validation rows, chosen once */
  validationRows?: number[];
  /** rows a person skipped */
  skipped?: number[];
  rounds: RoundRecord[];
}
