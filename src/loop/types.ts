import type { ClassifierFactory } from "../classifiers/types.js";
import type { DataIssue } from "../errors.js";
import type { Reporter } from "../report/reporter.js";
import type { RoundRecord } from "../state/types.js";
import type { Clock } from "../util/clock.js";
import type { RepeatsRule } from "./repeats.js";

/**
 * The loop's shared types: what a run is given (settings and dependencies) and what it returns.
 * run-loop.ts (the run), play-round.ts (a round) and sagemaker-policy.ts (a policy) all read them,
 * so none of them imports another's types and the loop reads top-down.
 */
export interface LoopSettings {
  workdir: string;
  queuePath: string;
  outputPath: string;
  jobName: string;
  labelAttribute: string;
  textColumn: string;
  simulateHumans?: string;
  targetAccuracy: number;
  confidence: number;
  batchSize: number;
  bootstrapFraction: number;
  folds: number;
  /** cross-fitting repetitions, or the rule that sets them each round (config/run-config.ts) */
  repeats: RepeatsRule;
  auditRate: number;
  selfTraining: boolean;
  /** fold models train again on the pool rows they are sure of (calibration/pseudo-labels.ts) */
  pseudoLabels: boolean;
  strategy: string;
  maxHuman?: number;
  policy: "al-label" | "sagemaker-sample";
  maxRounds: number;
  seed: number;
  /** the command that continues this work dir (state/next-command.ts), printed when people must answer */
  next?: string;
}

export interface LoopDeps {
  factory: ClassifierFactory;
  reporter: Reporter;
  clock: Clock;
}

export interface LoopResult {
  status: "complete" | "waiting" | "stopped";
  rows: number;
  human: number;
  machine: number;
  inputLabeled: number;
  unlabeled: number;
  waitingTasks: number;
  rounds: RoundRecord[];
  output: string | null;
  queue: string | null;
  answerProblems: DataIssue[];
  /** texts people labeled differently on different rows (conflicting-duplicates.ts) */
  conflicts: { texts: number; rows: number; example: { lines: number[]; labels: string[] } | null };
  message: string;
}
