import { formatIssue } from "../../errors.js";
import { stripTerminalControls } from "../../util/terminal-text.js";
import { UsageError } from "../../errors.js";
import { nextRunCommand } from "../../queue/locate.js";
import { answer } from "./answer.js";
import { jsonText } from "../../util/text-output.js";

/** Prints `answer`'s outcome: problems on stderr, one summary line on stdout (or --json). */
export async function answerCommand(file: string, manifest: string | undefined, raw: Record<string, unknown>): Promise<number> {
  const format = raw.format;
  if (format !== undefined && format !== "jsonl" && format !== "csv") throw new UsageError(`--format must be one of jsonl, csv, got "${String(format)}"`);
  const out = await answer(file, manifest, {
    workdir: raw.workdir as string | undefined,
    format,
    annotator: raw.annotator as string | undefined,
    replace: raw.replace === true,
  });
  if (raw.json) {
    process.stdout.write(`${jsonText({ status: out.exitCode === 0 ? "saved" : "partly-saved", ...out })}\n`);
    return out.exitCode;
  }
  for (const issue of out.errors) process.stderr.write(`${stripTerminalControls(formatIssue(issue))}\n`);
  if (!raw.quiet) for (const note of out.notes) process.stderr.write(`note: ${stripTerminalControls(formatIssue(note))}\n`);
  const tail = out.errors.length > 0 ? `; ${out.errors.length} line(s) were NOT saved (listed on stderr)` : "";
  process.stdout.write(
    `saved ${out.saved} answer(s) to ${out.inbox}${tail}. ${out.open} task(s) still open. Next: ${nextRunCommand(out.manifest, out.workdir)}\n`,
  );
  return out.exitCode;
}
