import { DENSE_KERNELS_WASM_BASE64 } from './dense-kernels-wasm.js';
import type { AdamSettings } from './adam.js';
import type { CsrRows } from './types.js';
import { wasmInstancePool, type WasmMemory } from '../util/wasm-instances.js';

/** The module's exports (dense-kernels.wat documents each). */
interface DenseKernelExports {
  memory: WasmMemory;
  hidden(b1: number, w1: number, ids: number, values: number, from: number, to: number, h: number, out: number): void;
  accumulate(ids: number, values: number, from: number, to: number, h: number, dh: number, slotOf: number, touched: number, g: number): void;
  adamRows(w1: number, m: number, v: number, g: number, slotOf: number, touched: number, h: number, lr: number, beta1: number, beta2: number, omb1: number, omb2: number, eps: number): void;
  resetTouched(): void;
}

/**
 * One released instance is kept for the next fit (a round fits 16 models one after another), unless its
 * memory is over 16 MB (a headline set's fits take about 10 MB): a larger one is left to the garbage
 * collector, as the arrays it replaces were, so a million-row round holds no more memory between fits.
 */
const instances = wasmInstancePool<DenseKernelExports>(DENSE_KERNELS_WASM_BASE64, 1, 16 * 2 ** 20);

/**
 * The dense model's first layer while it trains, in WebAssembly SIMD (dense-kernels.wat): its kernel
 * (features x hidden float32) with Adam's moments, the training rows, and the gradient rows of a batch live
 * in one instance's memory. The weights are the same bits as the plain JavaScript loops give (the kernels
 * do the same float64 operations in the same order); those loops' arithmetic is kept in
 * test/dense/reference-trainer.ts, which the tests train beside this.
 *
 * Per row: `hidden(r)` fills `pre` with the hidden pre-activations (bias from `b1`, which the caller keeps
 * up to date); the caller writes the gradient at the hidden layer into `dh` and calls `accumulate(r)`;
 * once per batch `step(lr)` takes the lazy Adam step on the kernel rows the batch touched. Call
 * `release()` when done, after `kernel()`, and keep no view after that.
 */
export class DenseFirstLayerTrainer {
  /** The first layer's bias, float32 (the caller copies it in after each of its steps). */
  readonly b1: Float32Array;
  /** Hidden pre-activations of the last `hidden(r)`. */
  readonly pre: Float64Array;
  /** The loss gradient at the hidden layer, for `accumulate(r)`. */
  readonly dh: Float64Array;
  private readonly exports: DenseKernelExports;
  private readonly at: { ids: number; values: number; w1: number; m: number; v: number; g: number; slotOf: number; touched: number; b1: number; pre: number; dh: number };
  private released = false;

  constructor(
    private readonly rows: CsrRows,
    kernel: Float32Array,
    private readonly features: number,
    private readonly hiddenUnits: number,
    batchSize: number,
    private readonly adam: AdamSettings,
  ) {
    const h = hiddenUnits;
    const nnz = rows.ids.length;
    if (kernel.length !== features * h) throw new Error(`a first-layer kernel of ${kernel.length} floats is not ${features} x ${h}`);
    // a batch touches at most batchSize rows' terms, and never more kernel rows than there are
    let widest = 0;
    for (let r = 0; r + 1 < rows.offsets.length; r++) widest = Math.max(widest, rows.offsets[r + 1]! - rows.offsets[r]!);
    const slots = Math.min(features, batchSize * widest);
    const bytes = { ids: 4 * nnz, values: 4 * nnz, w1: 4 * features * h, m: 4 * features * h, v: 4 * features * h, g: 8 * slots * h, slotOf: 4 * features, touched: 4 * features, b1: 4 * h, pre: 8 * h, dh: 8 * h };
    let offset = 0;
    const at = {} as Record<keyof typeof bytes, number>;
    for (const key of Object.keys(bytes) as (keyof typeof bytes)[]) {
      at[key] = offset;
      offset += Math.ceil(bytes[key] / 16) * 16;
    }
    const { exports, reused } = instances.take(offset);
    this.exports = exports;
    this.at = at;
    const { buffer } = exports.memory;
    // a reused instance holds its last user's values: the moments, gradients and slots start at zero
    if (reused) {
      new Uint8Array(buffer, at.m, at.g - at.m).fill(0);
      new Uint8Array(buffer, at.g, at.touched - at.g).fill(0);
      exports.resetTouched();
    }
    new Int32Array(buffer, at.ids, nnz).set(rows.ids);
    new Float32Array(buffer, at.values, nnz).set(rows.values);
    new Float32Array(buffer, at.w1, features * h).set(kernel);
    this.b1 = new Float32Array(buffer, at.b1, h);
    this.pre = new Float64Array(buffer, at.pre, h);
    this.dh = new Float64Array(buffer, at.dh, h);
  }

  /** `pre` = b1 + row r's terms through the kernel. */
  hidden(r: number): void {
    const { at } = this;
    this.exports.hidden(at.b1, at.w1, at.ids, at.values, this.rows.offsets[r]!, this.rows.offsets[r + 1]!, this.hiddenUnits, at.pre);
  }

  /** Adds row r's kernel gradient (its terms times `dh`) to the batch's gradient rows. */
  accumulate(r: number): void {
    const { at } = this;
    this.exports.accumulate(at.ids, at.values, this.rows.offsets[r]!, this.rows.offsets[r + 1]!, this.hiddenUnits, at.dh, at.slotOf, at.touched, at.g);
  }

  /** The lazy Adam step with step size `lr` (bias corrections included) on the rows the batch touched. */
  step(lr: number): void {
    const { at, adam } = this;
    this.exports.adamRows(at.w1, at.m, at.v, at.g, at.slotOf, at.touched, this.hiddenUnits, lr, adam.beta1, adam.beta2, 1 - adam.beta1, 1 - adam.beta2, adam.eps);
  }

  /** A copy of the kernel as it stands. */
  kernel(): Float32Array {
    return new Float32Array(this.exports.memory.buffer, this.at.w1, this.features * this.hiddenUnits).slice();
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    instances.release(this.exports);
  }
}
