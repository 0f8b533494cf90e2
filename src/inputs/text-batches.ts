import { readManifest } from "../manifest/read.js";
import { readCsvHeader } from "./csv-header.js";
import { checkInputFile, readTextLines } from "./fasttext-lines.js";
import type { InputFormat } from "./format.js";

export interface TextBatch {
  texts: string[];
  /** gold label names per row (several on multi-label fastText lines), or null when the row has none */
  gold: (readonly string[] | null)[];
}

export interface ReadTextsOptions {
  path: string;
  format: InputFormat;
  /** the model's labels: manifest class indices are read against them */
  modelLabels: string[];
  labelAttribute: string;
  textColumn: string;
  labelColumn?: string;
  batchSize?: number;
}

/**
 * Every row's text, in input order, in batches. fastText and plain-text files are streamed (one
 * output record per line, blank lines included, so records line up with input lines); manifests and
 * CSV files are validated whole first by the manifest reader.
 */
export async function* readTextBatches(opts: ReadTextsOptions): AsyncGenerator<TextBatch> {
  const size = opts.batchSize ?? 4096;
  if (opts.format === "fasttext" || opts.format === "text") {
    await checkInputFile(opts.path);
    let batch: TextBatch = { texts: [], gold: [] };
    for await (const l of readTextLines(opts.path, opts.format === "fasttext")) {
      batch.texts.push(l.text);
      batch.gold.push(l.labels.length > 0 ? l.labels : null);
      if (batch.texts.length === size) {
        yield batch;
        batch = { texts: [], gold: [] };
      }
    }
    if (batch.texts.length > 0) yield batch;
    return;
  }
  const rows = await manifestRows(opts);
  for (let s = 0; s < rows.length; s += size) {
    const slice = rows.slice(s, s + size);
    yield { texts: slice.map((r) => r.text), gold: slice.map((r) => r.gold) };
  }
}

async function manifestRows(opts: ReadTextsOptions): Promise<{ text: string; gold: readonly string[] | null }[]> {
  const labels = { labels: opts.modelLabels, source: "file" as const };
  if (opts.format === "csv") {
    await checkInputFile(opts.path);
    // CSV gold labels are read as plain values, so a label the model never saw counts as an error
    // instead of stopping the run; the column is optional unless named.
    const goldColumn = opts.labelColumn ?? ((await readCsvHeader(opts.path)).includes("label") ? "label" : undefined);
    const m = await readManifest({ path: opts.path, format: "csv", labelAttribute: opts.labelAttribute, labels, textColumn: opts.textColumn, goldField: goldColumn });
    return m.rows.map((r) => ({ text: r.text, gold: r.gold === undefined ? null : [String(r.gold).trim()] }));
  }
  const m = await readManifest({ path: opts.path, format: "jsonl", labelAttribute: opts.labelAttribute, labels });
  return m.rows.map((r) => ({ text: r.text, gold: r.label ? [m.labels[r.label.index]!] : null }));
}
