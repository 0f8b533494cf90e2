import { Command, Option } from "commander";
import { RUN_OPTIONS } from "./run-options.js";
import type { OptionSpec } from "./options-table.js";
import { VERSION } from "../version.js";

export interface ProgramHooks {
  /** set by each command's action: the process exit code */
  setExitCode(code: number): void;
  exitOverride?: boolean;
}

/**
 * The one place that knows commander. Commands are imported lazily, so `--help` loads nothing else.
 * Commander gets no defaults: those live in config/run-config.ts and are merged after parsing.
 */
export function createProgram(hooks: ProgramHooks): Command {
  const program = new Command("al-label")
    .description("Label a partly labeled text data set: train, auto-label what the model is sure of, queue the rest for people.")
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)");
  if (hooks.exitOverride) program.exitOverride();

  const runCmd = program
    .command("run")
    .description("take in answered tasks, retrain, auto-label confident rows, queue the rest; repeat until every row is labeled")
    .argument("<manifest>", "input manifest: Ground Truth JSON Lines (.jsonl) or CSV (.csv)");
  addOptions(runCmd, RUN_OPTIONS);
  runCmd.action(async (manifest: string, raw: Record<string, unknown>) => {
    const [{ runCommand }] = await Promise.all([import("./commands/run-action.js")]);
    hooks.setExitCode(await runCommand(manifest, raw));
  });
  return program;
}

function addOptions(cmd: Command, table: Record<string, OptionSpec | null>): void {
  for (const spec of Object.values(table)) {
    if (spec) cmd.addOption(new Option(spec.flags, spec.description));
  }
}
