import type { CsrRows } from './types.js';

/**
 * Sparse rows built a row at a time in typed arrays that double as they fill (a number[] of a million
 * entries takes 8 to 16 bytes each on the heap). A row is written straight into `ids` and `values`
 * from `size` on, after `reserve` made room (it may replace both arrays), and closed by `endRow`.
 */
export class CsrBuilder {
  ids = new Int32Array(1024);
  values = new Float32Array(1024);
  /** entries written so far */
  size = 0;
  private readonly offsets: Int32Array;
  private row = 0;

  constructor(rows: number) {
    this.offsets = new Int32Array(rows + 1);
  }

  /** Room for `more` entries past `size`. */
  reserve(more: number): void {
    const need = this.size + more;
    if (need <= this.ids.length) return;
    const cap = Math.max(2 * this.ids.length, need);
    const ids = new Int32Array(cap);
    ids.set(this.ids.subarray(0, this.size));
    const values = new Float32Array(cap);
    values.set(this.values.subarray(0, this.size));
    this.ids = ids;
    this.values = values;
  }

  /** Closes the current row at `size` entries in all. */
  endRow(size: number): void {
    this.size = size;
    this.offsets[++this.row] = size;
  }

  /** The rows, in arrays cut to their length. */
  rows(): CsrRows {
    if (this.row !== this.offsets.length - 1) throw new Error(`${this.row} of ${this.offsets.length - 1} rows were written`);
    return { offsets: this.offsets, ids: this.ids.slice(0, this.size), values: this.values.slice(0, this.size) };
  }
}
