import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { LABEL_PREFIX } from './tokenize.js';
import { jsonText } from '../util/text-output.js';

/**
 * One line of fastText's training format: `__label__<name> <text>`. The text is kept as-is
 * except '\n', which would end the example early in fastText; both it and our tokenizer treat a
 * space the same way, so the binary and our engine see identical tokens. Whitespace inside a
 * label name would split the label, so it becomes '_'.
 */
export function toFastTextLine(text: string, label: string): string {
  return `${LABEL_PREFIX}${label.replace(/[ \n\r\t\v\f\0]/g, '_')} ${text.replace(/\n/g, ' ')}`;
}

/** Writes texts with their label names in fastText format, one example per line. */
export async function writeFastTextFile(path: string, texts: readonly string[], labels: readonly string[]): Promise<void> {
  if (texts.length !== labels.length) throw new Error(`${texts.length} texts but ${labels.length} labels`);
  const out = createWriteStream(path, { encoding: 'utf8' });
  for (let i = 0; i < texts.length; i++) {
    if (!out.write(toFastTextLine(texts[i]!, labels[i]!) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * Label indices of row `row` of a row-major n x L matrix into `out`, most probable first.
 * Insertion sort: label counts are small, and it is stable (ties keep label order).
 */
export function rankRow(probs: Float32Array, row: number, numLabels: number, out: Int32Array): Int32Array {
  const o = row * numLabels;
  for (let i = 0; i < numLabels; i++) {
    let k = i;
    while (k > 0 && probs[o + out[k - 1]!]! < probs[o + i]!) {
      out[k] = out[k - 1]!;
      k--;
    }
    out[k] = i;
  }
  return out;
}

/**
 * BlazingText batch-transform records, one JSON line per row: the top `k` labels (default all) sorted
 * by probability, best first, `{"label": ["__label__x", ...], "prob": [...]}`. Built by string
 * concatenation with pre-escaped label names: JSON.stringify + sort per row made writing slower than
 * predicting.
 */
export class PredictionFormatter {
  private readonly quoted: string[];
  private readonly order: Int32Array;
  private readonly k: number;

  constructor(labelNames: readonly string[], k = labelNames.length) {
    this.quoted = labelNames.map((n) => jsonText(LABEL_PREFIX + n)); // C1 and DEL escaped too (util/text-output.ts)
    this.order = new Int32Array(labelNames.length);
    this.k = Math.max(1, Math.min(k, labelNames.length));
  }

  /** The JSON line (no newline) for row `row` of a row-major n x numLabels matrix. */
  record(probs: Float32Array, row: number): string {
    return this.recordRanked(probs, row, rankRow(probs, row, this.quoted.length, this.order));
  }

  /** Same, for a row already ranked with rankRow (callers that also score the ranking). */
  recordRanked(probs: Float32Array, row: number, order: Int32Array): string {
    const o = row * this.quoted.length;
    let labels = '';
    let values = '';
    for (let i = 0; i < this.k; i++) {
      const sep = i === 0 ? '' : ',';
      labels += sep + this.quoted[order[i]!]!;
      values += sep + String(probs[o + order[i]!]!);
    }
    return `{"label":[${labels}],"prob":[${values}]}`;
  }
}

/** Writes every row of `probs` as a BlazingText JSON line, in chunks to bound memory. */
export async function writePredictionsJsonl(path: string, probs: Float32Array, labelNames: readonly string[]): Promise<void> {
  const fmt = new PredictionFormatter(labelNames);
  const n = probs.length / labelNames.length;
  const out = createWriteStream(path, { encoding: 'utf8' });
  const CHUNK = 4096;
  for (let start = 0; start < n; start += CHUNK) {
    let text = '';
    for (let r = start; r < Math.min(n, start + CHUNK); r++) text += fmt.record(probs, r) + '\n';
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
