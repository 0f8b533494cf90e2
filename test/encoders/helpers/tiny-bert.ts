/**
 * A tiny BERT encoder folder in the Hugging Face / sentence-transformers layout, with seeded random
 * weights written by our safetensors writer, so tests exercise the real loader. Also a reference
 * forward pass in plain float64 loops, written independently of src/ (no shared helpers).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSafetensors } from '../../../src/encoders/hf/safetensors-io.js';
import type { TensorToWrite } from '../../../src/encoders/hf/safetensors.js';
import { createRng } from '../../../src/util/random.js';

export const TINY_VOCAB = [
  '[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', '.', ',', '!', 'the', 'a', 'cat', 'dog', 'sat', 'ran', 'on', 'mat',
  'big', 'small', 'red', 'house', 'market', 'stock', '##s', '##ed', '##ing', 'fall', 'rise', 'news', 'today', 'in',
];

export interface TinyBertOptions {
  hidden?: number;
  heads?: number;
  layers?: number;
  intermediate?: number;
  maxPositions?: number;
  pooling?: 'mean' | 'cls' | 'max';
  normalize?: boolean;
  maxSeqLength?: number;
  /** weight name prefix, e.g. "bert." as BertModel checkpoints write it */
  prefix?: string;
  seed?: number;
  /** write tokenizer.json instead of vocab.txt */
  tokenizerJson?: boolean;
  /**
   * an MPNet checkpoint (model_type "mpnet"): its weight names, no token types, positions from
   * pad_token_id + 1, a learned attention bias by relative position, and a tokenizer.json whose
   * RobertaProcessing frames texts with <s> ... </s> although the vocabulary also holds [CLS] and [SEP]
   */
  mpnet?: boolean;
}

/** ids of the tokens an MPNet tiny model frames texts with (appended to TINY_VOCAB) */
export const MPNET_TOKENS = { cls: TINY_VOCAB.length, sep: TINY_VOCAB.length + 1, pad: TINY_VOCAB.length + 2 };
const MPNET_VOCAB = [...TINY_VOCAB, '<s>', '</s>', '<pad>'];
const MPNET_PAD_ID = MPNET_TOKENS.pad;
const MPNET_BUCKETS = 32;

export interface TinyBert {
  dir: string;
  config: { H: number; heads: number; layers: number; I: number; P: number; eps: number };
  tensors: Record<string, Float32Array>;
  opts: Required<Omit<TinyBertOptions, 'tokenizerJson' | 'seed' | 'mpnet'>>;
  mpnet: boolean;
}

export async function writeTinyBert(dir: string, o: TinyBertOptions = {}): Promise<TinyBert> {
  const opts = {
    hidden: 8, heads: 2, layers: 2, intermediate: 16, maxPositions: 24, pooling: 'mean' as const, normalize: true,
    maxSeqLength: 16, prefix: '', ...o,
  };
  const { hidden: H, intermediate: I, maxPositions: P } = opts;
  const rng = createRng(o.seed ?? 7);
  const rand = (n: number, scale: number, offset = 0) => Float32Array.from({ length: n }, () => offset + (rng.next() * 2 - 1) * scale);
  const mpnet = o.mpnet === true;
  const vocab = mpnet ? MPNET_VOCAB : TINY_VOCAB;
  // MPNet's table has pad_token_id + 1 rows before the first token's
  const tableRows = mpnet ? P + MPNET_PAD_ID + 1 : P;
  const t: Record<string, Float32Array> = {
    'embeddings.word_embeddings.weight': rand(vocab.length * H, 1),
    'embeddings.position_embeddings.weight': rand(tableRows * H, 0.5),
    'embeddings.LayerNorm.weight': rand(H, 0.2, 1),
    'embeddings.LayerNorm.bias': rand(H, 0.1),
  };
  const shapes: Record<string, number[]> = {
    'embeddings.word_embeddings.weight': [vocab.length, H],
    'embeddings.position_embeddings.weight': [tableRows, H],
    'embeddings.LayerNorm.weight': [H],
    'embeddings.LayerNorm.bias': [H],
  };
  if (mpnet) {
    t['encoder.relative_attention_bias.weight'] = rand(MPNET_BUCKETS * opts.heads, 2);
    shapes['encoder.relative_attention_bias.weight'] = [MPNET_BUCKETS, opts.heads];
  } else {
    t['embeddings.token_type_embeddings.weight'] = rand(2 * H, 0.5);
    shapes['embeddings.token_type_embeddings.weight'] = [2, H];
  }
  const add = (name: string, shape: number[], scale: number, offset = 0) => {
    t[name] = rand(shape.reduce((a, b) => a * b, 1), scale, offset);
    shapes[name] = shape;
  };
  for (let l = 0; l < opts.layers; l++) {
    const p = `encoder.layer.${l}.`;
    const n = layerNames(p, mpnet);
    for (const m of [n.q, n.k, n.v]) {
      add(`${m}.weight`, [H, H], 0.6);
      add(`${m}.bias`, [H], 0.1);
    }
    add(`${n.o}.weight`, [H, H], 0.4);
    add(`${n.o}.bias`, [H], 0.1);
    add(`${n.norm}.weight`, [H], 0.2, 1);
    add(`${n.norm}.bias`, [H], 0.1);
    add(`${p}intermediate.dense.weight`, [I, H], 0.5);
    add(`${p}intermediate.dense.bias`, [I], 0.1);
    add(`${p}output.dense.weight`, [H, I], 0.3);
    add(`${p}output.dense.bias`, [H], 0.1);
    add(`${p}output.LayerNorm.weight`, [H], 0.2, 1);
    add(`${p}output.LayerNorm.bias`, [H], 0.1);
  }
  await mkdir(join(dir, '1_Pooling'), { recursive: true });
  const toWrite: Record<string, TensorToWrite> = {};
  for (const [name, data] of Object.entries(t)) toWrite[opts.prefix + name] = { dtype: 'F32', shape: shapes[name]!, data };
  await writeSafetensors(join(dir, 'model.safetensors'), toWrite, { format: 'pt' });
  const config = mpnet
    ? {
        model_type: 'mpnet', architectures: ['MPNetForMaskedLM'], vocab_size: vocab.length, hidden_size: H,
        num_hidden_layers: opts.layers, num_attention_heads: opts.heads, intermediate_size: I, hidden_act: 'gelu',
        layer_norm_eps: 1e-5, max_position_embeddings: tableRows, pad_token_id: MPNET_PAD_ID, relative_attention_num_buckets: MPNET_BUCKETS,
      }
    : {
        model_type: 'bert', architectures: ['BertModel'], vocab_size: TINY_VOCAB.length, hidden_size: H,
        num_hidden_layers: opts.layers, num_attention_heads: opts.heads, intermediate_size: I, hidden_act: 'gelu',
        layer_norm_eps: 1e-12, max_position_embeddings: P, type_vocab_size: 2, pad_token_id: 0,
      };
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  if (o.tokenizerJson || mpnet) {
    const ids = Object.fromEntries(vocab.map((tok, i) => [tok, i]));
    const tj = {
      normalizer: { type: 'BertNormalizer', lowercase: true, strip_accents: null },
      model: { type: 'WordPiece', unk_token: '[UNK]', vocab: ids },
      ...(mpnet
        ? {
            post_processor: { type: 'RobertaProcessing', sep: ['</s>', MPNET_TOKENS.sep], cls: ['<s>', MPNET_TOKENS.cls], trim_offsets: true, add_prefix_space: false },
            padding: { pad_id: MPNET_PAD_ID, pad_token: '<pad>' },
          }
        : {}),
    };
    await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tj));
  } else {
    await writeFile(join(dir, 'vocab.txt'), TINY_VOCAB.join('\n') + '\n');
    await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify({ do_lower_case: true }));
  }
  const modules = [
    { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
    { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
    ...(opts.normalize ? [{ idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' }] : []),
  ];
  await writeFile(join(dir, 'modules.json'), JSON.stringify(modules));
  await writeFile(
    join(dir, '1_Pooling', 'config.json'),
    JSON.stringify({
      word_embedding_dimension: H,
      pooling_mode_cls_token: opts.pooling === 'cls',
      pooling_mode_mean_tokens: opts.pooling === 'mean',
      pooling_mode_max_tokens: opts.pooling === 'max',
      pooling_mode_mean_sqrt_len_tokens: false,
    }),
  );
  await writeFile(join(dir, 'sentence_bert_config.json'), JSON.stringify({ max_seq_length: opts.maxSeqLength, do_lower_case: false }));
  return { dir, config: { H, heads: opts.heads, layers: opts.layers, I, P, eps: mpnet ? 1e-5 : 1e-12 }, tensors: t, opts, mpnet };
}

function layerNames(p: string, mpnet: boolean): { q: string; k: string; v: string; o: string; norm: string } {
  if (mpnet) return { q: `${p}attention.attn.q`, k: `${p}attention.attn.k`, v: `${p}attention.attn.v`, o: `${p}attention.attn.o`, norm: `${p}attention.LayerNorm` };
  return { q: `${p}attention.self.query`, k: `${p}attention.self.key`, v: `${p}attention.self.value`, o: `${p}attention.output.dense`, norm: `${p}attention.output.LayerNorm` };
}

/**
 * MPNet's bucket of a relative position (key - query; 32 buckets, max distance 128), written from the
 * paper's description in float64: half the buckets for each direction, exact below 8, logarithmic to 128.
 */
function mpnetBucket(relative: number): number {
  const half = MPNET_BUCKETS / 2;
  const exact = half / 2;
  const base = relative > 0 ? half : 0;
  const n = Math.abs(relative);
  if (n < exact) return base + n;
  return base + Math.min(half - 1, exact + Math.floor((Math.log(n / exact) / Math.log(128 / exact)) * (half - exact)));
}

/** Straightforward float64 BERT forward pass + pooling + normalization for one row of ids. */
export function referenceVector(m: TinyBert, ids: readonly number[]): Float64Array {
  const { H, heads, layers, I, eps } = m.config;
  const T = (name: string) => m.tensors[name]!;
  const L = ids.length;
  const dh = H / heads;
  const row0 = m.mpnet ? MPNET_PAD_ID + 1 : 0;
  let x: Float64Array[] = ids.map((id, pos) => {
    const v = new Float64Array(H);
    for (let d = 0; d < H; d++) {
      const type0 = m.mpnet ? 0 : T('embeddings.token_type_embeddings.weight')[d]!;
      v[d] = T('embeddings.word_embeddings.weight')[id * H + d]! + T('embeddings.position_embeddings.weight')[(row0 + pos) * H + d]! + type0;
    }
    return layerNorm(v, T('embeddings.LayerNorm.weight'), T('embeddings.LayerNorm.bias'), eps);
  });
  for (let l = 0; l < layers; l++) {
    const p = `encoder.layer.${l}.`;
    const lin = (v: Float64Array, name: string, outN: number, inN: number) => {
      const w = T(`${name}.weight`);
      const b = T(`${name}.bias`);
      const o = new Float64Array(outN);
      for (let i = 0; i < outN; i++) {
        let s = b[i]!;
        for (let j = 0; j < inN; j++) s += w[i * inN + j]! * v[j]!;
        o[i] = s;
      }
      return o;
    };
    const n = layerNames(p, m.mpnet);
    const q = x.map((v) => lin(v, n.q, H, H));
    const k = x.map((v) => lin(v, n.k, H, H));
    const val = x.map((v) => lin(v, n.v, H, H));
    const ctx = x.map(() => new Float64Array(H));
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < L; i++) {
        const scores = new Float64Array(L);
        for (let j = 0; j < L; j++) {
          let s = 0;
          for (let d = 0; d < dh; d++) s += q[i]![h * dh + d]! * k[j]![h * dh + d]!;
          scores[j] = s / Math.sqrt(dh) + (m.mpnet ? T('encoder.relative_attention_bias.weight')[mpnetBucket(j - i) * heads + h]! : 0);
        }
        const mx = Math.max(...scores);
        let z = 0;
        for (let j = 0; j < L; j++) z += Math.exp(scores[j]! - mx);
        for (let j = 0; j < L; j++) {
          const pr = Math.exp(scores[j]! - mx) / z;
          for (let d = 0; d < dh; d++) ctx[i]![h * dh + d]! += pr * val[j]![h * dh + d]!;
        }
      }
    }
    x = x.map((v, i) => {
      const a = lin(ctx[i]!, n.o, H, H).map((y, d) => y + v[d]!);
      const n1 = layerNorm(a, T(`${n.norm}.weight`), T(`${n.norm}.bias`), eps);
      const inter = lin(n1, `${p}intermediate.dense`, I, H).map((y) => 0.5 * y * (1 + erf(y / Math.SQRT2)));
      const o = lin(inter, `${p}output.dense`, H, I).map((y, d) => y + n1[d]!);
      return layerNorm(o, T(`${p}output.LayerNorm.weight`), T(`${p}output.LayerNorm.bias`), eps);
    });
  }
  const pooled = new Float64Array(H);
  for (let d = 0; d < H; d++) {
    if (m.opts.pooling === 'cls') pooled[d] = x[0]![d]!;
    else if (m.opts.pooling === 'max') pooled[d] = Math.max(...x.map((v) => v[d]!));
    else pooled[d] = x.reduce((s, v) => s + v[d]!, 0) / L;
  }
  if (!m.opts.normalize) return pooled;
  const norm = Math.sqrt(pooled.reduce((s, v) => s + v * v, 0));
  return pooled.map((v) => v / Math.max(norm, 1e-12));
}

function layerNorm(v: Float64Array, g: Float32Array, b: Float32Array, eps: number): Float64Array {
  const mean = v.reduce((s, y) => s + y, 0) / v.length;
  const variance = v.reduce((s, y) => s + (y - mean) ** 2, 0) / v.length;
  return v.map((y, d) => ((y - mean) / Math.sqrt(variance + eps)) * g[d]! + b[d]!);
}

/** erf to ~1e-15 (series for small |x|, continued fraction otherwise), independent of the code under test */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 60; n++) {
      term *= (-ax * ax) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc continued fraction (Lentz), accurate for ax >= 2.5
  let f = ax;
  for (let n = 60; n >= 1; n--) f = ax + n / 2 / f;
  const erfc = Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * f);
  return Math.sign(x) * (1 - erfc);
}
