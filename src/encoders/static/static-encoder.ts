import type { TextEncoder } from '../types.js';
import { readStaticFolder, type StaticFolder } from './folder.js';
import { sumRowsPlain, TokenRowSums } from './row-sums.js';
import { MAX_WASM_TABLE_BYTES } from '../../util/wasm-instances.js';

/**
 * The CPU-fast encoder: a text's vector is the mean of its tokens' rows in a static table
 * (unknown pieces left out), L2-normalized when the folder says so. Encoding is tokenizing plus
 * one add per token and component, in WebAssembly (row-sums.ts): about 100,000 headlines a second on one core.
 */
export class StaticEncoder implements TextEncoder {
  readonly kind = 'static';
  readonly name: string;
  readonly contentHash: string;
  readonly dim: number;
  private readonly tokenizer: StaticFolder['tokenizer'];
  private readonly maxTokens: number;
  private readonly normalize: boolean;
  /** the table in WebAssembly memory, which sums a text's token rows; null for a table too large for it */
  private readonly sums: TokenRowSums | null;
  /** the table, kept only where `sums` is null (no second copy of it otherwise) */
  private readonly table: Float32Array | null;
  /** the token ids and the running sum of one text, for a table summed in JavaScript */
  private plainIds = new Int32Array(0);
  private readonly plainAcc: Float64Array;

  /** `maxKernelTableBytes`: a larger table is summed in JavaScript (tests give 0 to run that path). */
  constructor(folder: StaticFolder, maxKernelTableBytes = MAX_WASM_TABLE_BYTES) {
    this.tokenizer = folder.tokenizer;
    this.maxTokens = folder.maxTokens;
    this.normalize = folder.normalize;
    const fits = folder.table.byteLength <= maxKernelTableBytes;
    this.sums = fits ? new TokenRowSums(folder.table, folder.dim) : null;
    this.table = fits ? null : folder.table;
    this.plainAcc = new Float64Array(fits ? 0 : folder.dim);
    this.name = folder.name;
    this.contentHash = folder.contentHash;
    this.dim = folder.dim;
  }

  static async load(dir: string): Promise<StaticEncoder> {
    return new StaticEncoder(await readStaticFolder(dir));
  }

  /** Writes the vector of `text` into out[offset..offset+dim) (which must hold zeros). */
  encodeInto(text: string, out: Float32Array, offset: number): void {
    const { dim, maxTokens, normalize } = this;
    const unk = this.tokenizer.specialIds.unk;
    const ids = this.tokenizer.tokenIds(text);
    const room = Math.min(ids.length, maxTokens);
    const kept = this.sums ? this.sums.idsFor(room) : this.plainIdsFor(room);
    let n = 0;
    for (let t = 0; t < ids.length && n < maxTokens; t++) {
      const id = ids[t]!;
      if (id !== unk) kept[n++] = id;
    }
    if (n === 0) return;
    const acc = this.sums ? this.sums.sum(n) : sumRowsPlain(this.table!, dim, kept, n, this.plainAcc);
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += acc[i]! * acc[i]!;
    const scale = normalize ? (norm > 0 ? 1 / Math.sqrt(norm) : 0) : 1 / n;
    for (let i = 0; i < dim; i++) out[offset + i] = acc[i]! * scale;
  }

  async encode(texts: readonly string[], onProgress?: (done: number) => void): Promise<Float32Array> {
    const out = new Float32Array(texts.length * this.dim);
    for (let i = 0; i < texts.length; i++) {
      this.encodeInto(texts[i]!, out, i * this.dim);
      if ((i + 1) % 50_000 === 0) onProgress?.(i + 1);
    }
    onProgress?.(texts.length);
    return out;
  }

  dispose(): void {}

  private plainIdsFor(count: number): Int32Array {
    if (this.plainIds.length < count) this.plainIds = new Int32Array(count);
    return this.plainIds;
  }
}

