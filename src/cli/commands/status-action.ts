import { terminalLine } from "../../util/terminal-text.js";
import { status } from "./status.js";
import { jsonLine } from "../json-out.js";

/** Prints `status`: a few lines for people, or one JSON object with --json. */
export async function statusCommand(target: string | undefined, raw: Record<string, unknown>): Promise<number> {
  const s = await status(target, { workdir: raw.workdir as string | undefined, queue: raw.queue as string | undefined });
  if (raw.json) {
    process.stdout.write(jsonLine(s));
    return 0;
  }
  const pct = (n: number | null): string => (n === null ? "?" : `${n} (${((100 * n) / Math.max(1, s.rows)).toFixed(1)}%)`);
  const lines = [
    `work dir ${s.workdir}, round ${s.round}`,
    `rows ${s.rows}: people ${pct(s.people.total)} (${s.people.input ?? "?"} in the input, ${s.people.answered} answered here), machine ${pct(s.machine)}, unlabeled ${pct(s.unlabeled)}`,
    `tasks waiting ${s.tasks.waiting}: answered ${s.tasks.answered} (${s.tasks.inInbox} in ${s.inbox}, ${s.tasks.inQueue} in ${s.queue}), open ${s.tasks.open}${s.tasks.problems ? `, ${s.tasks.problems} answer problem(s) (the next run lists them)` : ""}`,
    `next: ${s.next}`,
  ];
  if (s.warning) lines.push(`warning: ${s.warning}`);
  if (s.note) lines.push(`note: ${s.note}`);
  process.stdout.write(`${lines.map((l) => terminalLine(l, 1000)).join("\n")}\n`);
  return 0;
}
