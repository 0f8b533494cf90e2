import type { RoundRecord, WorkState } from "../state/types.js";

export const REPORT_SCHEMA_VERSION = 1;

/** Where the rows stood after one round: every row counted once. */
export interface RoundRows {
  round: number;
  kind: RoundRecord["kind"];
  /** labeled by people in the input manifest */
  inputHuman: number;
  /** labeled by people through al-label before this round */
  answeredHuman: number;
  /** machine labels standing after this round */
  machine: number;
  /** sent to people by this round */
  queued: number;
  /** neither labeled nor queued */
  unlabeled: number;
  /** rows that came labeled by a machine in the input (kept, never trained on) */
  inputMachine: number;
}

export interface RoundAccuracy {
  round: number;
  humanLabels: number;
  /** lowest model confidence machine-labeled this round; null when none was */
  threshold: number | null;
  estimatedAccuracy: number | null;
  /** all machine labels so far, and the one-sided lower bound the target holds for */
  cumulativeAccuracy: number | null;
  accuracyLowerBound: number | null;
  /** out-of-fold accuracy on all human labels */
  heldOutAccuracy: number | null;
  /** this round's audit once answered: people's agreement with its machine labels */
  audit: { accuracy: number; low: number; high: number; answered: number; passed: boolean | null; expected: number | null } | null;
}

export interface ReportSummary {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  manifest: string;
  rows: number;
  labels: string[];
  rounds: number;
  /** per round, then "now" (after the last answers were taken in) */
  byRound: RoundRows[];
  now: Omit<RoundRows, "round" | "kind" | "queued"> & { waiting: number };
  accuracy: RoundAccuracy[];
  /** held-out accuracy against the human labels the model had: the learning curve */
  learningCurve: { humanLabels: number; heldOutAccuracy: number }[];
  /** out-of-fold predictions on the calibration rows of the last round that kept them */
  confusion: { round: number; matrix: number[][] } | null;
  /** human labels paid for, against labeling every row by hand */
  saving: { humanLabels: number; byHand: number; saved: number; savedShare: number };
  machineAccuracy: { estimated: number | null; lowerBound: number | null; audited: { asked: number; agreed: number } };
  trainSeconds: number;
}

/**
 * The run report's figures (pure): from the work dir's state alone. Input human labels are not kept
 * in the state; a round's count of human labels less the answers taken before it gives them.
 */
export function summarize(state: WorkState): ReportSummary {
  const answers = Object.values(state.human);
  const answeredBefore = (round: number): number => answers.filter((h) => h.round < round).length;
  const rows = state.manifest.rows;
  const byRound = state.rounds.map((r): RoundRows => {
    const answeredHuman = answeredBefore(r.round);
    const inputHuman = Math.max(0, r.humanLabels - answeredHuman);
    const unlabeled = Math.max(0, r.unlabeledLeft - r.queued);
    const inputMachine = Math.max(0, rows - inputHuman - answeredHuman - r.machineLabels - r.queued - unlabeled);
    return { round: r.round, kind: r.kind, inputHuman, answeredHuman, machine: r.machineLabels, queued: r.queued, unlabeled, inputMachine };
  });
  const last = byRound.at(-1);
  const inputHuman = last?.inputHuman ?? 0;
  const inputMachine = last?.inputMachine ?? 0;
  const machine = Object.keys(state.machine).length;
  const waiting = state.pending.length;
  const now = {
    inputHuman,
    answeredHuman: answers.length,
    machine,
    waiting,
    unlabeled: Math.max(0, rows - inputHuman - answers.length - machine - inputMachine - waiting),
    inputMachine,
  };
  const train = state.rounds.filter((r) => r.kind === "train");
  const humanLabels = inputHuman + answers.length;
  const lastTrain = train.at(-1);
  const audits = state.rounds.flatMap((r) => (r.audit ? [r.audit] : []));
  const withConfusion = [...train].reverse().find((r) => r.confusion);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    manifest: state.manifest.path,
    rows,
    labels: state.labels,
    rounds: state.rounds.length,
    byRound,
    now,
    accuracy: train.map(accuracyOf),
    learningCurve: train.flatMap((r) => (r.heldOutAccuracy === undefined ? [] : [{ humanLabels: r.humanLabels, heldOutAccuracy: r.heldOutAccuracy }])),
    confusion: withConfusion?.confusion ? { round: withConfusion.round, matrix: withConfusion.confusion } : null,
    saving: { humanLabels, byHand: rows, saved: rows - humanLabels, savedShare: rows > 0 ? (rows - humanLabels) / rows : 0 },
    machineAccuracy: {
      estimated: lastTrain?.cumulativeAccuracy ?? null,
      lowerBound: lastTrain?.accuracyLowerBound ?? null,
      audited: { asked: audits.reduce((a, x) => a + x.answered, 0), agreed: audits.reduce((a, x) => a + x.agreed, 0) },
    },
    trainSeconds: state.rounds.reduce((a, r) => a + (r.trainSeconds ?? 0), 0),
  };
}

function accuracyOf(r: RoundRecord): RoundAccuracy {
  const a = r.audit;
  return {
    round: r.round,
    humanLabels: r.humanLabels,
    threshold: r.threshold ?? null,
    estimatedAccuracy: r.estimatedAccuracy ?? null,
    cumulativeAccuracy: r.cumulativeAccuracy ?? null,
    accuracyLowerBound: r.accuracyLowerBound ?? null,
    heldOutAccuracy: r.heldOutAccuracy ?? null,
    audit: a && a.accuracy !== null ? { accuracy: a.accuracy, low: a.low, high: a.high, answered: a.answered, passed: a.passed, expected: a.expected ?? null } : null,
  };
}
