import { CommanderError } from "commander";
import { createProgram } from "./program.js";
import { releaseWebgpu } from "../backends/webgpu.js";
import { AlLabelError, EXIT, InternalError } from "../errors.js";
import { stripTerminalControls } from "../util/terminal-text.js";

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
      return EXIT.usage; // commander already printed the message
    }
    const known = err instanceof AlLabelError ? err : new InternalError(err instanceof Error ? (err.stack ?? err.message) : String(err), { cause: err });
    process.stderr.write(`al-label: ${stripTerminalControls(known.message)}\n`);
    if (argv.includes("--json")) process.stdout.write(`${JSON.stringify({ status: "error", code: known.code, exitCode: known.exitCode, message: known.message })}\n`);
    return known.exitCode;
  } finally {
    releaseWebgpu(); // Dawn would keep the process alive after a command that used the webgpu backend
  }
}
