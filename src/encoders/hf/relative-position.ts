/**
 * MPNet's attention bias by relative position: the distance from a query token to a key token falls in one
 * of `buckets` buckets (exact for short distances, logarithmic up to RELATIVE_MAX_DISTANCE, one bucket
 * beyond), each with a learned bias per head. Pure.
 */
import { RELATIVE_MAX_DISTANCE } from './bert-config.js';

/**
 * The bucket of `relative` = key position - query position, as transformers' MPNet computes it
 * (relative_position_bucket, bidirectional): half the buckets for keys before the query, half after. The
 * logarithm is taken in float32, as PyTorch does, so that distances on a bucket's edge land alike.
 */
export function relativeBucket(relative: number, buckets: number, maxDistance = RELATIVE_MAX_DISTANCE): number {
  const half = Math.floor(buckets / 2);
  const n = -relative;
  let bucket = n < 0 ? half : 0;
  const distance = Math.abs(n);
  const maxExact = Math.floor(half / 2);
  if (distance < maxExact) return bucket + distance;
  const f = Math.fround;
  const scaled = f(f(f(Math.log(f(distance / maxExact))) / f(Math.log(maxDistance / maxExact))) * (half - maxExact));
  bucket += Math.min(maxExact + Math.trunc(scaled), half - 1);
  return bucket;
}

/**
 * The bias added to the attention scores of a sequence of `length` tokens: [heads, length, length],
 * entry (h, i, j) the bias of head h for query i and key j. `table` is [buckets, heads].
 */
export function relativeAttentionBias(table: Float32Array, buckets: number, heads: number, length: number): Float32Array {
  const out = new Float32Array(heads * length * length);
  const byDistance = new Int32Array(2 * length - 1);
  for (let d = -(length - 1); d < length; d++) byDistance[d + length - 1] = relativeBucket(d, buckets);
  for (let i = 0; i < length; i++) {
    for (let j = 0; j < length; j++) {
      const b = byDistance[j - i + length - 1]!;
      for (let h = 0; h < heads; h++) out[(h * length + i) * length + j] = table[b * heads + h]!;
    }
  }
  return out;
}
