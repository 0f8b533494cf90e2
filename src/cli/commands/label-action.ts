import { nextRunCommand } from "../../queue/locate.js";
import { label } from "./label.js";

/** Prints what the labeler saved once it ends. */
export async function labelCommand(target: string | undefined, raw: Record<string, unknown>): Promise<number> {
  const out = await label(target, { workdir: raw.workdir as string | undefined, queue: raw.queue as string | undefined, annotator: raw.annotator as string | undefined });
  const run = nextRunCommand(out.manifest, out.workdir);
  process.stdout.write(
    out.answered + out.skipped === 0 && out.left === 0
      ? `nothing to label: every waiting task already has an answer. Next: ${run}\n`
      : `saved ${out.answered} answer(s) and ${out.skipped} skip(s) to ${out.inbox}; ${out.left} task(s) left. Next: ${run}\n`,
  );
  return out.exitCode;
}
