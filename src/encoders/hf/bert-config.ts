/**
 * config.json of a BERT-architecture model, checked and reduced to what the forward pass needs. Pure.
 * MPNet (all-mpnet-base-v2 and the like) is BERT's forward pass with two differences, kept here: positions
 * start after the padding id, and every layer adds a learned bias by relative position to the attention
 * scores (T5's buckets). It has no token type embeddings.
 */
import { EncoderFormatError } from '../errors.js';

export interface BertConfig {
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  layerNormEps: number;
  /** token positions the model can take (MPNet: its table's rows less the offset) */
  maxPositionEmbeddings: number;
  /** token type rows (0: the model has none) */
  typeVocabSize: number;
  architecture: 'bert' | 'mpnet';
  /** rows of the position table in the checkpoint */
  positionTableRows: number;
  /** the first token's row in the position table (MPNet: pad_token_id + 1; BERT: 0) */
  positionOffset: number;
  /** relative-position buckets of the attention bias (MPNet); 0: none */
  relativeBuckets: number;
}

/** model_type values whose checkpoints are plain BERT encoders (same weights, same forward pass) */
const BERT_LIKE = new Set(['bert']);
/** the largest distance the relative buckets tell apart (MPNet's fixed max_distance) */
export const RELATIVE_MAX_DISTANCE = 128;
const GELU = new Set(['gelu', 'gelu_python']);

export function parseBertConfig(json: unknown, source: string): BertConfig {
  const fail = (why: string): never => {
    throw new EncoderFormatError(`${source}: ${why}`);
  };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) fail('not a JSON object');
  const c = json as Record<string, unknown>;
  const mpnet = c.model_type === 'mpnet';
  if (!mpnet && !BERT_LIKE.has(String(c.model_type))) {
    fail(`model_type is "${String(c.model_type)}"; only BERT-architecture encoders (model_type "bert" or "mpnet") are supported`);
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
  const tableRows = int('max_position_embeddings', 512);
  // MPNet numbers positions from padding_idx + 1 (create_position_ids_from_input_ids)
  const offset = mpnet ? (typeof c.pad_token_id === 'number' ? c.pad_token_id : 1) + 1 : 0;
  if (!Number.isInteger(offset) || offset < 0 || offset + 2 > tableRows) fail(`pad_token_id ${String(c.pad_token_id)} leaves no positions in a table of ${tableRows}`);
  const config: BertConfig = {
    vocabSize: int('vocab_size'),
    hiddenSize: int('hidden_size'),
    numLayers: int('num_hidden_layers'),
    numHeads: int('num_attention_heads'),
    intermediateSize: int('intermediate_size'),
    layerNormEps: typeof c.layer_norm_eps === 'number' ? c.layer_norm_eps : 1e-12,
    maxPositionEmbeddings: tableRows - offset,
    typeVocabSize: mpnet ? 0 : int('type_vocab_size', 2),
    architecture: mpnet ? 'mpnet' : 'bert',
    positionTableRows: tableRows,
    positionOffset: offset,
    relativeBuckets: mpnet ? int('relative_attention_num_buckets', 32) : 0,
  };
  if (mpnet && config.relativeBuckets % 4 !== 0) fail(`relative_attention_num_buckets ${config.relativeBuckets} must be a multiple of 4`);
  if (config.hiddenSize % config.numHeads !== 0) {
    fail(`hidden_size ${config.hiddenSize} is not a multiple of num_attention_heads ${config.numHeads}`);
  }
  return config;
}
