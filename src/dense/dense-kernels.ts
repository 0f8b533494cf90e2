import { DENSE_KERNELS_WASM_BASE64 } from './dense-kernels-wasm.js';
import type { AdamSettings } from './adam.js';
import type { CsrRows } from './types.js';
import type { DenseWeights } from './model.js';
import type { Prng } from '../fasttext/prng.js';
import { wasmInstancePool, type WasmMemory } from '../util/wasm-instances.js';

/** The module's exports (dense-kernels.wat documents each). */
interface DenseKernelExports {
  memory: WasmMemory;
  batchRows(
    batch: number, n: number, labels: number, offsets: number, ids: number, values: number,
    w1: number, b1: number, w2: number, b2: number, h: number, c: number,
    pre: number, hid: number, mask: number, p: number, dh: number,
    gB1: number, gW2: number, gB2: number, slotOf: number, touched: number, g: number,
    keep: number, kept: number, scale: number, py: number,
  ): void;
  adamRows(w1: number, m: number, v: number, g: number, slotOf: number, touched: number, h: number, lr: number, beta1: number, beta2: number, omb1: number, omb2: number, eps: number): void;
  resetTouched(): void;
  setRng(state: number): void;
  getRng(): number;
}

/**
 * One released instance is kept for the next fit (a round fits 16 models one after another), unless its
 * memory is over 16 MB (a headline set's fits take about 10 MB): a larger one is left to the garbage
 * collector, as the arrays it replaces were, so a million-row round holds no more memory between fits.
 */
const instances = wasmInstancePool<DenseKernelExports>(DENSE_KERNELS_WASM_BASE64, 1, 16 * 2 ** 20);

/** Where each array lives in an instance's memory (byte offsets). */
type Layout = Record<'offsets' | 'labels' | 'ids' | 'values' | 'w1' | 'm' | 'v' | 'g' | 'slotOf' | 'touched' | 'b1' | 'w2' | 'b2' | 'pre' | 'hid' | 'mask' | 'p' | 'dh' | 'gB1' | 'gW2' | 'gB2' | 'batch' | 'py', number>;

/**
 * The dense model's training passes in WebAssembly SIMD (dense-kernels.wat): the training rows and labels,
 * the first layer's kernel with Adam's moments, the output layer, and every gradient of a batch live in one
 * instance's memory. The weights are the same bits as the plain JavaScript loops give (the kernels do the
 * same float64 operations in the same order, and draw the dropout masks from the caller's generator); those
 * loops are kept in test/dense/reference-trainer.ts, which the tests train beside this.
 *
 * Per batch: `batch(rows, keep, rng)` runs every row's forward and backward pass, leaving the gradients of
 * the first layer's bias and of the output layer in `gB1`, `gW2` and `gB2`; the caller steps `b1` (copying
 * it in afterwards), `w2` and `b2` with its optimizer, then `step(lr)` takes the lazy Adam step on the kernel
 * rows the batch touched. Call `release()` when done, after `kernel()` and `outputLayer()`, and keep no view
 * after that.
 */
export class DenseTrainingKernels {
  /** The first layer's bias, float32 (the caller copies it in after each of its steps). */
  readonly b1: Float32Array;
  /** The output layer's kernel (hidden x labels) and bias, float32, stepped in place by the caller. */
  readonly w2: Float32Array;
  readonly b2: Float32Array;
  /** The batch's gradients of b1, w2 and b2 (float64), filled by `batch`. */
  readonly gB1: Float64Array;
  readonly gW2: Float64Array;
  readonly gB2: Float64Array;
  private readonly mask: Float64Array;
  private readonly batchRows: Int32Array;
  private readonly labelProbability: Float64Array;
  private readonly exports: DenseKernelExports;
  private readonly at: Layout;
  private released = false;

  constructor(
    rows: CsrRows,
    labels: Int32Array,
    weights: DenseWeights,
    private readonly features: number,
    private readonly hiddenUnits: number,
    private readonly numLabels: number,
    private readonly batchSize: number,
    private readonly adam: AdamSettings,
  ) {
    const h = hiddenUnits;
    const c = numLabels;
    const nnz = rows.ids.length;
    const n = rows.offsets.length - 1;
    if (weights.w1.length !== features * h) throw new Error(`a first-layer kernel of ${weights.w1.length} floats is not ${features} x ${h}`);
    if (weights.w2.length !== h * c) throw new Error(`an output kernel of ${weights.w2.length} floats is not ${h} x ${c}`);
    if (labels.length !== n) throw new Error(`${labels.length} labels for ${n} rows`);
    // a batch touches at most batchSize rows' terms, and never more kernel rows than there are
    let widest = 0;
    for (let r = 0; r < n; r++) widest = Math.max(widest, rows.offsets[r + 1]! - rows.offsets[r]!);
    const slots = Math.min(features, batchSize * widest);
    const bytes: Layout = {
      offsets: 4 * (n + 1), labels: 4 * n, ids: 4 * nnz, values: 4 * nnz,
      w1: 4 * features * h, m: 4 * features * h, v: 4 * features * h, g: 8 * slots * h, slotOf: 4 * features, touched: 4 * features,
      b1: 4 * h, w2: 4 * h * c, b2: 4 * c, pre: 8 * h, hid: 8 * h, mask: 8 * h, p: 8 * c, dh: 8 * h,
      gB1: 8 * h, gW2: 8 * h * c, gB2: 8 * c, batch: 4 * batchSize, py: 8 * batchSize,
    };
    let offset = 0;
    const at = {} as Layout;
    for (const key of Object.keys(bytes) as (keyof Layout)[]) {
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
    new Int32Array(buffer, at.offsets, n + 1).set(rows.offsets);
    new Int32Array(buffer, at.labels, n).set(labels);
    new Int32Array(buffer, at.ids, nnz).set(rows.ids);
    new Float32Array(buffer, at.values, nnz).set(rows.values);
    new Float32Array(buffer, at.w1, features * h).set(weights.w1);
    this.b1 = new Float32Array(buffer, at.b1, h);
    this.b1.set(weights.b1);
    this.w2 = new Float32Array(buffer, at.w2, h * c);
    this.w2.set(weights.w2);
    this.b2 = new Float32Array(buffer, at.b2, c);
    this.b2.set(weights.b2);
    this.mask = new Float64Array(buffer, at.mask, h);
    this.gB1 = new Float64Array(buffer, at.gB1, h);
    this.gW2 = new Float64Array(buffer, at.gW2, h * c);
    this.gB2 = new Float64Array(buffer, at.gB2, c);
    this.batchRows = new Int32Array(buffer, at.batch, batchSize);
    this.labelProbability = new Float64Array(buffer, at.py, batchSize);
  }

  /**
   * Forward and backward passes of `rows` (at most the batch size), each row's dropout mask drawn from `rng`
   * where `keep` (1 - dropout) is under 1. Fills the gradients of the batch-mean loss and adds the kernel's
   * gradient rows; returns the batch's summed cross-entropy.
   */
  batch(rows: Int32Array, keep: number, rng: Prng): number {
    const { at, exports } = this;
    if (rows.length > this.batchSize) throw new Error(`a batch of ${rows.length} rows is over the ${this.batchSize} the kernels were laid out for`);
    this.gB1.fill(0);
    this.gW2.fill(0);
    this.gB2.fill(0);
    if (keep >= 1) this.mask.fill(1);
    this.batchRows.set(rows);
    exports.setRng(rng.save());
    exports.batchRows(
      at.batch, rows.length, at.labels, at.offsets, at.ids, at.values,
      at.w1, at.b1, at.w2, at.b2, this.hiddenUnits, this.numLabels,
      at.pre, at.hid, at.mask, at.p, at.dh,
      at.gB1, at.gW2, at.gB2, at.slotOf, at.touched, at.g,
      keep, 1 / keep, 1 / rows.length, at.py,
    );
    rng.restore(exports.getRng());
    let loss = 0;
    for (let k = 0; k < rows.length; k++) loss -= Math.log(Math.max(this.labelProbability[k]!, 1e-12));
    return loss;
  }

  /** The lazy Adam step with step size `lr` (bias corrections included) on the rows the batch touched. */
  step(lr: number): void {
    const { at, adam } = this;
    this.exports.adamRows(at.w1, at.m, at.v, at.g, at.slotOf, at.touched, this.hiddenUnits, lr, adam.beta1, adam.beta2, 1 - adam.beta1, 1 - adam.beta2, adam.eps);
  }

  /** A copy of the first layer's kernel as it stands. */
  kernel(): Float32Array {
    return new Float32Array(this.exports.memory.buffer, this.at.w1, this.features * this.hiddenUnits).slice();
  }

  /** Copies of the output layer's kernel and bias as they stand. */
  outputLayer(): { w2: Float32Array; b2: Float32Array } {
    return { w2: this.w2.slice(), b2: this.b2.slice() };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    instances.release(this.exports);
  }
}
