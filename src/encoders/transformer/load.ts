/**
 * loadTransformerEncoder: a TextEncoder over a Hugging Face / sentence-transformers BERT folder, on
 * onnxruntime-node (fast on CPUs) or TF.js (any TF.js backend, e.g. a GPU). Texts are tokenized,
 * grouped by token length, embedded batch by batch, and returned in input order.
 */
import type { TF } from '../../backends/types.js';
import { BackendUnavailableError, UsageError } from '../../errors.js';
import { readEncoderFolder, loadBertWeights, type EncoderFolder } from '../hf/folder.js';
import { createOnnxRunner } from '../onnx/runner.js';
import { loadOrt } from '../onnx/ort.js';
import type { BatchVectorsListener, EncoderRuntime, TextEncoder } from '../types.js';
import { planBatches, type BatchPlan } from './batches.js';
import { createTfjsRunner } from './bert-tfjs.js';
import type { BertRunner } from './runner.js';

export interface TransformerEncoderOptions {
  /** 'auto' (default): onnxruntime-node when it loads, else TF.js */
  runtime?: EncoderRuntime;
  /** the TF.js to run on (its active backend is used); default: @tensorflow/tfjs as it is */
  tf?: TF;
  /** onnxruntime intra-op threads; default: available parallelism */
  threads?: number;
  /** most rows per batch; default 64 on onnxruntime, 256 on TF.js */
  batchSize?: number;
  /** most padded tokens (rows x longest) per batch; default 16,384 on onnxruntime, 32,768 on TF.js */
  tokenBudget?: number;
  /** tokens per text including [CLS] and [SEP]; default and upper bound: the folder's max_seq_length */
  maxLength?: number;
  /** onnxruntime: build the graph from model.safetensors even when onnx/model.onnx exists */
  preferSafetensors?: boolean;
  /** how to import optional packages (tests replace it) */
  importModule?: (specifier: string) => Promise<unknown>;
}

export interface TransformerEncoder extends TextEncoder {
  readonly kind: 'transformer';
  /** the runtime in words, e.g. "onnxruntime-node 1.30.0 cpu, 2 thread(s), graph built from model.safetensors" */
  readonly runtime: string;
  readonly maxLength: number;
  readonly folder: EncoderFolder;
  /** Pooled vectors of rows that are already token ids ([CLS] ... [SEP]), in input order (distillation embeds single tokens). */
  embedTokenRows(rows: readonly Int32Array[], onProgress?: (done: number) => void, onVectors?: BatchVectorsListener): Promise<Float32Array>;
}

export async function loadTransformerEncoder(dir: string, opts: TransformerEncoderOptions = {}): Promise<TransformerEncoder> {
  const folder = await readEncoderFolder(dir);
  const maxLength = opts.maxLength ?? folder.maxSeqLength;
  if (!Number.isInteger(maxLength) || maxLength < 2 || maxLength > folder.config.maxPositionEmbeddings) {
    throw new UsageError(`maxLength must be an integer from 2 to ${folder.config.maxPositionEmbeddings} (the model's positions), got ${maxLength}`);
  }
  const { runner, plan } = await createRunner(folder, opts);
  return new BatchedEncoder(folder, runner, plan, maxLength);
}

async function createRunner(folder: EncoderFolder, opts: TransformerEncoderOptions): Promise<{ runner: BertRunner; plan: BatchPlan }> {
  const runtime = opts.runtime ?? 'auto';
  if (runtime !== 'tfjs') {
    const ort = await loadOrt(opts.importModule);
    if (ort.ok) {
      const runner = await createOnnxRunner(folder, ort.ort, ort.version, {
        ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
        ...(opts.preferSafetensors ? { preferSafetensors: true } : {}),
      });
      return { runner, plan: { batchSize: opts.batchSize ?? 64, tokenBudget: opts.tokenBudget ?? 16_384 } };
    }
    if (runtime === 'onnx') throw new BackendUnavailableError(ort.reason);
  }
  const tf = opts.tf ?? ((await import('@tensorflow/tfjs')) as TF);
  const weights = await loadBertWeights(folder);
  const runner = createTfjsRunner(tf, folder.config, weights, { pooling: folder.pooling, normalize: folder.normalize });
  return { runner, plan: { batchSize: opts.batchSize ?? 256, tokenBudget: opts.tokenBudget ?? 32_768 } };
}

class BatchedEncoder implements TransformerEncoder {
  readonly kind = 'transformer';
  readonly name: string;
  readonly contentHash: string;
  readonly dim: number;
  readonly runtime: string;

  constructor(
    readonly folder: EncoderFolder,
    private readonly runner: BertRunner,
    private readonly plan: BatchPlan,
    readonly maxLength: number,
  ) {
    this.name = folder.name;
    this.contentHash = folder.contentHash;
    this.dim = folder.config.hiddenSize;
    this.runtime = runner.description;
  }

  async encode(texts: readonly string[], onProgress?: (done: number) => void, onVectors?: BatchVectorsListener): Promise<Float32Array> {
    return this.embedTokenRows(texts.map((t) => this.folder.tokenizer.encode(t, this.maxLength)), onProgress, onVectors);
  }

  async embedTokenRows(ids: readonly Int32Array[], onProgress?: (done: number) => void, onVectors?: BatchVectorsListener): Promise<Float32Array> {
    const out = new Float32Array(ids.length * this.dim);
    let done = 0;
    for (const batch of planBatches(ids.map((r) => r.length), this.plan)) {
      const vectors = await this.runner.embed(batch.map((i) => ids[i]!));
      batch.forEach((row, j) => out.set(vectors.subarray(j * this.dim, (j + 1) * this.dim), row * this.dim));
      onVectors?.(batch, vectors.subarray(0, batch.length * this.dim));
      done += batch.length;
      onProgress?.(done);
    }
    if (ids.length === 0) onProgress?.(0);
    return out;
  }

  dispose(): void {
    this.runner.dispose();
  }
}
