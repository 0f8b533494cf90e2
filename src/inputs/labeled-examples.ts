import { DataError, type DataIssue } from "../errors.js";
import { readManifest } from "../manifest/read.js";
import { checkInputFile, readTextLines } from "./fasttext-lines.js";
import type { InputFormat } from "./format.js";

export interface LabeledExamples {
  texts: string[];
  labels: Int32Array;
  labelNames: string[];
  /** rows without a label, left out of training */
  unlabeled: number;
  notes: string[];
}

export interface ReadLabeledOptions {
  path: string;
  format: Exclude<InputFormat, "text">;
  labels?: { labels: string[]; source: "flag" | "file" };
  labelAttribute: string;
  textColumn: string;
  labelColumn: string;
}

/** The labeled rows of a manifest, CSV or fastText file, as texts and class indices for training. */
export async function readLabeledExamples(opts: ReadLabeledOptions): Promise<LabeledExamples> {
  const got = opts.format === "fasttext" ? await fromFastText(opts) : await fromManifest(opts);
  if (got.texts.length === 0) {
    const where = opts.format === "fasttext" ? "no line has a __label__<name> token" : opts.format === "csv" ? `no row has a value in column "${opts.labelColumn}"` : `no row has the label attribute "${opts.labelAttribute}"`;
    throw new DataError([{ file: opts.path, message: `nothing to train on: ${where}` }]);
  }
  const counts = new Array<number>(got.labelNames.length).fill(0);
  for (const l of got.labels) counts[l]!++;
  const empty = got.labelNames.filter((_, i) => counts[i] === 0);
  if (empty.length > 0) got.notes.push(`no training rows for label(s) ${empty.join(", ")}; the model will rarely predict them`);
  if (got.unlabeled > 0) got.notes.push(`${got.unlabeled} unlabeled row(s) ignored; ${got.texts.length} labeled row(s) used`);
  return got;
}

async function fromManifest(opts: ReadLabeledOptions): Promise<LabeledExamples> {
  const m = await readManifest({
    path: opts.path,
    format: opts.format === "csv" ? "csv" : "jsonl",
    labelAttribute: opts.labelAttribute,
    labels: opts.labels,
    textColumn: opts.textColumn,
    labelColumn: opts.format === "csv" ? opts.labelColumn : undefined,
  });
  const labeled = m.rows.filter((r) => r.label !== undefined);
  return {
    texts: labeled.map((r) => r.text),
    labels: Int32Array.from(labeled, (r) => r.label!.index),
    labelNames: m.labels,
    unlabeled: m.rows.length - labeled.length,
    notes: [...m.warnings],
  };
}

/**
 * fastText's softmax picks one of a multi-label line's labels at random each time it sees the line;
 * we take the first, which is what a single-label file means, and say how many lines had more.
 */
async function fromFastText(opts: ReadLabeledOptions): Promise<LabeledExamples> {
  await checkInputFile(opts.path);
  const texts: string[] = [];
  const names: string[] = [];
  const lines: number[] = [];
  let unlabeled = 0;
  let multi = 0;
  for await (const l of readTextLines(opts.path, true)) {
    const first = l.labels[0];
    if (first === undefined) {
      if (l.text !== "") unlabeled++;
      continue;
    }
    if (l.labels.length > 1) multi++;
    texts.push(l.text);
    names.push(first);
    lines.push(l.line);
  }
  const labelNames = opts.labels?.labels ?? [...new Set(names)].sort();
  if (!opts.labels && labelNames.length === 1) {
    throw new DataError([{ file: opts.path, message: `only one label (${labelNames[0]}) in the file; a classifier needs at least 2 (or pass --labels)` }]);
  }
  const index = new Map(labelNames.map((n, i) => [n, i]));
  const issues: DataIssue[] = [];
  const labels = Int32Array.from(names, (n, i) => {
    const idx = index.get(n);
    if (idx === undefined) issues.push({ file: opts.path, line: lines[i], field: "label", message: `label "${n}" is not in --labels (${labelNames.join(", ")})` });
    return idx ?? -1;
  });
  if (issues.length > 0) throw new DataError(issues, `${issues.length} line(s) of ${opts.path} name labels outside --labels`);
  const notes = multi > 0 ? [`${multi} line(s) have several labels; the first one is used`] : [];
  return { texts, labels, labelNames, unlabeled, notes };
}
