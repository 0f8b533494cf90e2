import { describe, expect, it } from 'vitest';
import { CHUNK_ROWS, transformInChunks, type RowFeaturizer } from '../../src/dense/chunked-rows.js';
import type { CsrRows } from '../../src/dense/types.js';

/** One row per text holding the text's number, so each chunk shows which texts it was given. */
function recording(): RowFeaturizer & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    transform(texts: readonly string[]): CsrRows {
      calls.push([...texts]);
      const offsets = Int32Array.from({ length: texts.length + 1 }, (_, i) => i);
      return { offsets, ids: Int32Array.from(texts, Number), values: new Float32Array(texts.length).fill(1) };
    },
  };
}

describe('transformInChunks', () => {
  it('hands over every text once, in order, a chunk at a time, with the index of its first text', () => {
    const texts = Array.from({ length: 2 * CHUNK_ROWS + 5 }, (_, i) => String(i));
    const f = recording();
    const seen: number[] = [];
    const starts: number[] = [];
    transformInChunks(f, texts, (rows, from) => {
      starts.push(from);
      seen.push(...rows.ids);
    });
    expect(starts).toEqual([0, CHUNK_ROWS, 2 * CHUNK_ROWS]);
    expect(f.calls.map((c) => c.length)).toEqual([CHUNK_ROWS, CHUNK_ROWS, 5]);
    expect(seen).toEqual(texts.map(Number));
  });

  it('calls nothing for no texts, and once for fewer than a chunk', () => {
    const f = recording();
    let visits = 0;
    transformInChunks(f, [], () => visits++);
    expect(visits).toBe(0);
    expect(f.calls).toHaveLength(0);
    transformInChunks(f, ['0', '1'], () => visits++);
    expect(visits).toBe(1);
    expect(f.calls).toEqual([['0', '1']]);
  });
});
