import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TF } from '../../src/backends/types.js';
import { GpuFailureError } from '../../src/backends/gpu-errors.js';
import { EXIT } from '../../src/errors.js';
import { loadOrt } from '../../src/encoders/onnx/ort.js';
import { loadTransformerEncoder, type TransformerEncoderOptions } from '../../src/encoders/transformer/load.js';
import { WordPieceTokenizer } from '../../src/encoders/tokenizer/wordpiece.js';
import { tempDir } from '../helpers/temp-dir.js';
import { MPNET_TOKENS, referenceVector, TINY_VOCAB, writeTinyBert, type TinyBertOptions } from './helpers/tiny-bert.js';

const TEXTS = [
  'the cat sat on the mat.',
  'Stock markets fall today, big news!',
  'a dog',
  'the red house in the small market rises',
  'cats ran',
  '',
  'zzz unknown words',
];
const ortLoad = await loadOrt();
const runtimes: { name: 'tfjs' | 'tfjs-padded' | 'onnx'; skip: boolean }[] = [
  { name: 'tfjs', skip: false },
  // TF.js's cpu kernels under the name "webgpu": the runner pads batches to the GPU's few shapes (rows to 32, tokens to 8)
  { name: 'tfjs-padded', skip: false },
  { name: 'onnx', skip: !ortLoad.ok },
];
if (!ortLoad.ok) console.warn('onnx runtime tests skipped: onnxruntime-node is not installed');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tok = WordPieceTokenizer.fromVocab(TINY_VOCAB, { lowercase: true, stripAccents: true });

/** TF.js as it is, except that it says its backend is webgpu. */
const tfCalledWebgpu = new Proxy(tf, { get: (t, key) => (key === 'getBackend' ? () => 'webgpu' : Reflect.get(t, key)) });

function runtimeOpts(name: 'tfjs' | 'tfjs-padded' | 'onnx', extra: TransformerEncoderOptions = {}): TransformerEncoderOptions {
  if (name === 'onnx') return { runtime: 'onnx', threads: 1, ...extra };
  return { runtime: 'tfjs', tf: (name === 'tfjs' ? tf : tfCalledWebgpu) as unknown as TF, ...extra };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe.each(runtimes)('transformer encoder on $name', ({ name, skip }) => {
  const cases: [string, TinyBertOptions][] = [
    ['mean pooling, normalized', {}],
    ['cls pooling, not normalized, "bert." weight prefix', { pooling: 'cls', normalize: false, prefix: 'bert.' }],
    ['max pooling, tokenizer.json, 3 layers, 4 heads', { pooling: 'max', tokenizerJson: true, layers: 3, heads: 4, seed: 3 }],
    ['MPNet: relative attention bias, offset positions, <s> ... </s>', { mpnet: true, seed: 5 }],
    ['MPNet with 4 heads and 3 layers, cls pooling', { mpnet: true, heads: 4, layers: 3, pooling: 'cls', seed: 11 }],
  ];
  /** the reference's ids of a text: BERT's [CLS] ... [SEP] from the plain tokenizer, MPNet's <s> ... </s> */
  const idsOf = (text: string, o: TinyBertOptions): number[] => {
    const ids = Array.from(tok.encode(text, 16));
    if (o.mpnet) [ids[0], ids[ids.length - 1]] = [MPNET_TOKENS.cls, MPNET_TOKENS.sep];
    return ids;
  };

  it.skipIf(skip).each(cases)('matches a float64 reference forward pass (%s)', async (_label, o) => {
    const m = await writeTinyBert(await tempDir('tiny-bert-'), o);
    const enc = await loadTransformerEncoder(m.dir, runtimeOpts(name));
    // 16 tokens, the most the tiny model takes: relative distances up to 15, past MPNet's 8 exact buckets
    const texts = [...TEXTS, 'the big red dog ran on the mat in the small house today, the cat sat in the market'];
    try {
      expect(enc.dim).toBe(8);
      const got = await enc.encode(texts);
      texts.forEach((text, r) => {
        const want = referenceVector(m, idsOf(text, o));
        expect(maxAbsDiff(got.subarray(r * 8, (r + 1) * 8), want)).toBeLessThan(1e-5);
      });
    } finally {
      enc.dispose();
    }
  });

  it.skipIf(skip)('gives a text the same vector alone and in a batch with longer texts, in input order', async () => {
    const m = await writeTinyBert(await tempDir('tiny-bert-'));
    const enc = await loadTransformerEncoder(m.dir, runtimeOpts(name, { batchSize: 4 }));
    try {
      const all = await enc.encode(TEXTS);
      for (let r = 0; r < TEXTS.length; r++) {
        const alone = await enc.encode([TEXTS[r]!]);
        expect(maxAbsDiff(alone, all.subarray(r * 8, (r + 1) * 8))).toBeLessThan(1e-5);
      }
      const reversed = await enc.encode([...TEXTS].reverse());
      expect(maxAbsDiff(reversed.subarray(0, 8), all.subarray((TEXTS.length - 1) * 8))).toBeLessThan(1e-5);
    } finally {
      enc.dispose();
    }
  });

  it.skipIf(skip)('truncates texts to max_seq_length tokens, [CLS] and [SEP] included', async () => {
    const m = await writeTinyBert(await tempDir('tiny-bert-'), { maxSeqLength: 6 });
    const enc = await loadTransformerEncoder(m.dir, runtimeOpts(name));
    try {
      expect(enc.maxLength).toBe(6);
      const [long, prefix] = ['the big red dog ran on the mat in the house', 'the big red dog'];
      const got = await enc.encode([long, prefix]);
      expect(maxAbsDiff(got.subarray(0, 8), got.subarray(8, 16))).toBeLessThan(1e-6);
      expect(maxAbsDiff(got.subarray(0, 8), referenceVector(m, [2, 8, 16, 18, 11, 3]))).toBeLessThan(1e-5);
    } finally {
      enc.dispose();
    }
  });

  it.skipIf(skip)('reports progress per batch and encodes an empty list', async () => {
    const m = await writeTinyBert(await tempDir('tiny-bert-'));
    const enc = await loadTransformerEncoder(m.dir, runtimeOpts(name, { batchSize: 3 }));
    try {
      const seen: number[] = [];
      await enc.encode(TEXTS, (done) => seen.push(done));
      expect(seen).toEqual([3, 6, 7]);
      expect((await enc.encode([])).length).toBe(0);
    } finally {
      enc.dispose();
    }
  });
});

describe('transformer encoder resources', () => {
  it('leaves no TF.js tensors behind after encode and dispose', async () => {
    const m = await writeTinyBert(await tempDir('tiny-bert-'));
    const before = tf.memory().numTensors;
    const enc = await loadTransformerEncoder(m.dir, runtimeOpts('tfjs'));
    await enc.encode(TEXTS);
    enc.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.skipIf(!ortLoad.ok)('agrees between runtimes and hashes the folder content', async () => {
    const m = await writeTinyBert(await tempDir('tiny-bert-'));
    const a = await loadTransformerEncoder(m.dir, runtimeOpts('tfjs'));
    const b = await loadTransformerEncoder(m.dir, runtimeOpts('onnx'));
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.contentHash).toBe(b.contentHash);
    expect(maxAbsDiff(await a.encode(TEXTS), await b.encode(TEXTS))).toBeLessThan(1e-5);
    a.dispose();
    b.dispose();
    const other = await writeTinyBert(await tempDir('tiny-bert-'), { seed: 8 });
    expect((await loadTransformerEncoder(other.dir, runtimeOpts('tfjs'))).contentHash).not.toBe(a.contentHash);
  });

  it('names onnxruntime-node and the env var when the onnx runtime is asked for but missing', async () => {
    const m = await writeTinyBert(await tempDir('tiny-bert-'));
    const importModule = () => Promise.reject(new Error("Cannot find package 'onnxruntime-node'"));
    await expect(loadTransformerEncoder(m.dir, { runtime: 'onnx', importModule })).rejects.toThrow(/ONNXRUNTIME_NODE_INSTALL=skip/);
    const auto = await loadTransformerEncoder(m.dir, { runtime: 'auto', importModule, tf: tf as unknown as TF });
    expect(auto.runtime).toMatch(/TF\.js/);
    auto.dispose();
  });
});

describe('a folder with onnx/model.onnx', () => {
  it.skipIf(!ortLoad.ok)('runs the ONNX file as is, and matches the graph built from the weights', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { buildBertOnnx } = await import('../../src/encoders/onnx/bert-graph.js');
    const { readEncoderFolder, loadBertWeights } = await import('../../src/encoders/hf/folder.js');
    const m = await writeTinyBert(await tempDir('tiny-bert-'));
    const folder = await readEncoderFolder(m.dir);
    await mkdir(join(m.dir, 'onnx'));
    await writeFile(join(m.dir, 'onnx', 'model.onnx'), buildBertOnnx(folder.config, await loadBertWeights(folder)));
    const fromFile = await loadTransformerEncoder(m.dir, runtimeOpts('onnx'));
    const built = await loadTransformerEncoder(m.dir, runtimeOpts('onnx', { preferSafetensors: true }));
    expect(fromFile.runtime).toMatch(/onnx\/model\.onnx/);
    expect(built.runtime).toMatch(/built from model\.safetensors/);
    expect(fromFile.contentHash).not.toBe(folder.contentHash);
    expect(maxAbsDiff(await fromFile.encode(TEXTS), await built.encode(TEXTS))).toBeLessThan(1e-6);
    fromFile.dispose();
    built.dispose();
  });
});

describe('transformer encoder on TF.js: memory', () => {
  it("holds one layer's intermediates at a time, not every layer's", async () => {
    const extraPeak = async (layers: number) => {
      const m = await writeTinyBert(await tempDir('tiny-bert-'), { layers, hidden: 16, intermediate: 64, maxSeqLength: 16 });
      const enc = await loadTransformerEncoder(m.dir, runtimeOpts('tfjs', { batchSize: 64 }));
      try {
        const texts = Array.from({ length: 64 }, (_, i) => `the big red house in the small market ${'rises '.repeat(i % 5)}`);
        const before = tf.memory().numBytes;
        const info = await tf.profile(async () => {
          await enc.encode(texts);
          return [];
        });
        return info.peakBytes - before;
      } finally {
        enc.dispose();
      }
    };
    const one = await extraPeak(1);
    const six = await extraPeak(6);
    expect(six).toBeLessThan(1.5 * one); // all six layers' intermediates alive at once would be about 6 times one
  });
});

describe('transformer encoder on a GPU that fails', () => {
  it('stops with a GPU failure (exit 74) instead of returning the vectors of a batch the device reported an error for', async () => {
    const listeners: ((ev: { error?: { name?: string; message?: string } }) => void)[] = [];
    const device = {
      lost: new Promise<never>(() => undefined),
      addEventListener: (type: string, fn: (ev: { error?: { name?: string; message?: string } }) => void) => {
        if (type === 'uncapturederror') listeners.push(fn);
      },
      removeEventListener: () => undefined,
    };
    // TF.js's cpu kernels, introduced as webgpu with a device that can report errors
    const gpuLike = new Proxy(tf, {
      get: (t, key) => (key === 'getBackend' ? () => 'webgpu' : key === 'backend' ? () => ({ device }) : Reflect.get(t, key)),
    });
    const m = await writeTinyBert(await tempDir('tiny-bert-'));
    const enc = await loadTransformerEncoder(m.dir, { runtime: 'tfjs', tf: gpuLike as unknown as TF });
    try {
      expect(await enc.encode(TEXTS)).toHaveLength(TEXTS.length * 8);
      expect(listeners).toHaveLength(1);
      listeners[0]!({ error: { name: 'GPUOutOfMemoryError', message: 'vkAllocateMemory failed with VK_ERROR_OUT_OF_DEVICE_MEMORY' } });
      const failed = enc.encode(TEXTS);
      failed.catch(() => undefined);
      await expect(failed).rejects.toThrow(GpuFailureError);
      await expect(failed).rejects.toThrow(/the GPU \(webgpu backend\) ran out of memory while encoding a batch of \d+ texts: GPUOutOfMemoryError: vkAllocateMemory failed/);
      await expect(failed).rejects.toMatchObject({ exitCode: EXIT.ioError });
    } finally {
      enc.dispose();
    }
  });
});
