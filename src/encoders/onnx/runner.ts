/** The BERT forward pass on onnxruntime-node (CPU): onnx/model.onnx when the folder has one, else a graph built from model.safetensors. */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { EncoderFormatError } from '../errors.js';
import { loadBertWeights, type EncoderFolder } from '../hf/folder.js';
import { normalizeRows, poolHidden } from '../transformer/pool.js';
import type { BertRunner } from '../transformer/runner.js';
import { buildBertOnnx } from './bert-graph.js';
import type { Ort, OrtTensor } from './ort.js';

export interface OnnxRunnerOptions {
  /** intra-op threads; default: the machine's available parallelism */
  threads?: number;
  /** let idle intra-op threads spin (lower latency on an otherwise idle machine); default false */
  spin?: boolean;
  /** ignore onnx/model.onnx and build the graph from model.safetensors */
  preferSafetensors?: boolean;
}

export async function createOnnxRunner(folder: EncoderFolder, ort: Ort, version: string, opts: OnnxRunnerOptions = {}): Promise<BertRunner> {
  const useFile = folder.onnxPath !== undefined && !(opts.preferSafetensors && folder.safetensorsPath);
  const model = useFile ? await readFile(folder.onnxPath!) : buildBertOnnx(folder.config, await loadBertWeights(folder));
  const threads = opts.threads ?? availableParallelism();
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    logSeverityLevel: 3,
    // idle workers sleep instead of spinning: on a shared or busy machine spinning threads steal the cores
    // the other threads need (measured: 2 spinning threads ran slower than 1 at load 11 on 2 cores)
    ...(opts.spin ? {} : { extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } } }),
  });
  const outputName = ['last_hidden_state', 'token_embeddings', 'sentence_embedding'].find((n) => session.outputNames.includes(n)) ?? session.outputNames[0];
  if (!session.inputNames.includes('input_ids') || outputName === undefined) {
    throw new EncoderFormatError(`${folder.onnxPath}: expected an input "input_ids" and a hidden-state output, found inputs [${session.inputNames}] outputs [${session.outputNames}]`);
  }
  const H = folder.config.hiddenSize;
  return {
    description: `onnxruntime-node ${version} cpu, ${threads} thread(s), ${useFile ? 'onnx/model.onnx' : 'graph built from model.safetensors'}`,
    async embed(rows) {
      const seqLen = Math.max(...rows.map((r) => r.length));
      const ids = new BigInt64Array(rows.length * seqLen);
      const mask = new BigInt64Array(rows.length * seqLen);
      rows.forEach((row, r) => {
        for (let t = 0; t < row.length; t++) {
          ids[r * seqLen + t] = BigInt(row[t]!);
          mask[r * seqLen + t] = 1n;
        }
      });
      const dims = [rows.length, seqLen];
      const feeds: Record<string, OrtTensor> = {};
      for (const name of session.inputNames) {
        if (name === 'input_ids') feeds[name] = new ort.Tensor('int64', ids, dims);
        else if (name === 'attention_mask') feeds[name] = new ort.Tensor('int64', mask, dims);
        else if (name === 'token_type_ids') feeds[name] = new ort.Tensor('int64', new BigInt64Array(ids.length), dims);
        else throw new EncoderFormatError(`${folder.onnxPath}: unknown model input "${name}"`);
      }
      const out = (await session.run(feeds))[outputName]!;
      const data = out.data as Float32Array;
      if (out.dims.length === 2) return normalizeRows(data, rows.length, H, folder.normalize);
      return poolHidden(data, rows.map((r) => r.length), seqLen, H, folder.pooling, folder.normalize);
    },
    dispose() {
      void session.release();
    },
  };
}
