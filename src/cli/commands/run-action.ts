import type { RunConfig } from "../../config/run-config.js";
import { parseFlags } from "../parse-flags.js";
import { RUN_OPTIONS } from "../run-options.js";
import { jsonLine } from "../json-out.js";
import { run, type RunOutcome } from "./run.js";
import { terminalLine } from "../../util/terminal-text.js";

/**
 * Wires `run`'s flags to the run() function and prints its result: one summary line, or one JSON
 * object with --json. With `--output -` the manifest owns stdout, so the summary goes to stderr.
 */
export async function runCommand(manifest: string, raw: Record<string, unknown>): Promise<number> {
  const flags = parseFlags<RunConfig>(raw, RUN_OPTIONS);
  const { exitCode, result } = await run(manifest, flags);
  const out = flags.output === "-" ? process.stderr : process.stdout;
  if (flags.json) out.write(runJson(exitCode, result));
  else if (!flags.quiet) out.write(`${summaryLine(result)}\n`);
  return exitCode;
}

/** run's --json object (schema in ../json-out.ts): machine labels are `machine`, in the rounds too. */
export function runJson(exitCode: number, result: RunOutcome["result"]): string {
  return jsonLine({
    status: result.status,
    exitCode,
    rows: result.rows,
    human: result.human,
    machine: result.machine,
    inputLabeled: result.inputLabeled,
    unlabeled: result.unlabeled,
    waitingTasks: result.waitingTasks,
    rounds: result.rounds.length,
    output: result.output,
    queue: result.queue,
    seconds: Math.round(result.seconds * 1000) / 1000,
    model: result.model,
    answerProblems: result.answerProblems,
    conflictingDuplicates: result.conflicts.texts,
    message: result.message,
    roundDetails: result.rounds.map(({ autoLabeled, ...r }) => ({ ...r, newMachineLabels: autoLabeled })),
  });
}

/** The one summary line the README promises: what happened, then the counts. */
export function summaryLine(result: RunOutcome["result"]): string {
  const pct = (n: number): string => `${((100 * n) / Math.max(1, result.rows)).toFixed(1)}%`;
  return terminalLine(
    `${result.message} | rows ${result.rows}: human ${result.human} (${pct(result.human)}), machine ${result.machine} (${pct(result.machine)}), unlabeled ${result.unlabeled}; ${result.rounds.length} round(s), ${result.seconds.toFixed(1)} s`,
    2000,
  );
}
