import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashTermsReference } from './reference-hash.js';
import { uciSample } from '../fasttext/helpers.js';
import { hashTerms, NAIVE_BAYES_DEFAULTS, NaiveBayesFeaturizer, TermCache } from '../../src/naive-bayes/index.js';
import { trainNaiveBayes } from '../../src/naive-bayes/train.js';
import type { HashedText } from '../../src/naive-bayes/features.js';
import { HASH_KERNELS_WASM_BASE64 } from '../../src/naive-bayes/hash-kernels-wasm.js';
// @ts-expect-error: a plain .mjs script, no type declarations
import { compileKernels, readKernelSource } from '../../scripts/lib/kernels-source.mjs';

const settings = { ...NAIVE_BAYES_DEFAULTS, hashBits: 16 };
const sameTerms = (a: HashedText, b: HashedText) =>
  a.wordEnd === b.wordEnd && a.counts.constructor === b.counts.constructor && a.ids.length === b.ids.length && a.ids.every((id, i) => id === b.ids[i] && a.counts[i] === b.counts[i]);
const total = (counts: ArrayLike<number>, from = 0, to = counts.length) => Array.from(counts).slice(from, to).reduce((s, n) => s + n, 0);

describe('hashTerms', () => {
  it('counts word 1-2-grams of two or more letters, then character n-grams in a separate id range', () => {
    const t = hashTerms('Fed raises rates, a Fed move', settings);
    // words: fed raises rates fed move (the one-letter "a" is no word) + 4 bigrams; "fed" twice
    expect(total(t.counts, 0, t.wordEnd)).toBe(5 + 4);
    expect(Math.max(...t.counts.subarray(0, t.wordEnd))).toBe(2);
    for (const id of t.ids.subarray(0, t.wordEnd)) expect(id).toBeLessThan(2 ** 16);
    for (const id of t.ids.subarray(t.wordEnd)) expect(id).toBeGreaterThanOrEqual(2 ** 16);
    expect([...t.ids]).toEqual([...t.ids].sort((a, b) => a - b));
    expect(new Set(t.ids).size).toBe(t.ids.length);
    // " a " gives " a", "a " and " a " (2- and 3-grams), and once itself for 4 and 5
    const a = hashTerms('a', settings);
    expect(a.wordEnd).toBe(0);
    expect(total(a.counts)).toBe(2 + 1 + 1 + 1);
  });

  it('is the same for the same text and case-blind', () => {
    expect(hashTerms('Stocks FALL', settings)).toEqual(hashTerms('stocks fall', settings));
    expect(hashTerms('stocks fall', settings)).not.toEqual(hashTerms('fall stocks', settings));
  });

  it('gives the ids and counts of the reference implementation on real headlines and odd texts', () => {
    const odd = ['', '   ', 'a', 'ab', 'x y z', 'Ünïcödé wörds and ΕΛΛΗΝΙΚΆ', 'emoji 😀😀 in 😀 text', 'tabs\tand\nnewlines\r\n', 'loooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooong', 'repeat '.repeat(300), 'a'.repeat(70_000), 'mixed_123 numbers 4567 under_score'];
    const texts = [...odd, ...uciSample().train.texts.slice(0, 2000)];
    for (const st of [settings, { ...settings, wordNgrams: 1, charNgrams: [0, 0] as [number, number] }, { ...settings, charNgrams: [1, 3] as [number, number], hashBits: 8 }])
      for (const t of texts) expect(hashTerms(t, st)).toEqual(hashTermsReference(t, st));
  });

  it('splits words where JavaScript does and sorts ids of every width, as the reference does (its WebAssembly kernel)', () => {
    // every UTF-16 code unit inside a word and between two: the kernel's whitespace test is JavaScript's \s
    const st = { ...settings, wordNgrams: 1 };
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      const text = `ab${ch}cd x${ch}`;
      if (!sameTerms(hashTerms(text, st), hashTermsReference(text, st))) differ.push(c);
    }
    expect(differ).toEqual([]);
    // one radix pass (2-bit ids) to four (31-bit ids); one n-gram length; none (lo > hi)
    const texts = ['Fed raises rates as markets wobble', 'a bb ccc dddd eeeee ffffff', uciSample().train.texts[7]!];
    for (const st2 of [{ ...settings, hashBits: 1 }, { ...settings, hashBits: 30 }, { ...settings, charNgrams: [3, 3] as [number, number] }, { ...settings, charNgrams: [4, 2] as [number, number] }])
      for (const t of texts) expect(hashTerms(t, st2)).toEqual(hashTermsReference(t, st2));
    // word n-grams of ASCII texts come from the kernel up to 16 words long, from JavaScript past that
    const words = ['one two three four', 'a bb c dd__ 9x x9 __', 'Fed raises rates; Ünïcödé wörds stay in JavaScript', uciSample().train.texts.slice(0, 50).join(' ')];
    for (const wordNgrams of [0, 3, 16, 17])
      for (const t of words) expect(hashTerms(t, { ...settings, wordNgrams })).toEqual(hashTermsReference(t, { ...settings, wordNgrams }));
  });

  it('gives the same terms after a text too long for the kept kernel memory, and after that one', () => {
    const long = Array.from({ length: 40_000 }, (_, i) => `w${(i * 7919) % 30_011}`).join(' '); // 16 MB of buffers and more
    const short = 'stocks fall on fed';
    expect(hashTerms(short, settings)).toEqual(hashTermsReference(short, settings));
    expect(hashTerms(long, settings)).toEqual(hashTermsReference(long, settings));
    expect(hashTerms(short, settings)).toEqual(hashTermsReference(short, settings));
  });

  it('is the committed build of hash-kernels.wat (npm run build:kernels)', async () => {
    const wat = readKernelSource(fileURLToPath(new URL('../../src/naive-bayes/hash-kernels.wat', import.meta.url)));
    const bytes = (await compileKernels(wat)) as Buffer;
    expect(Buffer.from(HASH_KERNELS_WASM_BASE64, 'base64').equals(bytes)).toBe(true);
  });

  it('refuses a hash space it cannot index', () => {
    expect(() => hashTerms('x', { ...settings, hashBits: 31 })).toThrow(/hashBits/);
  });
});

describe('NaiveBayesFeaturizer', () => {
  const f = NaiveBayesFeaturizer.fit(['stocks fall on fed', 'film star weds', 'stocks rise'], settings);

  it('keeps only terms seen in training, with unit-norm word and character blocks', () => {
    const rows = f.transform(['stocks fall', 'zzzz qqqq']);
    let words = 0;
    let chars = 0;
    for (let p = rows.offsets[0]!; p < rows.offsets[1]!; p++) {
      const v = rows.values[p]! ** 2;
      if (f.terms[rows.ids[p]!]! < 2 ** 16) words += v;
      else chars += v;
    }
    expect(words).toBeCloseTo(1, 5);
    expect(chars).toBeCloseTo(1, 5);
    expect(rows.offsets[2]! - rows.offsets[1]!).toBe(0); // no word or n-gram of it was seen in training
  });

  it('weighs each term (1 + ln count) x idf, each block scaled to unit length, as float32', () => {
    const text = 'stocks stocks stocks fall fall on';
    const rows = f.transform([text]);
    const t = hashTerms(text, settings);
    for (const [from, to] of [[0, t.wordEnd], [t.wordEnd, t.ids.length]] as const) {
      const want = new Map<number, number>();
      for (let k = from; k < to; k++) {
        const col = f.terms.indexOf(t.ids[k]!);
        if (col >= 0) want.set(col, (1 + Math.log(t.counts[k]!)) * f.idf[col]!);
      }
      const norm = Math.sqrt([...want.values()].reduce((a, v) => a + Math.fround(v) * Math.fround(v), 0));
      for (const [col, v] of want) {
        const p = Array.from(rows.ids.subarray(rows.offsets[0]!, rows.offsets[1]!)).indexOf(col) + rows.offsets[0]!;
        expect(rows.values[p]).toBe(Math.fround(Math.fround(v) / norm));
      }
    }
    expect(Math.max(...t.counts.subarray(0, t.wordEnd))).toBe(3); // 'stocks', three times: the count's logarithm is used
  });

  it('weighs rarer terms more (smooth idf)', () => {
    const rows = f.transform(['stocks weds']);
    const byTerm = new Map<number, number>();
    for (let p = rows.offsets[0]!; p < rows.offsets[1]!; p++) byTerm.set(f.terms[rows.ids[p]!]!, rows.values[p]!);
    const stocks = hashTerms('stocks', settings).ids[0]!;
    const weds = hashTerms('weds', settings).ids[0]!;
    expect(byTerm.get(weds)!).toBeGreaterThan(byTerm.get(stocks)!);
  });
});

describe('TermCache', () => {
  it('gives what hashTerms gives, hashes each text once, and stops keeping texts past its bound', () => {
    // the first headline has 59 distinct ids: 59 x (4 + 2) + 200 bytes kept; the bound leaves room for little more
    const cache = new TermCache(settings, 59 * 6 + 200 + 100);
    const first = cache.get('stocks fall on fed');
    expect(first).toEqual(hashTerms('stocks fall on fed', settings));
    expect(cache.get('stocks fall on fed')).toBe(first);
    const long = 'a much longer headline that will not fit in what is left of the bound';
    const once = cache.get(long);
    expect(once).toEqual(hashTerms(long, settings));
    expect(cache.get(long)).not.toBe(once);
    // texts it does not keep come as views of the hashing kernel's memory; what it keeps is its own
    for (const t of uciSample().train.texts.slice(0, 50)) cache.get(t);
    expect(cache.get('stocks fall on fed')).toEqual(hashTerms('stocks fall on fed', settings));
  });

  it('trains naive Bayes with the same weights whether it keeps every text or none', () => {
    const { texts, labels } = uciSample().train;
    const some = texts.slice(0, 600);
    const numLabels = Math.max(...labels) + 1;
    const params = { ...NAIVE_BAYES_DEFAULTS, hashBits: 16 };
    const allCache = new TermCache(params);
    const noneCache = new TermCache(params, 0);
    const all = trainNaiveBayes(some, labels.subarray(0, 600), numLabels, params, (t) => allCache.get(t));
    const none = trainNaiveBayes(some, labels.subarray(0, 600), numLabels, params, (t) => noneCache.get(t));
    expect(Array.from(none.kernel)).toEqual(Array.from(all.kernel));
    expect(Array.from(none.predictProba(texts.slice(600, 700)))).toEqual(Array.from(all.predictProba(texts.slice(600, 700))));
  });

  it('keeps counts in 16 bits, or in 32-bit floats where a count would not fit', () => {
    const short = hashTerms('stocks stocks fall', settings);
    expect(short.counts).toBeInstanceOf(Uint16Array);
    expect(Array.from(short.counts)).toContain(2);
    const huge = hashTerms(Array.from({ length: 70_000 }, () => 'a').join(' '), settings);
    expect(huge.counts).toBeInstanceOf(Float32Array);
    expect(Math.max(...huge.counts)).toBeGreaterThan(0xffff);
  });
});
