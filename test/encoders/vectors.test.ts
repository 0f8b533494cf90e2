import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuantizedVectors } from '../../src/encoders/quantized-vectors.js';
import { VectorCache } from '../../src/encoders/vector-cache.js';
import { encodeTexts } from '../../src/encoders/text-vectors.js';
import { defaultCacheDir, encoderCacheDir } from '../../src/encoders/cache-dir.js';
import type { TextEncoder } from '../../src/encoders/types.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A deterministic fake encoder that counts the texts it is asked to encode. */
function countingEncoder(dim = 4, hash = 'f'.repeat(64)): TextEncoder & { calls: string[] } {
  const calls: string[] = [];
  return {
    kind: 'transformer', name: 'fake', contentHash: hash, dim, calls,
    async encode(texts) {
      calls.push(...texts);
      const out = new Float32Array(texts.length * dim);
      texts.forEach((t, r) => {
        for (let i = 0; i < dim; i++) out[r * dim + i] = Math.sin(t.length + i * 0.7 + t.charCodeAt(0));
      });
      return out;
    },
    dispose() {},
  };
}

describe('int8 vectors', () => {
  it('keep every component within half a quantization step', () => {
    const q = new QuantizedVectors(2, 5);
    const v = [0.5, -0.25, 0.125, 0, -0.9];
    q.set(1, v);
    const out = new Float32Array(5);
    q.read(1, out);
    const step = 0.9 / 127;
    v.forEach((x, i) => expect(Math.abs(out[i]! - x)).toBeLessThanOrEqual(step / 2 + 1e-7));
    q.read(0, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('the vector cache', () => {
  it('encodes each distinct text once, and a second run reads every vector from the cache', async () => {
    const dir = await tempDir('al-cache-');
    const texts = ['a cat', 'a dog', 'a cat', 'the market fell'];
    const enc = countingEncoder();
    const first = await encodeTexts(enc, texts, { cache: await VectorCache.open(dir, enc.contentHash, enc.dim), batch: 2 });
    expect(enc.calls).toEqual(['a cat', 'a dog', 'the market fell']);
    const again = countingEncoder();
    const progress: number[] = [];
    const second = await encodeTexts(again, texts, { cache: await VectorCache.open(dir, again.contentHash, again.dim), onProgress: (_d, _t, fromCache) => progress.push(fromCache) });
    expect(again.calls).toEqual([]);
    expect(progress[0]).toBe(3);
    expect(Array.from(second.dense(texts).data)).toEqual(Array.from(first.dense(texts).data));
  });

  it('skips a record torn by a kill and encodes that text again', async () => {
    const dir = await tempDir('al-cache-');
    const enc = countingEncoder();
    await encodeTexts(enc, ['one', 'two'], { cache: await VectorCache.open(dir, enc.contentHash, enc.dim) });
    const folder = encoderCacheDir(dir, enc.contentHash);
    const [bin] = (await readdir(folder)).filter((n) => n.endsWith('.bin'));
    const bytes = await readFile(join(folder, bin!));
    await writeFile(join(folder, bin!), bytes.subarray(0, bytes.length - 3)); // the second record loses its tail
    const again = countingEncoder();
    await encodeTexts(again, ['one', 'two'], { cache: await VectorCache.open(dir, enc.contentHash, enc.dim) });
    expect(again.calls).toEqual(['two']);
  });

  it("keeps each of the encoder's batches as it finishes: a failure late in a call loses only the batch in flight", async () => {
    const dir = await tempDir('al-cache-');
    const texts = ['t1', 't2', 't3', 't4', 't5', 't6', 't7'];
    // encodes in batches of 2 and dies in the third, as a kill would, after reporting the first two
    const dying: TextEncoder = {
      ...countingEncoder(),
      async encode(batch, onProgress, onVectors) {
        const inner = countingEncoder();
        for (let s = 0; s < batch.length; s += 2) {
          if (s === 4) throw new Error('killed');
          const at = [s, s + 1].filter((i) => i < batch.length);
          onVectors?.(at, await inner.encode(at.map((i) => batch[i]!)));
          onProgress?.(s + at.length);
        }
        return inner.encode(batch);
      },
    };
    const progress: number[] = [];
    await expect(
      encodeTexts(dying, texts, { cache: await VectorCache.open(dir, dying.contentHash, 4), onProgress: (done) => progress.push(done) }),
    ).rejects.toThrow(/killed/);
    expect(progress).toEqual([0, 2, 4]);
    const again = countingEncoder();
    const resumed = await encodeTexts(again, texts, { cache: await VectorCache.open(dir, again.contentHash, 4) });
    expect(again.calls).toEqual(['t5', 't6', 't7']);
    // the kept vectors are those a run without the failure gives
    const whole = await encodeTexts(countingEncoder(), texts, { cache: null });
    expect(Array.from(resumed.dense(texts).data)).toEqual(Array.from(whole.dense(texts).data));
  });

  it('keeps encoders apart and refuses a folder made for other vectors', async () => {
    const dir = await tempDir('al-cache-');
    const a = countingEncoder(4, 'a'.repeat(64));
    await encodeTexts(a, ['x'], { cache: await VectorCache.open(dir, a.contentHash, 4) });
    const b = countingEncoder(4, 'b'.repeat(64));
    await encodeTexts(b, ['x'], { cache: await VectorCache.open(dir, b.contentHash, 4) });
    expect(b.calls).toEqual(['x']);
    await expect(VectorCache.open(dir, a.contentHash, 8)).rejects.toThrow(/describes 4-dimensional vectors/);
    await appendFile(join(encoderCacheDir(dir, a.contentHash), 'junk.txt'), 'not a cache file');
    await expect(VectorCache.open(dir, a.contentHash, 4)).resolves.toBeDefined();
  });

  it('refuses texts that were never encoded', async () => {
    const v = await encodeTexts(countingEncoder(), ['known'], { cache: null });
    expect(() => v.rowsOf(['unknown'])).toThrow(/no vector for text "unknown"/);
  });
});

describe('the default cache folder', () => {
  it('follows each platform and AL_LABEL_CACHE_DIR', () => {
    expect(defaultCacheDir({ AL_LABEL_CACHE_DIR: '/c' }, 'linux', '/home/u')).toBe('/c');
    expect(defaultCacheDir({}, 'linux', '/home/u')).toBe('/home/u/.cache/al-label');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/al-label');
    expect(defaultCacheDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/al-label');
    expect(defaultCacheDir({ LOCALAPPDATA: 'C:/L' }, 'win32', 'C:/Users/u')).toMatch(/C:\/L[\\/]al-label[\\/]Cache/);
  });
});
