import { join } from "node:path";
import type { DataIssue } from "../errors.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { jsonText } from "../util/text-output.js";

export const invalidRowsFile = (workdir: string): string => join(workdir, "invalid-rows.jsonl");

/** One report line per skipped row: its file and line and every problem found in it (pure). */
export function invalidRowLines(issues: readonly DataIssue[]): string[] {
  const byLine = new Map<number, DataIssue[]>();
  for (const i of issues) byLine.set(i.line ?? 0, [...(byLine.get(i.line ?? 0) ?? []), i]);
  return [...byLine.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([line, list]) => jsonText({ file: list[0]?.file, line, problems: list.map((i) => ({ field: i.field ?? null, message: i.message })) }));
}

/** Rewritten by every --on-invalid skip run: the rows that run left out of the output. */
export async function writeInvalidRows(workdir: string, issues: readonly DataIssue[]): Promise<string> {
  const path = invalidRowsFile(workdir);
  const lines = invalidRowLines(issues);
  await writeFileAtomic(path, lines.length > 0 ? `${lines.join("\n")}\n` : "");
  return path;
}
