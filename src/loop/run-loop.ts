import { join } from "node:path";
import { appendFile } from "node:fs/promises";
import { DataError, formatIssue, type DataIssue } from "../errors.js";
import type { ClassifierFactory } from "../classifiers/types.js";
import type { Manifest } from "../manifest/types.js";
import { writeOutputManifest, type OutputLabel } from "../manifest/write-output.js";
import { readAnswersFile, type Answer } from "../queue/read-answers.js";
import { writeQueue } from "../queue/write.js";
import type { Reporter } from "../report/reporter.js";
import { saveState } from "../state/store.js";
import type { RoundRecord, WorkState } from "../state/types.js";
import { groundTruthDate, type Clock } from "../util/clock.js";
import { applyAnswers, simulatedAnswers } from "./apply-answers.js";
import { rowStatus } from "./row-status.js";
import { playRound } from "./play-round.js";

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
  repeats: number;
  maxRounds: number;
  seed: number;
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
  message: string;
}

/**
 * Runs rounds until the output is complete, people must answer, or --max-rounds is reached.
 * Every step saves the state before it writes anything else, so a killed run resumes where it was.
 */
export async function runLoop(manifest: Manifest, state: WorkState, cfg: LoopSettings, deps: LoopDeps): Promise<LoopResult> {
  const { reporter } = deps;
  const answerProblems: DataIssue[] = [];
  let roundsThisRun = 0;
  for (;;) {
    if (state.pending.length > 0) {
      const got = await collectAnswers(manifest, state, cfg);
      answerProblems.push(...got.problems);
      if (got.answers.length > 0) {
        const at = groundTruthDate(deps.clock());
        const { taken, skipped } = applyAnswers(state, got.answers, { annotator: cfg.simulateHumans ? `simulated:${cfg.simulateHumans}` : "unknown", at });
        await saveState(cfg.workdir, state);
        await journalAnswers(cfg.workdir, got.answers, cfg.simulateHumans !== undefined, at);
        if (!cfg.simulateHumans) reporter.info(`took in ${taken} answer(s)${skipped ? `, ${skipped} skipped` : ""} from ${cfg.queuePath}`);
      }
      for (const p of got.problems) reporter.warn(formatIssue(p));
      if (state.pending.length > 0) {
        await writeQueue(cfg.queuePath, state.pending, queueContext(manifest, state, cfg, deps, got.rejected));
        return summary("waiting", manifest, state, cfg, answerProblems, `waiting for ${state.pending.length} answer(s) in ${cfg.queuePath}`);
      }
    }
    const status = rowStatus(manifest.rows, state);
    if (status.unlabeled === 0) {
      reporter.step("writing the output manifest");
      await writeOutputManifest(cfg.outputPath, manifest, outputContext(manifest, state, cfg, deps), cfg.textColumn);
      return summary("complete", manifest, state, cfg, answerProblems, `output complete: ${cfg.outputPath}`);
    }
    if (roundsThisRun >= cfg.maxRounds) {
      return summary("stopped", manifest, state, cfg, answerProblems, `stopped after --max-rounds ${cfg.maxRounds}; ${status.unlabeled} row(s) still unlabeled`);
    }
    roundsThisRun++;
    const record = await playRound(manifest, state, status, cfg, deps);
    state.rounds.push(record);
    await saveState(cfg.workdir, state);
    reporter.round(record, manifest.rows.length);
    if (record.queued === 0 && record.autoLabeled === 0) {
      return summary("stopped", manifest, state, cfg, answerProblems, "no row could be labeled or queued this round (all remaining rows were skipped by people)");
    }
    if (state.pending.length > 0 && !cfg.simulateHumans) {
      await writeQueue(cfg.queuePath, state.pending, queueContext(manifest, state, cfg, deps));
      return summary("waiting", manifest, state, cfg, answerProblems, `${state.pending.length} task(s) for people in ${cfg.queuePath}`);
    }
  }
}

async function collectAnswers(manifest: Manifest, state: WorkState, cfg: LoopSettings): Promise<{ answers: Answer[]; problems: DataIssue[]; rejected?: Map<string, { answer: unknown; problem: string }> }> {
  if (cfg.simulateHumans) {
    const sim = simulatedAnswers(state, manifest.rows, manifest.labels, manifest.path, cfg.simulateHumans);
    if (sim.problems.length > 0) throw new DataError(sim.problems, `--simulate-humans ${cfg.simulateHumans}: ${sim.problems.length} row(s) cannot be answered`);
    return sim;
  }
  const taken = new Set(Object.values(state.human).map((h) => h.taskId));
  const read = await readAnswersFile(cfg.queuePath, manifest.labels, state.pending, taken);
  return read ?? { answers: [], problems: [] };
}

/** Append-only record of every answer taken in: the people's work survives anything done to the state. */
async function journalAnswers(workdir: string, answers: Answer[], simulated: boolean, at: string): Promise<void> {
  const lines = answers.map((a) => JSON.stringify({ taskId: a.taskId, label: a.label, annotator: a.annotator ?? null, answeredAt: a.answeredAt ?? at, simulated }));
  await appendFile(join(workdir, "answers.jsonl"), `${lines.join("\n")}\n`);
}

function queueContext(manifest: Manifest, state: WorkState, cfg: LoopSettings, deps: LoopDeps, rejected?: Map<string, { answer: unknown; problem: string }>) {
  return {
    job: cfg.jobName,
    round: state.round,
    labels: manifest.labels,
    createdAt: groundTruthDate(deps.clock()),
    textOf: (id: number) => manifest.rows[id]?.text ?? "",
    rejected,
  };
}

function outputContext(manifest: Manifest, state: WorkState, cfg: LoopSettings, deps: LoopDeps) {
  return {
    labelAttribute: cfg.labelAttribute,
    jobName: cfg.jobName,
    labels: manifest.labels,
    now: groundTruthDate(deps.clock()),
    labelOf: (id: number): OutputLabel | undefined => {
      const h = state.human[String(id)];
      if (h) return { label: h.label, confidence: 1, human: true, at: h.at };
      const m = state.machine[String(id)];
      return m ? { label: m.label, confidence: m.confidence, human: false, at: m.at } : undefined;
    },
  };
}

function summary(status: LoopResult["status"], manifest: Manifest, state: WorkState, cfg: LoopSettings, answerProblems: DataIssue[], message: string): LoopResult {
  const s = rowStatus(manifest.rows, state);
  return {
    status,
    rows: manifest.rows.length,
    human: s.humanRows.length,
    machine: s.machineCount,
    inputLabeled: s.inputLabeled,
    unlabeled: s.unlabeled,
    waitingTasks: state.pending.length,
    rounds: state.rounds,
    output: status === "complete" ? cfg.outputPath : null,
    queue: status === "waiting" ? cfg.queuePath : null,
    answerProblems,
    message,
  };
}
