/**
 * The compact int8 form that scripts/device/pack-encoder.mjs writes (docs/gpu.md, "Carrying an
 * encoder"): the project's own loader dequantizes it, so a packed folder runs in `--encoder` too.
 */
import * as tf from '@tensorflow/tfjs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TF } from '../../src/backends/types.js';
import { loadBertWeights, readEncoderFolder } from '../../src/encoders/hf/folder.js';
import { INT8_PER_ROW, QUANTIZATION_KEY, SafetensorsFile, SCALE_SUFFIX, serializeSafetensors, type TensorToWrite } from '../../src/encoders/hf/safetensors.js';
import { loadTransformerEncoder } from '../../src/encoders/transformer/load.js';
// @ts-expect-error: a plain .mjs script, no type declarations
import { quantizeRows } from '../../scripts/lib/safetensors-int8.mjs';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTinyBert } from './helpers/tiny-bert.js';

/** Rewrites a folder's model.safetensors as the pack script does: 2-D F32 tensors as I8 plus per-row scales. */
async function quantizeFolder(dir: string, metadata: Record<string, string> = { [QUANTIZATION_KEY]: INT8_PER_ROW }) {
  const path = join(dir, 'model.safetensors');
  const file = SafetensorsFile.parse(new Uint8Array(await readFile(path)), path);
  const tensors: Record<string, TensorToWrite> = {};
  const quantized: Record<string, { q: Int8Array; scales: Float32Array; cols: number }> = {};
  for (const name of file.names) {
    const { shape } = file.info(name);
    const data = file.float32(name);
    if (shape.length === 2) {
      const [rows, cols] = shape as [number, number];
      const { q, scales } = quantizeRows(data, rows, cols) as { q: Int8Array; scales: Float32Array };
      tensors[name] = { dtype: 'I8', shape, data: q };
      tensors[name + SCALE_SUFFIX] = { dtype: 'F32', shape: [rows], data: scales };
      quantized[name] = { q, scales, cols };
    } else tensors[name] = { dtype: 'F32', shape, data };
  }
  await writeFile(path, serializeSafetensors(tensors, metadata));
  return quantized;
}

const cosine = (a: Float32Array, b: Float32Array, from: number, dim: number) => {
  let dot = 0, na = 0, nb = 0;
  for (let k = from; k < from + dim; k++) {
    dot += a[k]! * b[k]!;
    na += a[k]! ** 2;
    nb += b[k]! ** 2;
  }
  return dot / Math.sqrt(na * nb);
};

describe('int8-per-row encoder weights', () => {
  it('load as q times the row scale, and the encoder gives nearly the fp32 vectors', async () => {
    const fp32 = await writeTinyBert(await tempDir('tiny-bert-fp32-'), { hidden: 16, intermediate: 32 });
    const packed = await writeTinyBert(await tempDir('tiny-bert-int8-'), { hidden: 16, intermediate: 32 });
    const quantized = await quantizeFolder(packed.dir);

    const weights = await loadBertWeights(await readEncoderFolder(packed.dir));
    const word = quantized['embeddings.word_embeddings.weight']!;
    expect(Array.from(weights.word)).toEqual(Array.from(word.q, (q, i) => Math.fround(q * word.scales[Math.floor(i / word.cols)]!)));
    const original = fp32.tensors['encoder.layer.1.intermediate.dense.weight']!;
    const inter = quantized['encoder.layer.1.intermediate.dense.weight']!;
    const worst = Math.max(...Array.from(weights.layers[1]!.inter.w, (v, i) => Math.abs(v - original[i]!) / inter.scales[Math.floor(i / inter.cols)]!));
    expect(worst).toBeLessThanOrEqual(0.5 + 1e-4); // within half a quantization step of the fp32 weight
    expect(Array.from(weights.layers[0]!.q.b)).toEqual(Array.from(fp32.tensors['encoder.layer.0.attention.self.query.bias']!)); // biases stay fp32

    const texts = ['the cat sat on the mat', 'stock market news today', 'big red dogs ran'];
    const opts = { runtime: 'tfjs' as const, tf: tf as unknown as TF };
    const a = await loadTransformerEncoder(fp32.dir, opts);
    const b = await loadTransformerEncoder(packed.dir, opts);
    try {
      const va = await a.encode(texts);
      const vb = await b.encode(texts);
      expect(b.contentHash).not.toBe(a.contentHash);
      for (let r = 0; r < texts.length; r++) expect(cosine(va, vb, r * a.dim, a.dim)).toBeGreaterThan(0.99);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('reads I8 as plain integers without the metadata, and names a scale tensor of the wrong shape', async () => {
    const plain = await writeTinyBert(await tempDir('tiny-bert-i8-'));
    const quantized = await quantizeFolder(plain.dir, {});
    const file = SafetensorsFile.parse(new Uint8Array(await readFile(join(plain.dir, 'model.safetensors'))), 'm');
    const word = quantized['embeddings.word_embeddings.weight']!;
    expect(Array.from(file.float32('embeddings.word_embeddings.weight'))).toEqual(Array.from(word.q));

    const bad = serializeSafetensors(
      { w: { dtype: 'I8', shape: [2, 3], data: Int8Array.of(1, 2, 3, 4, 5, 6) }, [`w${SCALE_SUFFIX}`]: { dtype: 'F32', shape: [3], data: Float32Array.of(1, 1, 1) } },
      { [QUANTIZATION_KEY]: INT8_PER_ROW },
    );
    expect(() => SafetensorsFile.parse(bad, 'bad.safetensors').float32('w')).toThrow(/int8 tensor "w" of shape \[2,3\] needs "w\.__scale__" as F32 of shape \[2\].*found F32 \[3\]/);
    const good = serializeSafetensors(
      { w: { dtype: 'I8', shape: [2, 3], data: Int8Array.of(1, -2, 127, 0, 5, -127) }, [`w${SCALE_SUFFIX}`]: { dtype: 'F32', shape: [2], data: Float32Array.of(0.5, 0.25) } },
      { [QUANTIZATION_KEY]: INT8_PER_ROW },
    );
    expect(Array.from(SafetensorsFile.parse(good, 'good.safetensors').float32('w'))).toEqual([0.5, -1, 63.5, 0, 1.25, -31.75]);
  });
});
