/**
 * Builds the ONNX graph of a BERT encoder from its weights, so a folder that holds only
 * model.safetensors runs on onnxruntime. Inputs input_ids and attention_mask (int64 [batch, seq]),
 * output last_hidden_state (float [batch, seq, hidden]); pooling runs outside (pool.ts). Pure.
 */
import type { BertConfig } from '../hf/bert-config.js';
import type { BertWeights, Linear, Norm } from '../hf/bert-weights.js';
import { relativeAttentionBias } from '../hf/relative-position.js';
import { DataType, encodeModel, type Attr, type OnnxNode, type OnnxTensor } from './proto.js';

/** opset 17: the first with LayerNormalization in the default domain */
const OPSET = 17;
/** added to the scores of padding keys: exp() of it is exactly 0 in float32 */
const MASK_VALUE = -1e9;

class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private n = 0;

  op(op: string, inputs: string[], attrs?: Attr[]): string {
    const out = `${op.toLowerCase()}_${this.n++}`;
    this.nodes.push({ op, inputs, outputs: [out], ...(attrs ? { attrs } : {}) });
    return out;
  }

  f32(name: string, data: Float32Array, dims: number[]): string {
    this.initializers.push({ name, dataType: DataType.FLOAT, dims, raw: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  i64(name: string, values: number[]): string {
    const data = BigInt64Array.from(values, (v) => BigInt(v));
    this.initializers.push({ name, dataType: DataType.INT64, dims: [values.length], raw: new Uint8Array(data.buffer) });
    return name;
  }

  i64Scalar(name: string, value: number): string {
    this.initializers.push({ name, dataType: DataType.INT64, dims: [], raw: new Uint8Array(BigInt64Array.of(BigInt(value)).buffer) });
    return name;
  }

  scalar(name: string, value: number): string {
    this.initializers.push({ name, dataType: DataType.FLOAT, dims: [], raw: new Uint8Array(Float32Array.of(value).buffer) });
    return name;
  }
}

/** [out, in] (PyTorch) to [in, out] (MatMul's right operand), scaled */
function transposed(l: Linear, scale = 1): Float32Array {
  const t = new Float32Array(l.w.length);
  for (let o = 0; o < l.out; o++) for (let i = 0; i < l.in; i++) t[i * l.out + o] = l.w[o * l.in + i]! * scale;
  return t;
}

export function buildBertOnnx(config: BertConfig, w: BertWeights): Uint8Array {
  const g = new GraphBuilder();
  const H = config.hiddenSize;
  const heads = config.numHeads;
  const dh = H / heads;
  const eps = config.layerNormEps;

  const linear = (x: string, l: Linear, name: string, scale = 1): string => {
    const weight = g.f32(`${name}.w`, transposed(l, scale), [l.in, l.out]);
    const bias = g.f32(`${name}.b`, scale === 1 ? l.b : l.b.map((v) => v * scale), [l.out]);
    return g.op('Add', [g.op('MatMul', [x, weight]), bias]);
  };
  const layerNorm = (x: string, n: Norm, name: string): string =>
    g.op('LayerNormalization', [x, g.f32(`${name}.g`, n.g, [H]), g.f32(`${name}.b`, n.b, [H])], [{ name: 'axis', i: -1 }, { name: 'epsilon', f: eps }]);

  // embeddings: word + position + token type 0 (every input is one segment), folded into one table
  const posType = new Float32Array(w.position.length);
  for (let i = 0; i < posType.length; i++) posType[i] = w.position[i]! + w.tokenType0[i % H]!;
  const seqLen = g.op('Gather', [g.op('Shape', ['input_ids']), g.i64Scalar('one_i64', 1)]);
  const positions = g.op('Range', [g.i64Scalar('zero_i64', 0), seqLen, 'one_i64']);
  const embedded = g.op('Add', [
    g.op('Gather', [g.f32('word_embeddings', w.word, [config.vocabSize, H]), 'input_ids']),
    g.op('Gather', [g.f32('position_type_embeddings', posType, [config.maxPositionEmbeddings, H]), positions]),
  ]);
  let x = layerNorm(embedded, w.embNorm, 'embeddings.norm');

  // mask [batch, seq] -> additive bias [batch, 1, 1, seq]: 0 for tokens, MASK_VALUE for padding
  const maskF = g.op('Cast', ['attention_mask'], [{ name: 'to', i: DataType.FLOAT }]);
  let bias4 = g.op('Reshape', [g.op('Mul', [g.op('Sub', [g.scalar('one_f', 1), maskF]), g.scalar('mask_value', MASK_VALUE)]), g.i64('mask_shape', [0, 1, 1, -1])]);
  if (w.relativeBias) {
    // MPNet: the bias by relative position, the same in every layer: the top-left [seq, seq] of the whole
    // table's [heads, P, P], added once to the mask's bias -> [batch, heads, seq, seq]
    const P = config.maxPositionEmbeddings;
    const table = g.f32('relative_bias', relativeAttentionBias(w.relativeBias, config.relativeBuckets, heads, P), [heads, P, P]);
    const seq1 = g.op('Reshape', [seqLen, g.i64('shape_1', [1])]);
    const ends = g.op('Concat', [seq1, seq1], [{ name: 'axis', i: 0 }]);
    const rel = g.op('Slice', [table, g.i64('rel_starts', [0, 0]), ends, g.i64('rel_axes', [1, 2])]);
    bias4 = g.op('Add', [bias4, rel]);
  }
  const headsShape = g.i64('heads_shape', [0, 0, heads, dh]);
  const mergedShape = g.i64('merged_shape', [0, 0, H]);
  const perm = (p: number[]): Attr[] => [{ name: 'perm', ints: p }];
  const half = g.scalar('half', 0.5);
  const one = 'one_f';
  const invSqrt2 = g.scalar('inv_sqrt2', Math.SQRT1_2);

  w.layers.forEach((layer, l) => {
    const p = `layer${l}`;
    const split = (t: string, order: number[]): string => g.op('Transpose', [g.op('Reshape', [t, headsShape])], perm(order));
    const q = split(linear(x, layer.q, `${p}.q`, 1 / Math.sqrt(dh)), [0, 2, 1, 3]); // [b, h, s, dh], pre-scaled
    const k = split(linear(x, layer.k, `${p}.k`), [0, 2, 3, 1]); // [b, h, dh, s]
    const v = split(linear(x, layer.v, `${p}.v`), [0, 2, 1, 3]);
    const probs = g.op('Softmax', [g.op('Add', [g.op('MatMul', [q, k]), bias4])], [{ name: 'axis', i: -1 }]);
    const context = g.op('Reshape', [g.op('Transpose', [g.op('MatMul', [probs, v])], perm([0, 2, 1, 3])), mergedShape]);
    x = layerNorm(g.op('Add', [linear(context, layer.attnOut, `${p}.attn_out`), x]), layer.attnNorm, `${p}.attn_norm`);
    const inter = linear(x, layer.inter, `${p}.inter`);
    // GELU, erf form: 0.5 x (1 + erf(x / sqrt 2)); onnxruntime fuses this pattern
    const gelu = g.op('Mul', [g.op('Mul', [inter, g.op('Add', [g.op('Erf', [g.op('Mul', [inter, invSqrt2])]), one])]), half]);
    x = layerNorm(g.op('Add', [linear(gelu, layer.out, `${p}.out`), x]), layer.outNorm, `${p}.out_norm`);
  });
  g.nodes.push({ op: 'Identity', inputs: [x], outputs: ['last_hidden_state'] });

  return encodeModel(
    {
      name: 'bert',
      nodes: g.nodes,
      initializers: g.initializers,
      inputs: [
        { name: 'input_ids', elemType: DataType.INT64, dims: ['batch', 'sequence'] },
        { name: 'attention_mask', elemType: DataType.INT64, dims: ['batch', 'sequence'] },
      ],
      outputs: [{ name: 'last_hidden_state', elemType: DataType.FLOAT, dims: ['batch', 'sequence', H] }],
    },
    OPSET,
  );
}
