/**
 * The BERT forward pass in plain TF.js ops, on whatever backend is active (cpu, wasm, webgpu,
 * tensorflow). Weights are uploaded once; each batch is one tf.tidy and one read-back.
 */
import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { TF } from '../../backends/types.js';
import type { BertConfig } from '../hf/bert-config.js';
import type { BertWeights, Linear, Norm } from '../hf/bert-weights.js';
import type { PoolingMode } from '../hf/pooling.js';
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
  const tokenType0 = keep(tf.tensor1d(weights.tokenType.subarray(0, H)));
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
    const bias = tf.mul(tf.sub(1, maskT), -1e9).reshape([B, 1, 1, L]);
    const split = (t: Tensor2D): Tensor => t.reshape([B, L, heads, dh]).transpose([0, 2, 1, 3]);
    for (const l of layers) {
      const q = split(dense(x, l.q));
      const k = split(dense(x, l.k));
      const v = split(dense(x, l.v));
      const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)), bias);
      const context = tf.matMul(tf.softmax(scores), v).transpose([0, 2, 1, 3]).reshape([B * L, H]) as Tensor2D;
      x = layerNorm(tf.add(dense(context, l.attnOut), x), l.attnNorm);
      x = layerNorm(tf.add(dense(gelu(dense(x, l.inter)), l.out), x), l.outNorm);
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

  return {
    description: `TF.js ${tf.getBackend()} backend`,
    async embed(rows) {
      const B = rows.length;
      const L = Math.max(...rows.map((r) => r.length));
      const ids = new Int32Array(B * L);
      const mask = new Float32Array(B * L);
      rows.forEach((row, r) => {
        ids.set(row, r * L);
        mask.fill(1, r * L, r * L + row.length);
      });
      const out = tf.tidy(() => forward(ids, mask, B, L));
      try {
        return (await out.data()) as Float32Array;
      } finally {
        out.dispose();
      }
    },
    dispose() {
      for (const t of uploaded.splice(0)) t.dispose();
    },
  };
}
