import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toFloat16Bits } from '../../src/encoders/static/float16.js';
import { fitPca, projectPca, symmetricEigen } from '../../src/encoders/static/pca.js';
import { distillFolder } from '../../src/encoders/static/distill-folder.js';
import { zipfSifWeights } from '../../src/encoders/static/distill.js';
import { StaticEncoder } from '../../src/encoders/static/static-encoder.js';
import { readStaticFolder } from '../../src/encoders/static/folder.js';
import { loadEncoder } from '../../src/encoders/load.js';
import { readSafetensors } from '../../src/encoders/hf/safetensors-io.js';
import { createRng } from '../../src/util/random.js';
import { tempDir } from '../helpers/temp-dir.js';
import { TINY_VOCAB, writeTinyBert } from './helpers/tiny-bert.js';

describe('float16', () => {
  it('rounds to the nearest half and handles the edges', () => {
    const bits = toFloat16Bits(Float32Array.of(1, -2, 65504, 1e9, 1e-9, 0.1, 6e-5, 0));
    expect(Array.from(bits).map((b) => b.toString(16))).toEqual(['3c00', 'c000', '7bff', '7c00', '0', '2e66', '3ef', '0']);
  });
});

describe('PCA', () => {
  it('finds the eigenvalues of a known symmetric matrix', () => {
    const { values } = symmetricEigen(Float64Array.of(2, 1, 0, 1, 2, 0, 0, 0, 5), 3);
    expect(Array.from(values).sort((a, b) => a - b)).toEqual([expect.closeTo(1, 9), expect.closeTo(3, 9), expect.closeTo(5, 9)]);
  });

  it('puts the direction of most variance first', () => {
    const rng = createRng(3);
    const n = 500;
    const data = new Float32Array(n * 3);
    for (let r = 0; r < n; r++) {
      const t = (rng.next() - 0.5) * 10; // spread along (1, 1, 0) / sqrt(2)
      data.set([t + (rng.next() - 0.5) * 0.1, t + (rng.next() - 0.5) * 0.1, 4 + (rng.next() - 0.5) * 0.1], r * 3);
    }
    const p = fitPca(data, n, 3, 2);
    expect(Math.abs(p.basis[0]!)).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(p.basis[1]!)).toBeCloseTo(Math.SQRT1_2, 2);
    expect(p.variances[0]!).toBeGreaterThan(100 * p.variances[1]!);
    const proj = projectPca(p, data, n);
    let mean = 0;
    for (let r = 0; r < n; r++) mean += proj[r * 2]! / n;
    expect(Math.abs(mean)).toBeLessThan(1e-4); // centered
  });
});

describe('a static encoder distilled from a tiny BERT folder', () => {
  it('writes a model2vec folder whose vectors are the normalized mean of the tokens\' rows', async () => {
    const root = await tempDir('al-static-');
    const bert = await writeTinyBert(join(root, 'bert'), { hidden: 8 });
    const out = join(root, 'static');
    const r = await distillFolder(bert.dir, out, { dims: 4, sifCoefficient: 1e-4, runtime: 'tfjs' });
    expect(r).toMatchObject({ vocab: TINY_VOCAB.length, dims: 4 });
    const cfg = JSON.parse(await readFile(join(out, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(cfg).toMatchObject({ model_type: 'model2vec', normalize: true, hidden_dim: 4 });
    expect(await readFile(join(out, 'NOTICE.md'), 'utf8')).toMatch(/\[CLS\] token \[SEP\]/);
    const table = (await readSafetensors(join(out, 'model.safetensors'))).float32('embeddings');
    expect(table.length).toBe(TINY_VOCAB.length * 4);

    const enc = await loadEncoder(out);
    expect(enc).toBeInstanceOf(StaticEncoder);
    const ids = ['the', 'cat', 'sat'].map((t) => TINY_VOCAB.indexOf(t));
    const want = [0, 1, 2, 3].map((i) => ids.reduce((s, id) => s + table[id * 4 + i]!, 0));
    const norm = Math.hypot(...want);
    const got = await enc!.encode(['The cat sat', 'zzz unknownword']);
    want.forEach((w, i) => expect(got[i]).toBeCloseTo(w / norm, 5));
    expect(Array.from(got.subarray(4, 8))).toEqual([0, 0, 0, 0]); // only unknown pieces: no vector
  });

  it('is deterministic, and its content hash follows the table', async () => {
    const root = await tempDir('al-static-');
    const bert = await writeTinyBert(join(root, 'bert'), { hidden: 8 });
    await distillFolder(bert.dir, join(root, 'a'), { dims: 4, sifCoefficient: 1e-4, runtime: 'tfjs' });
    await distillFolder(bert.dir, join(root, 'b'), { dims: 4, sifCoefficient: 1e-4, runtime: 'tfjs' });
    const a = await StaticEncoder.load(join(root, 'a'));
    const b = await StaticEncoder.load(join(root, 'b'));
    expect(a.contentHash).toBe(b.contentHash);
    const weights = await readFile(join(root, 'b', 'model.safetensors'));
    weights[weights.length - 1] = weights[weights.length - 1]! ^ 1;
    await writeFile(join(root, 'b', 'model.safetensors'), weights);
    expect((await StaticEncoder.load(join(root, 'b'))).contentHash).not.toBe(a.contentHash);
  });

  it('weights frequent (early) vocabulary entries less', () => {
    const w = zipfSifWeights(1000, 1e-4);
    expect(w[0]!).toBeLessThan(w[10]!);
    expect(w[10]!).toBeLessThan(w[999]!);
    expect(w[999]!).toBeLessThan(1);
  });
});

describe('the shipped encoder', () => {
  it('loads as "default" and embeds headlines to unit vectors', async () => {
    const enc = await loadEncoder('default');
    expect(enc?.kind).toBe('static');
    expect(enc!.dim).toBe(256);
    const v = await enc!.encode(['Fed raises rates by a quarter point', 'New Star Wars trailer breaks records']);
    expect(Math.hypot(...v.subarray(0, 256))).toBeCloseTo(1, 4);
    let cos = 0;
    for (let i = 0; i < 256; i++) cos += v[i]! * v[256 + i]!;
    expect(cos).toBeLessThan(0.9);
  });

  it('gives the same bits with its table summed in JavaScript as in WebAssembly, a 2,000-word text included', async () => {
    const folder = await readStaticFolder(join(fileURLToPath(new URL('../../encoders/minilm-l6-static', import.meta.url))));
    const texts = ['Fed raises rates by a quarter point', '', 'zzzqqq', 'Ünïcödé ☃ 日本語 and emoji 🎉', 'word '.repeat(2_000), 'Apple unveils new iPhone; shares rise'];
    const inWasm = await new StaticEncoder(folder).encode(texts);
    const inJs = await new StaticEncoder(folder, 0).encode(texts);
    expect(Buffer.from(inWasm.buffer).equals(Buffer.from(inJs.buffer))).toBe(true);
    expect(inWasm.some((x) => x !== 0)).toBe(true);
  });

  it('refuses a folder that does not exist, and gives nothing for "none"', async () => {
    await expect(loadEncoder('/no/such/encoder')).rejects.toThrow(/no such folder/);
    await expect(loadEncoder('none')).resolves.toBeNull();
  });
});
