import type { CsrRows } from '../dense/types.js';
import { SCORE_KERNELS_WASM_BASE64 } from './score-kernels-wasm.js';
import { align16, growTo, instanceWithTable, WASM_PAGE, wasmInstancePool, type WasmMemory } from '../util/wasm-instances.js';

/** The module's exports (score-kernels.wat documents them). */
interface ScoreKernelExports {
  memory: WasmMemory;
  logits(kernel: number, k: number, offsets: number, ids: number, values: number, n: number, out: number): void;
}

/** Each kernel gets an instance of its own, for as long as its model lives: none is pooled. */
const instances = wasmInstancePool<ScoreKernelExports>(SCORE_KERNELS_WASM_BASE64, 0, 0);

/**
 * A naive Bayes kernel (columns x classes, row-major) in WebAssembly memory, and the logits of sparse rows
 * against it (score-kernels.wat): the same bits as the JavaScript loop `logitsPlain`; scoring takes about half
 * the time it took on a million-row round's kernels. The model keeps no other copy of its kernel: `kernel` is a view.
 */
export class KernelScorer {
  private readonly exports: ScoreKernelExports;
  private readonly columns: number;
  private readonly kernelBytes: number;

  constructor(
    kernel: Float32Array,
    readonly k: number,
  ) {
    const held = instanceWithTable(instances, kernel, k, WASM_PAGE);
    this.exports = held.exports;
    this.kernelBytes = held.tableEnd;
    this.columns = kernel.length / k;
  }

  /** The kernel, as a view of the scorer's memory: read it at once (a later `logits` call may move it). */
  get kernel(): Float32Array {
    return new Float32Array(this.exports.memory.buffer, 0, this.columns * this.k);
  }

  /** The logits of `rows`, rows x k float64 row-major: a view valid until the next call. */
  logits(rows: CsrRows): Float64Array {
    const n = rows.offsets.length - 1;
    const nnz = n > 0 ? rows.offsets[n]! : 0;
    const ids = rows.ids.subarray(0, nnz);
    let least = 0;
    let most = -1;
    for (let p = 0; p < ids.length; p++) {
      const id = ids[p]!;
      if (id > most) most = id;
      if (id < least) least = id;
    }
    // the kernel reads whatever memory a bad column points at: refuse it, as the JavaScript loop's NaN would not
    if (least < 0 || most >= this.columns) throw new RangeError(`a row's column is outside the kernel's 0..${this.columns - 1}`);
    const offsetsAt = this.kernelBytes;
    const idsAt = offsetsAt + align16(4 * (n + 1));
    const valuesAt = idsAt + align16(4 * nnz);
    const outAt = valuesAt + align16(4 * nnz);
    const bytes = outAt + 8 * n * this.k;
    const memory = this.exports.memory;
    growTo(memory, bytes);
    const buffer = memory.buffer;
    new Int32Array(buffer, offsetsAt, n + 1).set(rows.offsets.subarray(0, n + 1));
    new Int32Array(buffer, idsAt, nnz).set(ids);
    new Float32Array(buffer, valuesAt, nnz).set(rows.values.subarray(0, nnz));
    this.exports.logits(0, this.k, offsetsAt, idsAt, valuesAt, n, outAt);
    return new Float64Array(memory.buffer, outAt, n * this.k);
  }
}

/** The loop the kernel replaces (and what a kernel too large for it uses): the logits of `rows` against `kernel`, rows x k float64. */
export function logitsPlain(kernel: Float32Array, k: number, rows: CsrRows): Float64Array {
  const n = rows.offsets.length - 1;
  const out = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    const o = r * k;
    for (let p = rows.offsets[r]!; p < rows.offsets[r + 1]!; p++) {
      const base = rows.ids[p]! * k;
      const v = rows.values[p]!;
      for (let c = 0; c < k; c++) out[o + c] = out[o + c]! + v * kernel[base + c]!;
    }
  }
  return out;
}
