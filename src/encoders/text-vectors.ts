import type { VectorRows } from '../encoder-head/types.js';
import { QuantizedVectors } from './quantized-vectors.js';
import { textHash, textKey } from './text-hash.js';
import type { TextEncoder } from './types.js';
import type { VectorCache } from './vector-cache.js';

/**
 * The encoder's vectors of every distinct text a run or a prediction needs, held compactly
 * (int8 per component) and looked up by text, so models keep taking texts as they always have.
 */
export class TextVectors {
  constructor(
    private readonly index: Map<string, number>,
    private readonly vectors: QuantizedVectors,
    readonly contentHash: string,
  ) {}

  get dim(): number {
    return this.vectors.dim;
  }

  get size(): number {
    return this.index.size;
  }

  has(text: string): boolean {
    return this.index.has(text);
  }

  /**
   * The vectors of `texts` as the head reads them: each unit vector times sqrt(dim), so every
   * component is of unit scale whatever the dimension. Throws on a text that was never encoded.
   */
  rowsOf(texts: readonly string[]): VectorRows {
    return this.rowsAt(this.indicesOf(texts));
  }

  /** rowsOf for indices indicesOf gave. */
  rowsAt(rows: Int32Array): VectorRows {
    const factor = Math.sqrt(this.vectors.dim);
    return { rows: rows.length, dim: this.vectors.dim, read: (r, out) => this.vectors.read(rows[r]!, out, factor) };
  }

  /** Where each text's vector is held: equal indices, equal vectors. Throws on a text that was never encoded. */
  indicesOf(texts: readonly string[]): Int32Array {
    const rows = new Int32Array(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const r = this.index.get(texts[i]!);
      if (r === undefined) throw new Error(`no vector for text ${JSON.stringify(texts[i]!.slice(0, 60))}: encode every text before training or predicting`);
      rows[i] = r;
    }
    return rows;
  }

  /** Row-major float32 copies of the vectors of `texts` (for query strategies that cluster them). */
  dense(texts: readonly string[]): { data: Float32Array; dim: number } {
    const rows = this.rowsOf(texts);
    const data = new Float32Array(texts.length * rows.dim);
    const v = new Float32Array(rows.dim);
    for (let i = 0; i < texts.length; i++) {
      rows.read(i, v);
      data.set(v, i * rows.dim);
    }
    return { data, dim: rows.dim };
  }
}

export interface EncodeOptions {
  /** the encoder's disk cache; null: encode everything (the static encoder is as fast as reading a cache) */
  cache: VectorCache | null;
  /** texts per encode() call (and per cache append, so a kill loses at most one batch) */
  batch?: number;
  onProgress?: (done: number, total: number, fromCache: number) => void;
}

/** Encodes each distinct text once (cached vectors first), in the order texts first appear. */
export async function encodeTexts(encoder: TextEncoder, texts: Iterable<string>, opts: EncodeOptions): Promise<TextVectors> {
  const index = new Map<string, number>();
  const distinct: string[] = [];
  for (const t of texts) {
    if (index.has(t)) continue;
    index.set(t, distinct.length);
    distinct.push(t);
  }
  const vectors = new QuantizedVectors(distinct.length, encoder.dim);
  const filled = new Uint8Array(distinct.length);
  let hashes: Uint8Array[] = [];
  let fromCache = 0;
  if (opts.cache) {
    hashes = distinct.map(textHash);
    const wanted = new Map<string, number>();
    hashes.forEach((h, r) => wanted.set(textKey(h), r));
    const got = await opts.cache.lookup(wanted, (row, scale, q) => {
      vectors.setQuantized(row, q, scale);
      filled[row] = 1;
    });
    fromCache = got.hits;
  }
  const missing: number[] = [];
  for (let r = 0; r < distinct.length; r++) if (!filled[r]) missing.push(r);
  const batch = opts.batch ?? 4096;
  let done = fromCache;
  opts.onProgress?.(done, distinct.length, fromCache);
  for (let s = 0; s < missing.length; s += batch) {
    const rows = missing.slice(s, s + batch);
    // each of the encoder's own batches goes to the cache as it finishes, not the whole call at its end: a
    // slow encoder (a base transformer on long reviews) takes minutes for a call, and a kill keeps all but
    // the batch in flight; appends run one after another, in the order the batches finished
    let appended: Promise<void> = Promise.resolve();
    const cache = opts.cache;
    const kept = new Uint8Array(rows.length);
    const onVectors = cache
      ? (at: readonly number[], v: Float32Array) => {
          const copy = v.slice();
          const keys = at.map((i) => hashes[rows[i]!]!);
          for (const i of at) kept[i] = 1;
          appended = appended.then(() => cache.append(keys, copy));
        }
      : undefined;
    const base = done;
    let out: Float32Array;
    try {
      out = await encoder.encode(
        rows.map((r) => distinct[r]!),
        (n) => {
          if (n < rows.length) opts.onProgress?.(base + n, distinct.length, fromCache);
        },
        onVectors,
      );
    } finally {
      await appended;
    }
    if (out.length !== rows.length * encoder.dim) throw new Error(`encoder ${encoder.name} returned ${out.length} values for ${rows.length} texts of dimension ${encoder.dim}`);
    rows.forEach((r, i) => vectors.set(r, out, i * encoder.dim));
    if (cache && kept.some((k) => k === 0)) {
      // an encoder that does not report its batches: the rows it did not hand over are kept now
      const left = rows.map((_, i) => i).filter((i) => kept[i] === 0);
      const v = new Float32Array(left.length * encoder.dim);
      left.forEach((i, j) => v.set(out.subarray(i * encoder.dim, (i + 1) * encoder.dim), j * encoder.dim));
      await cache.append(left.map((i) => hashes[rows[i]!]!), v);
    }
    done += rows.length;
    opts.onProgress?.(done, distinct.length, fromCache);
  }
  return new TextVectors(index, vectors, encoder.contentHash);
}
