/**
 * The BERT weights a forward pass needs, found by name in a safetensors file whatever the checkpoint's
 * prefix ("embeddings..." from sentence-transformers, "bert.embeddings..." from BertForX, ...). Linear
 * weights keep PyTorch's [out, in] layout. Pure.
 */
import { EncoderFormatError } from '../errors.js';
import type { BertConfig } from './bert-config.js';
import type { SafetensorsFile } from './safetensors.js';

export interface Linear {
  /** [out, in], row-major */
  w: Float32Array;
  b: Float32Array;
  out: number;
  in: number;
}

export interface Norm {
  g: Float32Array;
  b: Float32Array;
}

export interface BertLayerWeights {
  q: Linear;
  k: Linear;
  v: Linear;
  attnOut: Linear;
  attnNorm: Norm;
  inter: Linear;
  out: Linear;
  outNorm: Norm;
}

export interface BertWeights {
  /** [vocab, hidden] */
  word: Float32Array;
  /** [maxPositions, hidden]: row t is the t-th token's (MPNet's offset already applied) */
  position: Float32Array;
  /** the token type 0 row added to every token: [hidden] (zeros where the model has no token types) */
  tokenType0: Float32Array;
  embNorm: Norm;
  layers: BertLayerWeights[];
  /** MPNet: [buckets, heads], the attention bias of each relative-position bucket */
  relativeBias?: Float32Array;
}

const ANCHOR = 'embeddings.word_embeddings.weight';

/** A layer's attention weights by name (under encoder.layer.N.); the feed-forward part is named alike in both. */
const ATTENTION_NAMES: Record<BertConfig['architecture'], { q: string; k: string; v: string; out: string; norm: string }> = {
  bert: {
    q: 'attention.self.query',
    k: 'attention.self.key',
    v: 'attention.self.value',
    out: 'attention.output.dense',
    norm: 'attention.output.LayerNorm',
  },
  mpnet: { q: 'attention.attn.q', k: 'attention.attn.k', v: 'attention.attn.v', out: 'attention.attn.o', norm: 'attention.LayerNorm' },
};

export function bertWeightsFrom(file: SafetensorsFile, config: BertConfig, source: string): BertWeights {
  const anchor = file.names.find((n) => n === ANCHOR || n.endsWith(`.${ANCHOR}`));
  if (anchor === undefined) throw new EncoderFormatError(`${source}: no tensor named ${ANCHOR} (with or without a prefix such as "bert."): not a BERT checkpoint`);
  const prefix = anchor.slice(0, anchor.length - ANCHOR.length);
  const H = config.hiddenSize;
  const tensor = (name: string, shape: number[]): Float32Array => {
    const full = prefix + name;
    if (!file.has(full)) throw new EncoderFormatError(`${source}: tensor ${full} is missing`);
    const got = file.info(full).shape;
    if (got.join() !== shape.join()) throw new EncoderFormatError(`${source}: tensor ${full} has shape [${got}], config.json implies [${shape}]`);
    return file.float32(full);
  };
  const norm = (name: string): Norm => {
    const gamma = file.has(`${prefix}${name}.weight`) ? 'weight' : 'gamma';
    const beta = gamma === 'weight' ? 'bias' : 'beta';
    return { g: tensor(`${name}.${gamma}`, [H]), b: tensor(`${name}.${beta}`, [H]) };
  };
  const linear = (name: string, out: number, inp: number): Linear => ({
    w: tensor(`${name}.weight`, [out, inp]),
    b: tensor(`${name}.bias`, [out]),
    out,
    in: inp,
  });
  const I = config.intermediateSize;
  const attention = ATTENTION_NAMES[config.architecture];
  const layers: BertLayerWeights[] = [];
  for (let l = 0; l < config.numLayers; l++) {
    const p = `encoder.layer.${l}.`;
    layers.push({
      q: linear(`${p}${attention.q}`, H, H),
      k: linear(`${p}${attention.k}`, H, H),
      v: linear(`${p}${attention.v}`, H, H),
      attnOut: linear(`${p}${attention.out}`, H, H),
      attnNorm: norm(`${p}${attention.norm}`),
      inter: linear(`${p}intermediate.dense`, I, H),
      out: linear(`${p}output.dense`, H, I),
      outNorm: norm(`${p}output.LayerNorm`),
    });
  }
  const positionTable = tensor('embeddings.position_embeddings.weight', [config.positionTableRows, H]);
  return {
    word: tensor('embeddings.word_embeddings.weight', [config.vocabSize, H]),
    position: positionTable.subarray(config.positionOffset * H),
    tokenType0:
      config.typeVocabSize > 0 ? tensor('embeddings.token_type_embeddings.weight', [config.typeVocabSize, H]).subarray(0, H) : new Float32Array(H),
    embNorm: norm('embeddings.LayerNorm'),
    layers,
    ...(config.relativeBuckets > 0
      ? { relativeBias: tensor('encoder.relative_attention_bias.weight', [config.relativeBuckets, config.numHeads]) }
      : {}),
  };
}
