import { readFile } from "node:fs/promises";
import { UsageError, DataError } from "../errors.js";

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
  const labels = list.map((entry, i) => {
    const name = (entry as { label?: unknown } | null)?.label;
    if (typeof name !== "string" || name.trim() === "") {
      throw new DataError([{ file, field: `labels[${i}].label`, message: "expected a non-empty string" }]);
    }
    return name;
  });
  checkLabelSet(labels, file);
  return labels;
}

export function checkLabelSet(labels: string[], where: string): void {
  if (labels.length < 2) throw new UsageError(`${where}: at least 2 labels are needed, got ${labels.length}`);
  const seen = new Set<string>();
  for (const l of labels) {
    if (seen.has(l)) throw new UsageError(`${where}: label "${l}" appears twice`);
    seen.add(l);
  }
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
