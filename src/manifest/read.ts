import { dirname, extname } from "node:path";
import { stat } from "node:fs/promises";
import { DataError, UsageError, type DataIssue } from "../errors.js";
import { readCsvRows } from "./read-csv.js";
import { readJsonlRows } from "./read-jsonl.js";
import { readSourceRef } from "./source-ref.js";
import { collectLabelNames, resolveLabelValue } from "./resolve-labels.js";
import { labelsFromRows, checkLabelSet } from "./label-set.js";
import { rowId, type Manifest, type ManifestFormat, type ManifestRow } from "./types.js";
import type { RawRow } from "./raw-row.js";

export interface ReadManifestOptions {
  path: string;
  format?: ManifestFormat;
  labelAttribute: string;
  labels?: { labels: string[]; source: "flag" | "file" };
  textColumn?: string;
  labelColumn?: string;
  goldField?: string;
  allowSourceRefOutside?: boolean;
}

export function detectFormat(path: string, explicit?: ManifestFormat): ManifestFormat {
  if (explicit) return explicit;
  return extname(path).toLowerCase() === ".csv" ? "csv" : "jsonl";
}

/** Reads and validates a whole manifest. All problems are gathered and thrown together (exit 65). */
export async function readManifest(opts: ReadManifestOptions): Promise<Manifest> {
  const info = await stat(opts.path).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`manifest not found: ${opts.path} (${err.code ?? err.message})`);
  });
  if (!info.isFile()) throw new UsageError(`manifest is not a file: ${opts.path}`);
  const format = detectFormat(opts.path, opts.format);
  const read =
    format === "csv"
      ? { ...(await readCsvRows(opts.path, { textColumn: opts.textColumn ?? "text", labelColumn: opts.labelColumn, goldField: opts.goldField })), warnings: [] }
      : await readJsonlRows(opts.path, { labelAttribute: opts.labelAttribute, goldField: opts.goldField });
  const issues: DataIssue[] = [...read.issues];
  await fillSourceRefs(read.rows, dirname(opts.path), opts.allowSourceRefOutside ?? false, opts.path, issues);
  if (read.rows.length === 0 && issues.length === 0) throw new DataError([{ file: opts.path, message: "the manifest has no rows" }]);

  const { labels, labelSource } = chooseLabels(opts, read.rows);
  const field = format === "csv" ? (opts.labelColumn ?? "label") : opts.labelAttribute;
  const rows: ManifestRow[] = [];
  for (const raw of read.rows) {
    const row: ManifestRow = { rowId: rowId(rows.length), line: raw.line, text: raw.text ?? "" };
    if (raw.label) {
      const idx = resolveLabelValue(raw.label.value, raw.label.className, labels, { file: opts.path, line: raw.line, field });
      if (typeof idx === "number") row.label = { index: idx, human: raw.label.human };
      else issues.push(idx);
    }
    if (raw.gold !== undefined && raw.gold !== null && raw.gold !== "") row.gold = raw.gold as string | number;
    rows.push(row);
  }
  if (issues.length > 0) throw new DataError(issues, `${issues.length} problem(s) in ${opts.path}; nothing was changed`);
  return { path: opts.path, format, rows, labels, labelSource, sha256: read.sha256, warnings: read.warnings };
}

function chooseLabels(opts: ReadManifestOptions, rows: RawRow[]): { labels: string[]; labelSource: Manifest["labelSource"] } {
  if (opts.labels) return { labels: opts.labels.labels, labelSource: opts.labels.source };
  const found = collectLabelNames(rows);
  const labels = labelsFromRows(found);
  if (labels.length < 2) {
    throw new UsageError(
      `cannot tell the label set: the labeled rows name ${labels.length} class(es)${labels.length ? ` (${labels.join(", ")})` : ""}. Pass --labels (a label-category JSON file or a comma list).`,
    );
  }
  checkLabelSet(labels, opts.path);
  return { labels, labelSource: "rows" };
}

async function fillSourceRefs(rows: RawRow[], dir: string, allowOutside: boolean, file: string, issues: DataIssue[]): Promise<void> {
  for (const row of rows) {
    if (row.text !== undefined || row.sourceRef === undefined) continue;
    const got = await readSourceRef(row.sourceRef, dir, allowOutside);
    if ("error" in got) issues.push({ file, line: row.line, field: "source-ref", message: got.error });
    else if (got.text.trim() === "") issues.push({ file, line: row.line, field: "source-ref", message: "the referenced file is empty" });
    else row.text = got.text;
  }
}
