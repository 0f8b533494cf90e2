import type { RunConfig } from "../../config/run-config.js";
import { parseFlags } from "../parse-flags.js";
import { RUN_OPTIONS } from "../run-options.js";
import { run } from "./run.js";
import { terminalLine } from "../../util/terminal-text.js";
import { jsonText } from "../../util/text-output.js";

/** Wires `run`'s flags to the run() function and prints its result. */
export async function runCommand(manifest: string, raw: Record<string, unknown>): Promise<number> {
  const flags = parseFlags<RunConfig>(raw, RUN_OPTIONS);
  const { exitCode, result } = await run(manifest, flags);
  if (flags.json) {
    process.stdout.write(
      `${jsonText({
        status: result.status,
        exitCode,
        rows: result.rows,
        human: result.human,
        auto: result.machine,
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
        roundDetails: result.rounds,
      })}\n`,
    );
  } else if (!flags.quiet) {
    const pct = (n: number): string => `${((100 * n) / Math.max(1, result.rows)).toFixed(1)}%`;
    process.stdout.write(
      `${terminalLine(result.message, 400)}\nrows ${result.rows}: human ${result.human} (${pct(result.human)}), machine ${result.machine} (${pct(result.machine)}), unlabeled ${result.unlabeled}; ${result.rounds.length} round(s), ${result.seconds.toFixed(1)} s\n`,
    );
  }
  return exitCode;
}
