import { CommanderError } from "commander";
import { createProgram } from "./program.js";
import { releaseWebgpu } from "../backends/webgpu.js";
import { AlLabelError, EXIT, InternalError } from "../errors.js";
import { stripTerminalControls } from "../util/terminal-text.js";
import { jsonLine } from "./json-out.js";

/**
 * --json anywhere among the options asks for every outcome as one JSON object on stdout, usage errors
 * included (an unknown flag is found before the command's own options are known). Not after `--`.
 */
const wantsJson = (argv: readonly string[]): boolean => {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).includes("--json");
};

/** stdout, unless `--output -` gave stdout to the output manifest: then stderr, like run's summary. */
const jsonStream = (argv: readonly string[]): NodeJS.WritableStream => {
  const i = argv.indexOf("--output");
  return (i >= 0 && argv[i + 1] === "-") || argv.includes("--output=-") ? process.stderr : process.stdout;
};

/** The single exit point: runs the CLI and returns the exit code; bin/al-label.js exits with it. */
export async function main(argv: string[] = process.argv): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = createProgram({ setExitCode: (c) => (exitCode = c), exitOverride: true });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT.ok;
      // commander already printed the message on stderr
      if (wantsJson(argv)) jsonStream(argv).write(jsonLine({ status: "error", code: "usage", exitCode: EXIT.usage, message: err.message.replace(/^error: /, "") }));
      return EXIT.usage;
    }
    const known = err instanceof AlLabelError ? err : new InternalError(err instanceof Error ? (err.stack ?? err.message) : String(err), { cause: err });
    process.stderr.write(`al-label: ${stripTerminalControls(known.message)}\n`);
    if (wantsJson(argv)) jsonStream(argv).write(jsonLine({ status: "error", code: known.code, exitCode: known.exitCode, message: known.message }));
    return known.exitCode;
  } finally {
    releaseWebgpu(); // Dawn would keep the process alive after a command that used the webgpu backend
  }
}
