/**
 * The BERT forward pass in plain TF.js ops, on whatever backend is active (cpu, wasm, webgpu,
 * tensorflow). Weights are uploaded once; each batch is one tf.tidy and one read-back.
 */
import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { TF } from '../../backends/types.js';
import { decideOnGpuError, type GpuFailureError } from '../../backends/gpu-errors.js';
import { watchGpuDevice } from '../../backends/gpu-watch.js';
import { BufferPoolTrimmer } from '../../backends/webgpu-buffer-pool.js';
import type { BertConfig } from '../hf/bert-config.js';
import type { BertWeights, Linear, Norm } from '../hf/bert-weights.js';
import type { PoolingMode } from '../hf/pooling.js';
import { relativeAttentionBias } from '../hf/relative-position.js';
import type { BertRunner } from './runner.js';

interface TfLinear {
  /** [in, out] */
  w: Tensor2D;
  b: Tensor1D;
}

interface TfNorm {
  g: Tensor1D;
  b: Tensor1D;
}

interface TfLayer {
  q: TfLinear;
  k: TfLinear;
  v: TfLinear;
  attnOut: TfLinear;
  attnNorm: TfNorm;
  inter: TfLinear;
  out: TfLinear;
  outNorm: TfNorm;
}

export interface TfjsRunnerOptions {
  pooling: PoolingMode;
  normalize: boolean;
}

export function createTfjsRunner(tf: TF, config: BertConfig, weights: BertWeights, opts: TfjsRunnerOptions): BertRunner {
  const H = config.hiddenSize;
  const heads = config.numHeads;
  const dh = H / heads;
  const eps = config.layerNormEps;
  const uploaded: Tensor[] = [];
  const keep = <T extends Tensor>(t: T): T => {
    uploaded.push(t);
    return t;
  };
  // [out, in] -> [in, out] once at upload, so each batch's matMul reads the weight as is
  const linear = (l: Linear): TfLinear => ({
    w: keep(tf.tidy(() => tf.tensor2d(l.w, [l.out, l.in]).transpose<Tensor2D>())),
    b: keep(tf.tensor1d(l.b)),
  });
  const norm = (n: Norm): TfNorm => ({ g: keep(tf.tensor1d(n.g)), b: keep(tf.tensor1d(n.b)) });
  const word = keep(tf.tensor2d(weights.word, [config.vocabSize, H]));
  const position = keep(tf.tensor2d(weights.position, [config.maxPositionEmbeddings, H]));
  const tokenType0 = keep(tf.tensor1d(weights.tokenType0));
  // MPNet: the attention bias by relative position for the longest sequence, [heads, P, P], uploaded once;
  // a batch of L tokens takes its top-left [heads, L, L]
  const P = config.maxPositionEmbeddings;
  const relativeTable = weights.relativeBias
    ? keep(tf.tensor3d(relativeAttentionBias(weights.relativeBias, config.relativeBuckets, heads, P), [heads, P, P]))
    : null;
  const embNorm = norm(weights.embNorm);
  const layers: TfLayer[] = weights.layers.map((l) => ({
    q: linear(l.q),
    k: linear(l.k),
    v: linear(l.v),
    attnOut: linear(l.attnOut),
    attnNorm: norm(l.attnNorm),
    inter: linear(l.inter),
    out: linear(l.out),
    outNorm: norm(l.outNorm),
  }));

  const dense = (x: Tensor2D, l: TfLinear): Tensor2D => tf.add(tf.matMul(x, l.w), l.b);
  const layerNorm = (x: Tensor2D, n: TfNorm): Tensor2D => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), n.g), n.b);
  };
  const gelu = (x: Tensor2D): Tensor2D => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));

  function forward(ids: Int32Array, mask: Float32Array, B: number, L: number): Tensor2D {
    const idsT = tf.tensor1d(ids, 'int32');
    const maskT = tf.tensor2d(mask, [B, L]);
    const emb = tf.add(tf.add(tf.gather(word, idsT).reshape([B, L, H]), position.slice([0, 0], [L, H])), tokenType0);
    let x = layerNorm(emb.reshape([B * L, H]), embNorm);
    // 0 for tokens, -1e9 for padding keys: exp() of it is exactly 0 in float32
    const padding = tf.mul(tf.sub(1, maskT), -1e9).reshape([B, 1, 1, L]);
    const bias = relativeTable ? tf.add(padding, relativeTable.slice([0, 0, 0], [heads, L, L])) : padding;
    const split = (t: Tensor2D): Tensor => t.reshape([B, L, heads, dh]).transpose([0, 2, 1, 3]);
    for (const l of layers) {
      // one tidy per layer: a layer's intermediates are freed before the next layer runs, so a batch
      // needs one layer's working memory, not all of them (on a GPU, the next layer reuses its buffers)
      const input = x;
      x = tf.tidy(() => {
        const q = split(dense(input, l.q));
        const k = split(dense(input, l.k));
        const v = split(dense(input, l.v));
        const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)), bias);
        const context = tf.matMul(tf.softmax(scores), v).transpose([0, 2, 1, 3]).reshape([B * L, H]) as Tensor2D;
        const attended = layerNorm(tf.add(dense(context, l.attnOut), input), l.attnNorm);
        return layerNorm(tf.add(dense(gelu(dense(attended, l.inter)), l.out), attended), l.outNorm);
      });
      input.dispose();
    }
    return pool(x.reshape([B, L, H]), maskT);
  }

  function pool(h: Tensor, maskT: Tensor2D): Tensor2D {
    const B = h.shape[0]!;
    const L = h.shape[1]!;
    let pooled: Tensor2D;
    if (opts.pooling === 'cls') pooled = h.slice([0, 0, 0], [B, 1, H]).reshape([B, H]);
    else if (opts.pooling === 'max') pooled = tf.max(tf.add(h, tf.mul(tf.sub(1, maskT), -1e9).reshape([B, L, 1])), 1);
    else pooled = tf.div(tf.sum(tf.mul(h, maskT.reshape([B, L, 1])), 1), tf.maximum(tf.sum(maskT, 1, true), 1e-9));
    if (!opts.normalize) return pooled;
    return tf.div(pooled, tf.maximum(tf.norm(pooled, 'euclidean', 1, true), 1e-12));
  }

  // On webgpu, batches are padded to few shapes (tokens to a multiple of 8, rows to a multiple of 32), so
  // TF.js's buffer pool can reuse one batch's buffers for the next, and the pool is kept bounded. Padding
  // rows and tokens are masked out: the real rows' vectors are the same up to float rounding.
  const onGpu = tf.getBackend() === 'webgpu';
  const bufferPool = onGpu ? new BufferPoolTrimmer(tf.backend()) : null;
  const roundUp = (n: number, k: number) => Math.ceil(n / k) * k;
  // WebGPU reports out-of-memory and validation errors as events, and TF.js then reads back whatever the
  // failed commands left (zeros): check the device after each batch, before its vectors go anywhere.
  const watch = onGpu ? watchGpuDevice(tf) : null;
  /** The GPU failure a thrown error or the device watch shows, as the run reports it (exit 74), or null. */
  const gpuFailure = (rows: number, thrown?: unknown): GpuFailureError | null => {
    if (!watch) return null;
    const decision = decideOnGpuError(thrown, 'fail', 'webgpu', `encoding a batch of ${rows} texts`, watch.failure());
    return decision.action === 'fail' ? decision.error : null;
  };

  return {
    description: `TF.js ${tf.getBackend()} backend`,
    async embed(rows) {
      const B = rows.length;
      const longest = Math.max(...rows.map((r) => r.length));
      const L = onGpu ? Math.min(roundUp(longest, 8), config.maxPositionEmbeddings) : longest;
      const Bp = onGpu ? roundUp(B, 32) : B;
      const ids = new Int32Array(Bp * L);
      const mask = new Float32Array(Bp * L);
      rows.forEach((row, r) => {
        ids.set(row, r * L);
        mask.fill(1, r * L, r * L + row.length);
      });
      bufferPool?.startBatch();
      let got: Float32Array;
      try {
        const out = tf.tidy(() => forward(ids, mask, Bp, L));
        try {
          got = (await out.data()) as Float32Array;
        } finally {
          out.dispose();
          bufferPool?.endBatch();
        }
      } catch (err) {
        throw gpuFailure(B, err) ?? err;
      }
      const failed = gpuFailure(B);
      if (failed) throw failed;
      return Bp === B ? got : got.slice(0, B * H);
    },
    dispose() {
      watch?.dispose();
      for (const t of uploaded.splice(0)) t.dispose();
    },
  };
}
