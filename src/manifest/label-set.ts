import { readFile } from "node:fs/promises";
import { UsageError, DataError, type DataIssue } from "../errors.js";
import { controlCharProblem } from "./label-name.js";

/**
 * The label set: from --labels (a Ground Truth label-category JSON file, or a comma list),
 * or else from the class names found on labeled rows.
 */
export async function readLabelsOption(value: string): Promise<{ labels: string[]; source: "flag" | "file" }> {
  if (value.endsWith(".json")) {
    let text: string;
    try {
      text = await readFile(value, "utf8");
    } catch (err) {
      throw new UsageError(`--labels: cannot read ${value} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
    }
    return { labels: parseLabelCategoryConfig(text, value), source: "file" };
  }
  const labels = value.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  // a control character in a name is bad data (exit 65) wherever it comes from, a flag included
  const bad = labels.flatMap((l, i) => {
    const problem = controlCharProblem(l);
    return problem ? [{ file: "--labels", field: `label ${i + 1}`, message: problem }] : [];
  });
  if (bad.length > 0) throw new DataError(bad, "--labels names a label with control characters; nothing was changed");
  checkLabelSet(labels, "--labels");
  return { labels, source: "flag" };
}

export function parseLabelCategoryConfig(text: string, file: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new DataError([{ file, message: `not valid JSON (${(err as Error).message})` }]);
  }
  const list = (parsed as { labels?: unknown } | null)?.labels;
  if (!Array.isArray(list)) {
    throw new DataError([{ file, field: "labels", message: 'expected {"labels": [{"label": "..."}, ...]}' }]);
  }
  const issues: DataIssue[] = [];
  const labels = list.map((entry, i) => {
    const name = entry !== null && typeof entry === "object" && Object.prototype.hasOwnProperty.call(entry, "label") ? (entry as { label: unknown }).label : undefined;
    if (typeof name !== "string" || name.trim() === "") {
      issues.push({ file, field: `labels[${i}].label`, message: "expected a non-empty string" });
      return "";
    }
    const problem = controlCharProblem(name);
    if (problem) issues.push({ file, field: `labels[${i}].label`, message: problem });
    return name;
  });
  if (issues.length === 0) {
    const problem = labelSetProblem(labels);
    if (problem) issues.push({ file, field: problem.index === undefined ? "labels" : `labels[${problem.index}].label`, message: problem.message });
  }
  if (issues.length > 0) throw new DataError(issues, `${file} is not a usable label-category file; nothing was changed`);
  return labels;
}

/** What is wrong with a label list, if anything: fewer than 2 labels, or a name given twice (which index would it mean?). */
export function labelSetProblem(labels: readonly string[]): { message: string; index?: number } | null {
  if (labels.length < 2) return { message: `at least 2 labels are needed, got ${labels.length}` };
  const seen = new Map<string, number>();
  for (const [i, l] of labels.entries()) {
    const first = seen.get(l);
    if (first !== undefined) return { message: `label "${l}" appears twice (also at position ${first})`, index: i };
    seen.set(l, i);
  }
  return null;
}

/** For a label list given as a flag: a problem is a usage error (exit 2). */
export function checkLabelSet(labels: string[], where: string): void {
  const problem = labelSetProblem(labels);
  if (problem) throw new UsageError(`${where}: ${problem.message}`);
}

/** Label names seen on rows, ordered by the class index they carried where known, else by name. */
export function labelsFromRows(found: Map<string, number | undefined>): string[] {
  const names = [...found.keys()];
  const indexed = names.every((n) => found.get(n) !== undefined);
  if (indexed) {
    const byIndex = names.slice().sort((a, b) => (found.get(a) ?? 0) - (found.get(b) ?? 0));
    if (byIndex.every((n, i) => found.get(n) === i)) return byIndex;
  }
  return names.sort();
}
