import { spawn, type ChildProcess } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadModel } from "../classifiers/load-model.js";
import { loadEncoder } from "../encoders/load.js";
import { encodeTexts, type TextVectors } from "../encoders/text-vectors.js";
import { cacheFor } from "../encoders/vector-cache.js";
import { lockFile } from "../state/lock.js";
import type { RoundRecord } from "../state/types.js";
import { isAlive } from "../util/process-alive.js";
import type { Cell } from "./grid.js";
import type { CellResult, RoundRow } from "./results.js";
import { accuracyOf, machineScore, parseStep, runArgs, stepArgs, verdict, type CellPaths } from "./cell-steps.js";
import type { ExperimentSpec } from "./spec.js";

/** bin/al-label.js of this install (dist/experiment -> bin, and src/experiment -> bin under tests). */
export const AL_LABEL_BIN = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "al-label.js");

/** What a cell needs besides its settings: its files and the gold labels to score against. */
export interface CellInput {
  cell: Cell;
  spec: ExperimentSpec;
  paths: CellPaths;
  /** label names, in the order of the labels file */
  labels: string[];
  /** gold label of each row of the cell's manifest */
  goldOfRow: string[];
  test: { text: string[]; gold: string[] };
}

/** Child processes running now, so a Ctrl-C of the experiment stops them too. */
export const runningChildren = new Set<ChildProcess>();

/**
 * Plays one cell: `al-label run` one round at a time in the cell's work dir until it completes or
 * stops, reading after each round the machine labels (scored against gold) and the round's saved
 * model (scored on the test split).
 */
export async function runCell(input: CellInput): Promise<CellResult> {
  const { cell, spec, paths } = input;
  const args = runArgs(cell, spec, paths);
  const started = performance.now();
  const rows: RoundRow[] = [];
  let roundsBefore = 0;
  let last = { human: 0, machine: 0, machineCorrect: 0, rows: input.goldOfRow.length };
  const result = (status: CellResult["status"], exitCode: number, message: string): CellResult => ({
    schemaVersion: 1,
    cell: cell.id,
    cellIndex: cell.index,
    key: cell.key,
    status,
    exitCode,
    message,
    rows: last.rows,
    human: last.human,
    machine: last.machine,
    machineCorrect: last.machineCorrect,
    rounds: rows,
    command: args,
    seconds: (performance.now() - started) / 1000,
  });
  for (;;) {
    const t0 = performance.now();
    const out = await spawnRun(stepArgs(args));
    const seconds = (performance.now() - t0) / 1000;
    const step = parseStep(out.stdout);
    const v = verdict(step, out.code, roundsBefore, spec.maxRounds);
    if (v.next === "failed" || !step) return result("failed", out.code, `${v.next === "failed" ? v.reason : ""}${out.stderr ? `\n${out.stderr.trim().slice(-800)}` : ""}`.trim());
    const state = JSON.parse(await readFile(join(paths.workdir, "state.json"), "utf8")) as { labels: string[]; machine: Record<string, { label: number }> };
    const score = machineScore(state.machine, state.labels, input.goldOfRow);
    last = { human: step.human, machine: score.labels, machineCorrect: score.correct, rows: step.rows };
    for (const record of step.roundDetails.slice(roundsBefore)) rows.push(await roundRow(input, record, score, step.rows, seconds));
    roundsBefore = step.rounds;
    if (v.next === "done") return result(v.status, out.code, step.message);
  }
}

async function roundRow(input: CellInput, record: RoundRecord, score: { labels: number; correct: number }, rows: number, seconds: number): Promise<RoundRow> {
  const { cell } = input;
  return {
    cell: cell.id,
    cellIndex: cell.index,
    model: cell.model,
    encoder: cell.encoder,
    strategy: cell.strategy,
    policy: cell.policy,
    seed: cell.seed,
    startSeed: cell.startSeed,
    round: record.round,
    kind: record.kind,
    rows,
    humanLabels: record.humanLabels,
    humanShare: rows > 0 ? record.humanLabels / rows : 0,
    queued: record.queued,
    machineLabels: score.labels,
    machineCorrect: score.correct,
    machineAccuracy: score.labels > 0 ? score.correct / score.labels : null,
    testAccuracy: await testAccuracy(join(input.paths.workdir, "models", `round-${record.round}`), input.test, { encoder: cell.encoder, cacheDir: input.paths.cache }),
    threshold: typeof record.threshold === "number" ? record.threshold : null,
    seconds,
  };
}

/** The round's saved model (as `predict` loads it) on the test split; null when the round saved none. */
export async function testAccuracy(modelDir: string, test: { text: string[]; gold: string[] }, enc: { encoder: string; cacheDir: string } = { encoder: "default", cacheDir: "" }): Promise<number | null> {
  const meta = await readFile(join(modelDir, "metadata.json"), "utf8").catch(() => null);
  if (meta === null || test.text.length === 0) return null;
  let vectors: TextVectors | null = null;
  const model = await loadModel(modelDir, () => {
    if (!vectors) throw new Error("test texts were not encoded");
    return vectors;
  });
  if (model.encoder) {
    // the cell's encoder (its run checked it against the work dir's): the test split's vectors, cached for transformers
    const encoder = await loadEncoder(enc.encoder);
    if (!encoder || encoder.contentHash !== model.encoder.contentHash) throw new Error(`${modelDir} needs encoder ${model.encoder.name}; the cell names ${enc.encoder}`);
    try {
      const cache = enc.cacheDir ? await cacheFor(encoder, enc.cacheDir) : null;
      vectors = await encodeTexts(encoder, test.text, { cache });
    } finally {
      encoder.dispose();
    }
  }
  return accuracyOf(model.predictProba(test.text), model.numLabels, model.labels, test.gold);
}

function spawnRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [AL_LABEL_BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    runningChildren.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-20_000)));
    child.on("error", (err) => {
      runningChildren.delete(child);
      done({ code: 1, stdout, stderr: `${stderr}${err.message}` });
    });
    child.on("close", (code, signal) => {
      runningChildren.delete(child);
      done({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/**
 * Makes an unfinished cell's folder ready to start over: a run left behind by a killed experiment
 * (its pid and start time are in the work dir's lock) is stopped first, then the folder is emptied.
 */
export async function resetCell(cellDir: string, workdir: string): Promise<void> {
  const held = await readFile(lockFile(workdir), "utf8").catch(() => null);
  if (held) {
    try {
      const owner = JSON.parse(held) as { pid?: number; start?: number | null };
      if (typeof owner.pid === "number" && owner.pid !== process.pid && isAlive(owner.pid, owner.start)) {
        process.kill(owner.pid, "SIGKILL");
        for (let i = 0; i < 100 && isAlive(owner.pid, owner.start); i++) await new Promise((r) => setTimeout(r, 50));
      }
    } catch {
      // a torn or foreign lock file: the folder is removed below all the same
    }
  }
  await rm(cellDir, { recursive: true, force: true });
}
