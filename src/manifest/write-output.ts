import { readFileLines } from "../util/read-lines.js";
import { writeLinesAtomic } from "../util/atomic-stream.js";
import { writeChunks } from "../util/write-chunks.js";
import { DataError, InternalError } from "../errors.js";
import type { Manifest } from "./types.js";
import { csvRecords } from "./csv-records.js";
import { escapeJsonControls } from "../util/text-output.js";

export interface OutputLabel {
  label: number;
  confidence: number;
  human: boolean;
  /** Ground Truth creation-date */
  at: string;
}

export interface OutputContext {
  labelAttribute: string;
  jobName: string;
  labels: readonly string[];
  /** the label of every row that did not carry one in the input */
  labelOf: (rowId: number) => OutputLabel | undefined;
  /** creation-date for labels that came with a CSV input */
  now: string;
}

/** The `<attr>-metadata` object, keys in Ground Truth's order. */
export function labelMetadata(l: OutputLabel, ctx: Pick<OutputContext, "labels" | "jobName">): Record<string, unknown> {
  return {
    "class-name": ctx.labels[l.label],
    confidence: Math.round(l.confidence * 1e6) / 1e6,
    "human-annotated": l.human ? "yes" : "no",
    type: "groundtruth/text-classification",
    "job-name": `labeling-job/${ctx.jobName}`,
    "creation-date": l.at,
  };
}

/**
 * Adds the label to a JSON Lines row without re-serialising it, so every input key and value passes
 * through byte for byte (re-serialising would, for one, round large integers).
 */
export function labeledJsonLine(raw: string, l: OutputLabel, ctx: OutputContext): string {
  const fields = `${JSON.stringify(ctx.labelAttribute)}:${l.label},${JSON.stringify(`${ctx.labelAttribute}-metadata`)}:${JSON.stringify(labelMetadata(l, ctx))}`;
  const record = JSON.parse(raw) as Record<string, unknown>;
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(record, k);
  if (has(ctx.labelAttribute) || has(`${ctx.labelAttribute}-metadata`)) {
    // the row holds a null label or stray metadata: replace those keys rather than repeat them
    const copy = Object.fromEntries(Object.entries(record).filter(([k]) => k !== ctx.labelAttribute && k !== `${ctx.labelAttribute}-metadata`));
    return JSON.stringify({ ...copy, [ctx.labelAttribute]: l.label, [`${ctx.labelAttribute}-metadata`]: labelMetadata(l, ctx) });
  }
  const body = raw.trimEnd();
  return `${body.slice(0, -1)},${fields}}`;
}

/** Lines of rows skipped under --on-invalid skip: they have no row, and no output line. */
const skippedLines = (manifest: Manifest): Set<number> => new Set((manifest.invalid ?? []).map((i) => i.line ?? -1));

async function* jsonlOutputLines(manifest: Manifest, ctx: OutputContext): AsyncGenerator<string> {
  let row = 0;
  const skipped = skippedLines(manifest);
  for await (const l of readFileLines(manifest.path)) {
    if (skipped.has(l.line)) continue;
    if (l.text === null) throw changedWhileRunning(manifest, l.line);
    const text = l.line === 1 ? l.text.replace(/^\uFEFF/, "") : l.text;
    if (text.trim() === "") continue;
    const input = manifest.rows[row];
    if (!input || input.line !== l.line) throw changedWhileRunning(manifest, l.line);
    row++;
    if (input.label) {
      yield text.trim();
      continue;
    }
    const label = ctx.labelOf(input.rowId);
    if (!label) throw new InternalError(`row ${input.rowId} (line ${input.line}) has no label at output time`);
    yield labeledJsonLine(text.trim(), label, ctx);
  }
  if (row !== manifest.rows.length) throw changedWhileRunning(manifest);
}

async function* csvOutputLines(manifest: Manifest, ctx: OutputContext, textColumn: string): AsyncGenerator<string> {
  let row = 0;
  const skipped = skippedLines(manifest);
  let header: string[] | null = null;
  for await (const { fields, line } of csvRecords(manifest.path)) {
    if (header === null) {
      header = fields;
      continue;
    }
    if (skipped.has(line)) continue;
    const input = manifest.rows[row++];
    if (!input || input.line !== line) throw changedWhileRunning(manifest, line);
    const label = input.label ? { label: input.label.index, confidence: 1, human: input.label.human, at: ctx.now } : ctx.labelOf(input.rowId);
    if (!label) throw new InternalError(`row ${input.rowId} has no label at output time`);
    // a Map, not an object: every column is a key like any other (`__proto__` included); a later key replaces an earlier one in place
    const out = new Map<string, unknown>([["source", fields[header.indexOf(textColumn)]]]);
    header.forEach((name, i) => {
      if (name !== textColumn) out.set(name, fields[i]);
    });
    out.set(ctx.labelAttribute, label.label);
    out.set(`${ctx.labelAttribute}-metadata`, labelMetadata(label, ctx));
    yield `{${[...out].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`;
  }
  if (row !== manifest.rows.length) throw changedWhileRunning(manifest);
}

/** The output re-reads the input; an edit made meanwhile stops it (no output is written, the state is kept). */
function changedWhileRunning(manifest: Manifest, line?: number): DataError {
  return new DataError([{ file: manifest.path, line, message: "the manifest changed while al-label was running; no output was written. Run the same command again" }]);
}

/** Each line with DEL and C1 characters escaped: the same JSON value, safe to `cat` (util/text-output.ts). */
async function* escaped(lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const l of lines) yield escapeJsonControls(l);
}

/** Writes the output manifest (atomically): one line per input row, in input order. `-` is stdout. */
export async function writeOutputManifest(path: string, manifest: Manifest, ctx: OutputContext, textColumn = "text", stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const lines = escaped(manifest.format === "csv" ? csvOutputLines(manifest, ctx, textColumn) : jsonlOutputLines(manifest, ctx));
  if (path !== "-") return writeLinesAtomic(path, lines);
  let count = 0;
  await writeChunks(stdout, (async function* () {
    for await (const line of lines) {
      count++;
      yield line;
    }
  })());
  return count;
}
