import { resolve } from "node:path";
import { mergePredictConfig, type PredictConfig } from "../../config/predict-config.js";
import { PredictionFormatter, rankRow } from "../../fasttext/index.js";
import type { LoadedModel } from "../../classifiers/load-model.js";
import { detectInputFormat } from "../../inputs/format.js";
import { readTextBatches, type TextBatch } from "../../inputs/text-batches.js";
import { TopKScore } from "../../supervised/topk-score.js";
import { writeLinesAtomic } from "../../util/atomic-stream.js";
import { writeChunks } from "../../util/write-chunks.js";
import { loadModelDir } from "./model-dir.js";
import { UsageError } from "../../errors.js";
import type { EncoderIdentity } from "../../encoder-head/artifacts.js";
import { ENCODER_DEFAULT, loadEncoder } from "../../encoders/load.js";
import { encodeTexts, type TextVectors } from "../../encoders/text-vectors.js";
import { cacheFor } from "../../encoders/vector-cache.js";

/**
 * The encoder a model's head needs, checked by content hash; returns what encodes each batch into
 * `holder` before the model predicts it.
 */
async function predictEncoder(want: EncoderIdentity, value: string | undefined, cacheDir: string | undefined, cwd: string, holder: { vectors: TextVectors | null }): Promise<(texts: string[]) => Promise<void>> {
  const given = value === undefined ? ENCODER_DEFAULT : value === ENCODER_DEFAULT || value === "none" ? value : resolve(cwd, value);
  const encoder = await loadEncoder(given);
  if (!encoder || encoder.contentHash !== want.contentHash) {
    encoder?.dispose();
    const got = encoder ? `"${encoder.name}" (content ${encoder.contentHash.slice(0, 12)})` : "no encoder";
    throw new UsageError(`the model was trained on ${want.kind} encoder "${want.name}" (content ${want.contentHash.slice(0, 12)}); --encoder ${value ?? ENCODER_DEFAULT} gives ${got}. Give --encoder <the folder of that encoder>`);
  }
  const cache = await cacheFor(encoder, cacheDir);
  return async (texts) => {
    holder.vectors = await encodeTexts(encoder, texts, { cache });
  };
}

import { isStdio, sniffFormat, spoolToFile } from "../../util/stdin.js";
import { open } from "node:fs/promises";

/** The first line of a file (at most 64 KiB of it). */
async function firstLine(path: string): Promise<string> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString("utf8").split("\n", 1)[0] ?? "";
  } finally {
    await fh.close();
  }
}

export interface PredictOptions extends Partial<PredictConfig> {
  cwd?: string;
  /** where records go without --output (default process.stdout) */
  stdout?: NodeJS.WritableStream;
  /** where the input `-` is read from (default process.stdin) */
  stdin?: NodeJS.ReadableStream;
}

export interface PredictSummary {
  rows: number;
  /** rows that carried gold labels, and the scores on them (null when none did) */
  scored: { rows: number; accuracy: number; precisionAtK: number; recallAtK: number; k: number } | null;
  /** gold label names the model does not know, with row counts (scored as wrong) */
  unknownGold: Record<string, number>;
  k: number;
  labels: string[];
  output: string;
  /** stdout's reader went away (`| head`) before every row was written */
  closedEarly: boolean;
  seconds: number;
}

/** `al-label predict <model-dir> <input>`: BlazingText batch-transform records for every input row. */
export async function predict(modelArg: string, inputArg: string, options: PredictOptions = {}): Promise<PredictSummary> {
  const started = performance.now();
  const { cwd = process.cwd(), stdout = process.stdout, stdin = process.stdin, ...flags } = options;
  const cfg = mergePredictConfig(flags);
  const holder: { vectors: TextVectors | null } = { vectors: null };
  const { model, meta } = await loadModelDir(resolve(cwd, modelArg), () => {
    if (!holder.vectors) throw new Error("texts were not encoded before predicting");
    return holder.vectors;
  });
  const encode = model.encoder ? await predictEncoder(model.encoder, cfg.encoder, cfg.cacheDir, cwd, holder) : null;
  // `-`: stdin, copied to a private temporary file (manifests are validated whole before the first record)
  const spooled = isStdio(inputArg) ? await spoolToFile(stdin) : undefined;
  try {
    return await predictFile(model, meta, spooled?.path ?? resolve(cwd, inputArg), spooled !== undefined, cfg, cwd, stdout, started, encode);
  } finally {
    await spooled?.remove();
  }
}

async function predictFile(model: LoadedModel, meta: { labels: string[] }, input: string, fromStdin: boolean, cfg: PredictConfig, cwd: string, stdout: NodeJS.WritableStream, started: number, encode: ((texts: string[]) => Promise<void>) | null): Promise<PredictSummary> {
  const format = fromStdin && cfg.format === undefined ? sniffFormat(await firstLine(input)) : detectInputFormat(input, cfg.format);
  const batches = readTextBatches({
    path: input,
    format,
    modelLabels: meta.labels,
    labelAttribute: cfg.labelAttribute,
    textColumn: cfg.textColumn,
    labelColumn: cfg.labelColumn,
  });
  const k = Math.min(cfg.k, meta.labels.length);
  const score = new TopKScore(meta.labels, k);
  const counter = { rows: 0 };
  const chunks = recordChunks(model, batches, new PredictionFormatter(meta.labels, k), score, counter, encode);
  const output = cfg.output === undefined ? "stdout" : resolve(cwd, cfg.output);
  const complete = output === "stdout" ? await writeChunks(stdout, chunks) : (await writeLinesAtomic(output, chunks), true); // a file appears whole or not at all
  return {
    rows: counter.rows,
    scored: score.summary(),
    unknownGold: Object.fromEntries(score.unknownGold),
    k,
    labels: meta.labels,
    output,
    closedEarly: !complete,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * One chunk of newline-joined records per input batch: predicting and formatting a batch at a time
 * keeps memory flat on large inputs, and joining saves a write call per row.
 */
async function* recordChunks(
  model: LoadedModel, // fastText or dense, by the folder's metadata kind
  batches: AsyncIterable<TextBatch>,
  fmt: PredictionFormatter,
  score: TopKScore,
  counter: { rows: number },
  encode: ((texts: string[]) => Promise<void>) | null,
): AsyncGenerator<string> {
  const order = new Int32Array(model.numLabels);
  for await (const batch of batches) {
    if (encode) await encode(batch.texts);
    const probs = model.predictProba(batch.texts);
    const lines = new Array<string>(batch.texts.length);
    for (let r = 0; r < batch.texts.length; r++) {
      rankRow(probs, r, model.numLabels, order);
      lines[r] = fmt.recordRanked(probs, r, order);
      const gold = batch.gold[r];
      if (gold) score.add(order, gold);
    }
    counter.rows += batch.texts.length;
    yield lines.join("\n");
  }
}
