import { HASH_KERNELS_WASM_BASE64 } from './hash-kernels-wasm.js';
import { wasmInstancePool, type WasmMemory } from '../util/wasm-instances.js';

/** The module's exports (hash-kernels.wat documents each). */
interface HashKernelExports {
  memory: WasmMemory;
  asciiWords(text: number, len: number, ids: number, n: number, ngrams: number, starts: number, mask: number, bounds: number): number;
  charNgrams(text: number, len: number, ids: number, n: number, lo: number, hi: number, size: number, mask: number, word: number): number;
  sortCount(ids: number, n: number, spare: number, bits: number, digits: number, outIds: number, outCounts: number, outCounts16: number, size: number, meta: number): number;
}

/**
 * One instance is kept between texts unless its memory is over 16 MB (texts of about 100,000 characters
 * need that much): a larger one is left to the garbage collector, as WebAssembly memory cannot shrink.
 */
const KEEP_BYTES = 16 * 2 ** 20;
const instances = wasmInstancePool<HashKernelExports>(HASH_KERNELS_WASM_BASE64, 1, KEEP_BYTES);

/** Byte offsets of one text's buffers in an instance's memory, for texts of up to `units` code units and `ids` ids. */
interface Layout {
  units: number;
  ids: number;
  at: { text: number; word: number; bounds: number; starts: number; ids: number; spare: number; outIds: number; outCounts: number; outCounts16: number; digits: number; meta: number };
  bytes: number;
}

/** Word n-gram lengths the WebAssembly word path takes; longer ones go through JavaScript. */
export const MAX_ASCII_NGRAMS = 16;

function layout(units: number, ids: number): Layout {
  const sizes = { text: 2 * units, word: 4 * (units + 2), bounds: 4 * (units + 2), starts: 4 * MAX_ASCII_NGRAMS, ids: 4 * ids, spare: 4 * ids, outIds: 4 * ids, outCounts: 4 * ids, outCounts16: 2 * ids, digits: 4096, meta: 8 };
  const at = {} as Layout['at'];
  let offset = 0;
  for (const key of Object.keys(sizes) as (keyof typeof sizes)[]) {
    at[key] = offset;
    offset += Math.ceil(sizes[key] / 16) * 16;
  }
  return { units, ids, at, bytes: offset };
}

/** The layout a kernel starts with: tweets and headlines fit it, so it is rarely laid out again. */
const FIRST_LAYOUT = layout(1024, 16_384);

/**
 * One text's terms: ascending hashed ids with their counts; word ids come first, from `wordEnd` on
 * characters. Counts are 16-bit where they fit (all but pathological texts), which keeps a run's
 * cache of hashed texts (term-cache.ts) a quarter smaller.
 */
export interface HashedText {
  ids: Int32Array;
  counts: Uint16Array | Float32Array;
  wordEnd: number;
}

/** Terms in arrays of their own: the ids and the counts (of the same type) in one buffer, one allocation instead of two. */
export function copyTerms(t: HashedText): HashedText {
  const m = t.ids.length;
  const wide = t.counts instanceof Float32Array;
  const own = new ArrayBuffer(m * (wide ? 8 : 6));
  const ids = new Int32Array(own, 0, m);
  ids.set(t.ids);
  const counts = wide ? new Float32Array(own, 4 * m, m) : new Uint16Array(own, 4 * m, m);
  counts.set(t.counts);
  return { ids, counts, wordEnd: t.wordEnd };
}

/**
 * A text's hashing in WebAssembly (hash-kernels.wat): `prepare` writes the lowercased text in; the word
 * n-grams come from `asciiWords` for an ASCII text, else the caller writes them (JavaScript's Unicode
 * word pattern); `finish` adds the character n-grams, sorts and counts. The same ids and counts as the
 * JavaScript it replaced (test), in about 55% of its time (docs/benchmarks.md, "Scale").
 */
export class TermHashKernel {
  private layout = FIRST_LAYOUT;
  private exports: HashKernelExports | null = null;
  private buffer: ArrayBuffer | null = null;
  private i32 = new Int32Array(0);
  private u16 = new Uint16Array(0);

  /**
   * Room for `lower` (a lowercased text) with up to `words` word ids and `chars` character ids, and the
   * text written in; returns the i32 view and the index where word ids go (valid until the next call).
   */
  prepare(lower: string, words: number, chars: number): { view: Int32Array; at: number } {
    const units = lower.length;
    const need = words + chars;
    if (!this.exports || units > this.layout.units || need > this.layout.ids) {
      if (this.exports) instances.release(this.exports);
      this.layout = layout(Math.max(units, this.layout.units), Math.max(need, this.layout.ids));
      this.exports = instances.take(this.layout.bytes).exports;
    }
    this.views();
    const text = this.u16;
    const t = this.layout.at.text >> 1;
    for (let i = 0; i < units; i++) text[t + i] = lower.charCodeAt(i);
    return { view: this.i32, at: this.layout.at.ids >> 2 };
  }

  /**
   * The word n-grams of the prepared text, which must be ASCII, for lengths 1..starts.length
   * (at most MAX_ASCII_NGRAMS; `starts[g - 1]` is length g's hash seed); returns the ids' count.
   */
  asciiWords(units: number, starts: Int32Array, hashBits: number): number {
    const exports = this.exports as HashKernelExports;
    const { at } = this.layout;
    if (starts.length > MAX_ASCII_NGRAMS) throw new RangeError(`at most ${MAX_ASCII_NGRAMS} word n-gram lengths, got ${starts.length}`);
    this.i32.set(starts, at.starts >> 2);
    return exports.asciiWords(at.text, units, at.ids, 0, starts.length, at.starts, 2 ** hashBits - 1, at.bounds);
  }

  /**
   * Adds the character n-grams of the prepared text (lengths lo..hi, ids from 2^hashBits on) after the `n`
   * word ids; sorts and counts. `copy` false: the ids and 16-bit counts are views of the kernel's memory,
   * valid only until the next call (no allocation of their own: see TermCache).
   */
  finish(units: number, n: number, lo: number, hi: number, hashBits: number, copy = true): HashedText {
    const exports = this.exports as HashKernelExports;
    const { at } = this.layout;
    const size = 2 ** hashBits;
    if (lo > 0 && hi >= lo) n = exports.charNgrams(at.text, units, at.ids, n, lo, hi, size, size - 1, at.word);
    const m = exports.sortCount(at.ids, n, at.spare, hashBits + 1, at.digits, at.outIds, at.outCounts, at.outCounts16, size, at.meta);
    this.views(); // the kernels never grow memory, but a view must not outlive its buffer
    const most = this.i32[at.meta >> 2]!;
    const wordEnd = this.i32[(at.meta >> 2) + 1]!;
    const buffer = this.buffer as ArrayBuffer;
    // counts past 16 bits (pathological texts only) are widened to float32 in a copy
    const counts = most > 0xffff ? Float32Array.from(new Int32Array(buffer, at.outCounts, m)) : new Uint16Array(buffer, at.outCounts16, m);
    const inKernel = { ids: new Int32Array(buffer, at.outIds, m), counts, wordEnd };
    const terms = copy ? copyTerms(inKernel) : inKernel;
    // a very long text's memory is not kept (views of it keep it alive as long as they live)
    if (this.layout.bytes > KEEP_BYTES) this.drop();
    return terms;
  }

  private drop(): void {
    if (this.exports) instances.release(this.exports);
    this.exports = null;
    this.buffer = null;
    this.layout = FIRST_LAYOUT;
  }

  private views(): void {
    const buffer = (this.exports as HashKernelExports).memory.buffer;
    if (buffer === this.buffer) return;
    this.buffer = buffer;
    this.i32 = new Int32Array(buffer);
    this.u16 = new Uint16Array(buffer);
  }
}
