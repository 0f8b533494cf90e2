import { join, resolve } from "node:path";
import { shellQuote } from "../util/shell-quote.js";
import { workdirNames } from "./workdir-name.js";

/**
 * The `run` command that continues a work dir (pure). The settings that decide labels are stored in
 * the work dir, so it names only what a run cannot find by itself: --workdir where the default would
 * not find it, and --queue and --output where they are not the work dir's.
 */
export function nextRunCommand(manifest: string, workdir: string, paths: { queue?: string; output?: string } = {}): string {
  const names = workdirNames(manifest);
  const wd = resolve(workdir);
  const parts = ["al-label", "run", shellQuote(manifest)];
  if (wd !== names.current && wd !== names.legacy) parts.push("--workdir", shellQuote(workdir));
  if (paths.queue !== undefined && resolve(paths.queue) !== join(wd, "queue.jsonl")) parts.push("--queue", shellQuote(paths.queue));
  if (paths.output !== undefined && paths.output !== "-" && resolve(paths.output) !== join(wd, "output.jsonl")) parts.push("--output", shellQuote(paths.output));
  return parts.join(" ");
}
