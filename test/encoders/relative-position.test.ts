import { describe, expect, it } from 'vitest';
import { relativeAttentionBias, relativeBucket } from '../../src/encoders/hf/relative-position.js';

// (key - query, bucket) from transformers' MPNetEncoder.relative_position_bucket (32 buckets, max distance 128),
// PyTorch 2 on CPU: both sides of every edge of the logarithmic buckets, where a float rounding would move a row
const TORCH_BUCKETS: [number, number][] = [
  [0, 0], [1, 17], [-1, 1], [7, 23], [-7, 7], [8, 24], [-8, 8], [11, 24], [-11, 8], [12, 25], [-12, 9], [15, 25], [-15, 9],
  [16, 26], [-16, 10], [17, 26], [-17, 10], [22, 26], [-22, 10], [23, 27], [-23, 11], [31, 27], [-31, 11], [32, 28], [-32, 12],
  [33, 28], [-33, 12], [45, 28], [-45, 12], [46, 29], [-46, 13], [63, 29], [-63, 13], [64, 30], [-64, 14], [65, 30], [-65, 14],
  [90, 30], [-90, 14], [91, 31], [-91, 15], [127, 31], [-127, 15], [128, 31], [-128, 15], [129, 31], [-129, 15], [500, 31], [-500, 15],
];

describe('MPNet relative position buckets', () => {
  it.each(TORCH_BUCKETS)('puts key - query = %i in bucket %i, as transformers does', (relative, bucket) => {
    expect(relativeBucket(relative, 32)).toBe(bucket);
  });

  it('lays the bias out as [heads, query, key] from a [buckets, heads] table', () => {
    const heads = 2;
    const table = Float32Array.from({ length: 32 * heads }, (_, i) => i);
    const L = 20;
    const bias = relativeAttentionBias(table, 32, heads, L);
    expect(bias.length).toBe(heads * L * L);
    for (const [i, j] of [[0, 0], [0, 19], [19, 0], [5, 3], [3, 5], [10, 18]] as const) {
      for (let h = 0; h < heads; h++) expect(bias[(h * L + i) * L + j]).toBe(relativeBucket(j - i, 32) * heads + h);
    }
    // a shorter sequence's bias is the top-left corner of a longer one's (the graph slices one table)
    const short = relativeAttentionBias(table, 32, heads, 7);
    for (let h = 0; h < heads; h++) for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) expect(short[(h * 7 + i) * 7 + j]).toBe(bias[(h * L + i) * L + j]);
  });
});
