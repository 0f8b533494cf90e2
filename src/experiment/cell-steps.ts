import type { RoundRecord } from "../state/types.js";
import type { Cell } from "./grid.js";
import type { ExperimentSpec } from "./spec.js";

/** Where a cell's run reads and writes. */
export interface CellPaths {
  manifest: string;
  labels: string;
  workdir: string;
  /** encoder vector cache shared by all cells (`run --cache-dir`, with --encoder only) */
  cache: string;
}

/**
 * The cell's `al-label run` arguments (after "al-label"): the grid's values, the experiment's shared
 * settings, and --encoder (none, default or a folder) with the shared --cache-dir.
 */
export function runArgs(cell: Cell, spec: ExperimentSpec, paths: CellPaths): string[] {
  return [
    "run", paths.manifest,
    "--simulate-humans", spec.simulateHumans,
    "--labels", paths.labels,
    "--workdir", paths.workdir,
    "--model", cell.model,
    "--encoder", cell.encoder, "--cache-dir", paths.cache,
    "--strategy", cell.strategy,
    "--policy", cell.policy,
    "--seed", String(cell.seed),
    "--target-accuracy", String(spec.targetAccuracy),
    "--bootstrap-fraction", String(spec.bootstrapFraction),
    ...(spec.batchSize === null ? [] : ["--batch-size", String(spec.batchSize)]),
    ...spec.runFlags,
  ];
}

/** One step: the same run, one round at a time, so each round's machine labels can be read from the work dir. */
export function stepArgs(args: readonly string[]): string[] {
  return [...args, "--max-rounds", "1", "--json", "--quiet"];
}

/** What `run --json` prints that a step needs. */
export interface StepSummary {
  status: "complete" | "waiting" | "stopped" | "error";
  exitCode: number;
  human: number;
  auto: number;
  rows: number;
  rounds: number;
  message: string;
  roundDetails: RoundRecord[];
}

/** The last JSON line of a run's stdout, or null when there is none. */
export function parseStep(stdout: string): StepSummary | null {
  const lines = stdout.trim().split("\n").reverse();
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      const j = JSON.parse(line) as StepSummary;
      if (typeof j.status === "string") return { ...j, roundDetails: Array.isArray(j.roundDetails) ? j.roundDetails : [] };
    } catch {
      // not the summary line
    }
  }
  return null;
}

export type StepVerdict = { next: "again" } | { next: "done"; status: "complete" | "stopped" } | { next: "failed"; reason: string };

/**
 * After a step: go on while the run stopped only because of its one-round limit and rounds are left;
 * done when the output is complete or the run stopped for its own reason (budget, nothing to ask).
 */
export function verdict(step: StepSummary | null, exitCode: number, roundsBefore: number, maxRounds: number): StepVerdict {
  if (!step || step.status === "error") return { next: "failed", reason: step?.message ?? `run exited ${exitCode} without a JSON summary` };
  if (step.status === "complete") return { next: "done", status: "complete" };
  if (step.status === "waiting") return { next: "failed", reason: `run is waiting for people: ${step.message}` };
  const progressed = step.rounds > roundsBefore;
  if (!progressed || !step.message.startsWith("stopped after --max-rounds")) return { next: "done", status: "stopped" };
  return step.rounds >= maxRounds ? { next: "done", status: "stopped" } : { next: "again" };
}

/** Machine labels standing in a work dir's state, and how many match gold (goldOfRow: label name by cell row). */
export function machineScore(machine: Record<string, { label: number }>, labels: readonly string[], goldOfRow: readonly string[]): { labels: number; correct: number } {
  let n = 0;
  let correct = 0;
  for (const [id, m] of Object.entries(machine)) {
    n++;
    if (labels[m.label] !== undefined && labels[m.label] === goldOfRow[Number(id)]) correct++;
  }
  return { labels: n, correct };
}

/** Share of rows whose most probable label (row-major probabilities) is the gold label. */
export function accuracyOf(probs: Float32Array, numLabels: number, labels: readonly string[], gold: readonly string[]): number | null {
  if (gold.length === 0) return null;
  let right = 0;
  for (let r = 0; r < gold.length; r++) {
    let best = 0;
    for (let c = 1; c < numLabels; c++) if ((probs[r * numLabels + c] as number) > (probs[r * numLabels + best] as number)) best = c;
    if (labels[best] === gold[r]) right++;
  }
  return right / gold.length;
}
