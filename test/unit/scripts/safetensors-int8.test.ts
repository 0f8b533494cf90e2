import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, no type declarations
import { buildSafetensors, parseSafetensors, quantizeRows, readFloatTensors, SCALE_SUFFIX, shouldQuantize } from '../../../scripts/lib/safetensors-int8.mjs';
// @ts-expect-error: a plain .mjs script, no type declarations
import { wordPieceTokenizer } from '../../../scripts/lib/bert-lite.mjs';

const bytes = (a: Float32Array) => new Uint8Array(a.buffer);

describe('int8 per-row safetensors (scripts/device/pack-encoder.mjs)', () => {
  it('quantizes each row with its own scale and reads back within half a step', async () => {
    const w = Float32Array.from({ length: 4 * 1024 }, (_, i) => Math.sin(i) * (1 + Math.floor(i / 1024)));
    const { q, scales } = quantizeRows(w, 4, 1024) as { q: Int8Array; scales: Float32Array };
    expect(Array.from(scales as Float32Array, (s: number) => +(s * 127).toFixed(3))).toEqual([1, 2, 3, 4].map((r) => +Math.max(...w.subarray((r - 1) * 1024, r * 1024).map(Math.abs)).toFixed(3)));
    const bias = Float32Array.of(1, 2, 3);
    const file = buildSafetensors(
      [
        ['layer.weight', { dtype: 'I8', shape: [4, 1024], bytes: new Uint8Array(q.buffer) }],
        [`layer.weight${SCALE_SUFFIX}`, { dtype: 'F32', shape: [4], bytes: bytes(scales) }],
        ['layer.bias', { dtype: 'F32', shape: [3], bytes: bytes(bias) }],
      ],
      { 'al-label.quantization': 'int8-per-row' },
    );
    expect(Number(file.readBigUInt64LE(0)) % 8).toBe(0);
    expect(parseSafetensors(file).metadata).toMatchObject({ 'al-label.quantization': 'int8-per-row' });
    const dir = await mkdtemp(join(tmpdir(), 'al-label-st-'));
    try {
      await writeFile(join(dir, 'model.safetensors'), file);
      const got = (await readFloatTensors(join(dir, 'model.safetensors'))) as Map<string, { data: Float32Array }>;
      expect([...got.keys()].sort()).toEqual(['layer.bias', 'layer.weight']);
      expect(Array.from(got.get('layer.bias')!.data)).toEqual([1, 2, 3]);
      const back = got.get('layer.weight')!.data;
      for (let i = 0; i < w.length; i++) expect(Math.abs(back[i]! - w[i]!)).toBeLessThanOrEqual(scales[Math.floor(i / 1024)]! / 2 + 1e-6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(shouldQuantize({ dtype: 'F32', shape: [384] })).toBe(false);
    expect(shouldQuantize({ dtype: 'F32', shape: [30522, 384] })).toBe(true);
  });
});

describe("bert-lite's WordPiece tokenizer", () => {
  it('lowercases, strips accents, splits punctuation and pieces words greedily', () => {
    const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'cafe', 'owner', '##s', "'", 'up', '5', '%', '!', ':', 'profit'].join('\n');
    const tok = wordPieceTokenizer(vocab);
    expect(tok.encode("Café owners' profits: up 5%!", 128)).toEqual([2, 4, 5, 6, 7, 13, 6, 12, 8, 9, 10, 11, 3]);
    expect(tok.encode('zzz', 128)).toEqual([2, 1, 3]);
    expect(tok.encode('up up up up', 4)).toEqual([2, 8, 8, 3]);
  });
});
