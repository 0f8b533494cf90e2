/** config.json of a BERT-architecture model, checked and reduced to what the forward pass needs. Pure. */
import { EncoderFormatError } from '../errors.js';

export interface BertConfig {
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  layerNormEps: number;
  maxPositionEmbeddings: number;
  typeVocabSize: number;
}

/** model_type values whose checkpoints are plain BERT encoders (same weights, same forward pass) */
const BERT_LIKE = new Set(['bert']);
const GELU = new Set(['gelu', 'gelu_python']);

export function parseBertConfig(json: unknown, source: string): BertConfig {
  const fail = (why: string): never => {
    throw new EncoderFormatError(`${source}: ${why}`);
  };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) fail('not a JSON object');
  const c = json as Record<string, unknown>;
  if (!BERT_LIKE.has(String(c.model_type))) {
    fail(`model_type is "${String(c.model_type)}"; only BERT-architecture encoders (model_type "bert") are supported`);
  }
  const act = c.hidden_act ?? 'gelu';
  if (!GELU.has(String(act))) fail(`hidden_act is "${String(act)}"; only "gelu" (the erf form, as BERT) is supported`);
  const pos = c.position_embedding_type ?? 'absolute';
  if (pos !== 'absolute') fail(`position_embedding_type is "${String(pos)}"; only "absolute" is supported`);
  const int = (key: string, fallback?: number): number => {
    const v = c[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) fail(`"${key}" must be a positive integer, got ${JSON.stringify(v)}`);
    return v as number;
  };
  const config: BertConfig = {
    vocabSize: int('vocab_size'),
    hiddenSize: int('hidden_size'),
    numLayers: int('num_hidden_layers'),
    numHeads: int('num_attention_heads'),
    intermediateSize: int('intermediate_size'),
    layerNormEps: typeof c.layer_norm_eps === 'number' ? c.layer_norm_eps : 1e-12,
    maxPositionEmbeddings: int('max_position_embeddings', 512),
    typeVocabSize: int('type_vocab_size', 2),
  };
  if (config.hiddenSize % config.numHeads !== 0) {
    fail(`hidden_size ${config.hiddenSize} is not a multiple of num_attention_heads ${config.numHeads}`);
  }
  return config;
}
