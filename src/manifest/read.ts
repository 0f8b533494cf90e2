import { dirname, extname } from "node:path";
import { stat } from "node:fs/promises";
import { DataError, UsageError, type DataIssue } from "../errors.js";
import { readCsvRows } from "./read-csv.js";
import { readJsonlRows } from "./read-jsonl.js";
import { DEFAULT_MAX_SOURCE_BYTES, readSourceRef, type SourceRefLimits } from "./source-ref.js";
import { collectLabelNames, resolveLabelValue } from "./resolve-labels.js";
import { labelsFromRows, checkLabelSet } from "./label-set.js";
import { controlCharProblem, lookAlikeWarnings } from "./label-name.js";
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
  /** largest source-ref file read, in bytes (default DEFAULT_MAX_SOURCE_BYTES) */
  maxSourceBytes?: number;
  /** "skip": rows with problems are left out and listed in `invalid` instead of failing the read */
  onInvalid?: "fail" | "skip";
}

/** Ground Truth's limit per object; longer rows are kept (a local tool need not keep the limit) but reported. */
const GROUND_TRUTH_MAX_CHARS = 100_000;

export function detectFormat(path: string, explicit?: ManifestFormat): ManifestFormat {
  if (explicit) return explicit;
  return extname(path).toLowerCase() === ".csv" ? "csv" : "jsonl";
}

/**
 * Reads and validates a whole manifest. All problems are gathered and thrown together (exit 65),
 * before anything is written. With onInvalid "skip", a problem tied to a line drops that row instead;
 * problems with the file as a whole (no rows, no label set) still fail.
 */
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
  const limits = { allowOutside: opts.allowSourceRefOutside ?? false, maxBytes: opts.maxSourceBytes ?? DEFAULT_MAX_SOURCE_BYTES };
  await fillSourceRefs(read.rows, dirname(opts.path), limits, opts.path, issues);
  if (read.rows.length === 0 && issues.length === 0) throw new DataError([{ file: opts.path, message: "the manifest has no rows" }]);
  if (read.rows.every((r) => r.text === undefined)) throw noValidRows(opts.path, issues);

  const field = format === "csv" ? (opts.labelColumn ?? "label") : opts.labelAttribute;
  const badLabel = rowsWithControlLabels(read.rows, opts.path, field, issues);
  const { labels, labelSource } = chooseLabelsOrReport(opts, read.rows.filter((r) => !badLabel.has(r)), issues, badLabel.size > 0);
  const rows: ManifestRow[] = [];
  for (const raw of read.rows) {
    if (raw.text === undefined || badLabel.has(raw)) continue; // its source-ref could not be read, or its label is refused: already an issue
    const row: ManifestRow = { rowId: rowId(rows.length), line: raw.line, text: raw.text };
    if (raw.label) {
      const idx = resolveLabelValue(raw.label.value, raw.label.className, labels, { file: opts.path, line: raw.line, field });
      if (typeof idx === "number") row.label = { index: idx, human: raw.label.human };
      else {
        issues.push(idx);
        continue;
      }
    }
    if (raw.gold !== undefined && raw.gold !== null && raw.gold !== "") row.gold = raw.gold as string | number;
    rows.push(row);
  }
  sortByLine(issues);
  const skip = opts.onInvalid === "skip" && issues.every((i) => i.line !== undefined);
  if (issues.length > 0 && !skip) throw new DataError(issues, `${issues.length} problem(s) in ${opts.path}; nothing was changed`);
  if (rows.length === 0) throw noValidRows(opts.path, issues);
  const warnings = [...read.warnings, ...longRowWarning(rows, opts.path), ...lookAlikeWarnings(labels, labelSource === "rows" ? `${opts.path} (labeled rows)` : "--labels")];
  if (skip && issues.length > 0) warnings.push(`${opts.path}: skipped ${countLines(issues)} invalid row(s) (--on-invalid skip); they are left out of the output`);
  return { path: opts.path, format, rows, labels, labelSource, sha256: read.sha256, warnings, invalid: skip ? issues : [] };
}

/** Problems in line order (stable: a line's own problems keep their order); problems with no line first. */
function sortByLine(issues: DataIssue[]): void {
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Rows whose label (value or class-name) holds a control character: each is an issue, and the row is left out. */
function rowsWithControlLabels(rows: readonly RawRow[], file: string, field: string, issues: DataIssue[]): Set<RawRow> {
  const bad = new Set<RawRow>();
  for (const row of rows) {
    if (!row.label) continue;
    for (const [name, where] of [[row.label.value, field], [row.label.className, `${field}-metadata.class-name`]] as const) {
      const problem = typeof name === "string" ? controlCharProblem(name) : null;
      if (problem && !bad.has(row)) {
        issues.push({ file, line: row.line, field: where, message: problem });
        bad.add(row);
      }
    }
  }
  return bad;
}

const countLines = (issues: readonly DataIssue[]): number => new Set(issues.map((i) => i.line)).size;

const noValidRows = (file: string, issues: DataIssue[]): DataError =>
  new DataError([...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)), `no valid rows in ${file}: all ${countLines(issues)} row(s) have problems; nothing was changed`);

function longRowWarning(rows: readonly ManifestRow[], file: string): string[] {
  const long = rows.filter((r) => r.text.length > GROUND_TRUTH_MAX_CHARS);
  if (long.length === 0) return [];
  return [`${file}: ${long.length} row(s) have more than ${GROUND_TRUTH_MAX_CHARS.toLocaleString("en-US")} characters of text (Ground Truth's limit; first at line ${long[0]?.line}); kept`];
}

/** chooseLabels; when it fails and rows were refused for their labels, those refusals are the cause to report. */
function chooseLabelsOrReport(opts: ReadManifestOptions, rows: RawRow[], issues: DataIssue[], refused: boolean): ReturnType<typeof chooseLabels> {
  try {
    return chooseLabels(opts, rows);
  } catch (err) {
    if (!refused) throw err;
    sortByLine(issues);
    throw new DataError(issues, `${issues.length} problem(s) in ${opts.path}; nothing was changed`);
  }
}

function chooseLabels(opts: ReadManifestOptions, rows: RawRow[]): { labels: string[]; labelSource: Manifest["labelSource"] } {
  if (opts.labels) return { labels: opts.labels.labels, labelSource: opts.labels.source };
  const found = collectLabelNames(rows);
  const labels = labelsFromRows(found);
  if (labels.length === 1) {
    // one class is bad data: the rows can train nothing (exit 65); no class at all only means the flag is needed
    throw new DataError(
      [{ file: opts.path, message: `the labeled rows name only one class (${labels[0]}); at least 2 are needed. Label rows of another class, or pass --labels (a label-category JSON file or a comma list).` }],
      `cannot tell the label set of ${opts.path}; nothing was changed`,
    );
  }
  if (labels.length < 2) {
    throw new UsageError(
      `cannot tell the label set: the labeled rows name ${labels.length} class(es)${labels.length ? ` (${labels.join(", ")})` : ""}. Pass --labels (a label-category JSON file or a comma list).`,
    );
  }
  checkLabelSet(labels, opts.path);
  return { labels, labelSource: "rows" };
}

async function fillSourceRefs(rows: RawRow[], dir: string, limits: SourceRefLimits, file: string, issues: DataIssue[]): Promise<void> {
  for (const row of rows) {
    if (row.text !== undefined || row.sourceRef === undefined) continue;
    const got = await readSourceRef(row.sourceRef, dir, limits);
    if ("error" in got) issues.push({ file, line: row.line, field: "source-ref", message: got.error });
    else if (got.text.trim() === "") issues.push({ file, line: row.line, field: "source-ref", message: "the referenced file is empty" });
    else row.text = got.text;
  }
}
