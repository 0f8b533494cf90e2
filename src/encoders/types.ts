/**
 * A pretrained text encoder: texts in, fixed-size vectors out. Two kinds implement it: a static
 * token-vector table (src/encoders/static/, the CPU-fast default) and a BERT-architecture
 * transformer read from a Hugging Face / sentence-transformers folder (src/encoders/transformer/).
 */
export interface TextEncoder {
  /** "static" or "transformer" */
  readonly kind: EncoderKind;
  /** a short human name, e.g. the folder's name or the model id from its config */
  readonly name: string;
  /**
   * sha256 (hex) over the encoder's own files (weights, tokenizer, configs), in a fixed order: the
   * vector cache keys on it, and work dirs and model artifacts store it so a different encoder is refused.
   */
  readonly contentHash: string;
  /** length of every vector encode() returns */
  readonly dim: number;
  /**
   * Row-major texts.length x dim vectors, pooled and normalized as the encoder's config says.
   * `onProgress` is called with the number of texts done so far, at least once per batch;
   * `onVectors`, where given, with each batch's rows (positions in `texts`) and their vectors as the batch
   * finishes, so a caller can keep them before the whole call returns (the vector cache does).
   */
  encode(texts: readonly string[], onProgress?: (done: number) => void, onVectors?: BatchVectorsListener): Promise<Float32Array>;
  /** frees runtime resources (tensors, sessions); the encoder is unusable afterwards */
  dispose(): void;
}

/** A finished batch: `rows` are positions in the texts given to encode(), `vectors` rows.length x dim. */
export type BatchVectorsListener = (rows: readonly number[], vectors: Float32Array) => void;

export type EncoderKind = 'static' | 'transformer';

/** Where a transformer's forward pass runs. */
export type EncoderRuntime = 'auto' | 'onnx' | 'tfjs';
