import { ROW_SUMS_WASM_BASE64 } from './row-sums-wasm.js';
import { align16, growTo, instanceWithTable, wasmInstancePool, type WasmMemory } from '../../util/wasm-instances.js';

/** The module's exports (row-sums.wat documents them). */
interface RowSumsExports {
  memory: WasmMemory;
  sumRows(table: number, dim: number, ids: number, n: number, acc: number): void;
}

/** Each table gets an instance of its own, for as long as its encoder lives: none is pooled. */
const instances = wasmInstancePool<RowSumsExports>(ROW_SUMS_WASM_BASE64, 0, 0);

/** Room for token ids a new instance starts with; a longer text grows it. */
const FIRST_ID_CAPACITY = 1024;

/**
 * A static encoder's table in WebAssembly memory, and the float64 sums of token rows over it (row-sums.wat): the
 * same bits as adding the rows one by one in a JavaScript loop (`sumRowsPlain`), in a third to a sixth of its time.
 * Write a text's token ids into `idsFor(count)`, then `sum(n)`.
 */
export class TokenRowSums {
  private readonly exports: RowSumsExports;
  private readonly accAt: number;
  private readonly idsAt: number;
  private capacity = FIRST_ID_CAPACITY;
  private idView = new Int32Array(0);
  private accView = new Float64Array(0);

  constructor(
    table: Float32Array,
    readonly dim: number,
  ) {
    const accBytes = align16(8 * dim);
    const held = instanceWithTable(instances, table, dim, accBytes + 4 * FIRST_ID_CAPACITY);
    this.exports = held.exports;
    this.accAt = held.tableEnd;
    this.idsAt = this.accAt + accBytes;
    this.views();
  }

  /** Room for `count` token ids, as a view to write them into: valid until the next call. */
  idsFor(count: number): Int32Array {
    if (count > this.capacity) {
      growTo(this.exports.memory, this.idsAt + 4 * count);
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
