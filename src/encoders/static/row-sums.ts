import { ROW_SUMS_WASM_BASE64 } from './row-sums-wasm.js';
import { align16, WASM_PAGE, wasmInstancePool, type WasmMemory } from '../../util/wasm-instances.js';

/** The module's exports (row-sums.wat documents them). */
interface RowSumsExports {
  memory: WasmMemory;
  sumRows(table: number, dim: number, ids: number, n: number, acc: number): void;
}

/** Each table gets an instance of its own, for as long as its encoder lives: none is pooled. */
const instances = wasmInstancePool<RowSumsExports>(ROW_SUMS_WASM_BASE64, 0, 0);

/** The largest table copied into WebAssembly memory; a larger one is summed in JavaScript (no real static encoder comes near it). */
export const MAX_KERNEL_TABLE_BYTES = 2 ** 31;

/**
 * A static encoder's table in WebAssembly memory, and the float64 sums of token rows over it (row-sums.wat): the
 * same bits as adding the rows one by one in a JavaScript loop (`sumRowsPlain`), in a third to a sixth of its time.
 * Write a text's token ids into `idsFor(count)`, then `sum(n)`.
 */
export class TokenRowSums {
  private readonly exports: RowSumsExports;
  private readonly accAt: number;
  private readonly idsAt: number;
  private capacity = 0;
  private idView = new Int32Array(0);
  private accView = new Float64Array(0);

  constructor(
    table: Float32Array,
    readonly dim: number,
  ) {
    if (!(dim > 0) || table.length % dim !== 0) throw new RangeError(`a table of ${table.length} floats has no rows of ${dim}`);
    if (table.byteLength > MAX_KERNEL_TABLE_BYTES) throw new RangeError(`a table of ${table.byteLength} bytes is over the ${MAX_KERNEL_TABLE_BYTES} the kernel takes`);
    this.accAt = align16(table.byteLength);
    this.idsAt = this.accAt + align16(8 * dim);
    this.capacity = 1024;
    this.exports = instances.take(this.idsAt + 4 * this.capacity).exports;
    new Float32Array(this.exports.memory.buffer, 0, table.length).set(table);
    this.views();
  }

  /** Room for `count` token ids, as a view to write them into: valid until the next call. */
  idsFor(count: number): Int32Array {
    if (count > this.capacity) {
      const bytes = this.idsAt + 4 * count;
      const memory = this.exports.memory;
      if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / WASM_PAGE));
      this.capacity = count;
      this.views();
    }
    return this.idView;
  }

  /** The sums of the rows of the first `n` ids written into `idsFor`'s view (each a row of the table): a view valid until the next call. */
  sum(n: number): Float64Array {
    if (!(n >= 0 && n <= this.capacity)) throw new RangeError(`${n} ids, room for ${this.capacity}`);
    this.exports.sumRows(0, this.dim, this.idsAt, n, this.accAt);
    return this.accView;
  }

  private views(): void {
    const buffer = this.exports.memory.buffer;
    this.idView = new Int32Array(buffer, this.idsAt, this.capacity);
    this.accView = new Float64Array(buffer, this.accAt, this.dim);
  }
}

/** The plain loop the kernel replaces (and what a table too large for it uses): acc = the sum of rows ids[0..n) of `table`, in float64. */
export function sumRowsPlain(table: Float32Array, dim: number, ids: ArrayLike<number>, n: number, acc: Float64Array): Float64Array {
  acc.fill(0);
  for (let t = 0; t < n; t++) addRow(acc, table, (ids[t] as number) * dim, dim);
  return acc;
}

/** acc += table[row..row+dim): a small monomorphic loop V8 keeps optimized. */
function addRow(acc: Float64Array, table: Float32Array, row: number, dim: number): void {
  for (let i = 0; i < dim; i++) acc[i] = acc[i]! + table[row + i]!;
}
