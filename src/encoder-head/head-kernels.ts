import { HEAD_KERNELS_WASM_BASE64 } from './head-kernels-wasm.js';
import type { VectorRows } from './types.js';
import { WASM_PAGE, wasmInstancePool, type WasmMemory } from '../util/wasm-instances.js';

/** The kernels read rows 16 floats at a time: rows are padded with zeros to a multiple of this. */
const LANES = 16;

/** The module's exports (head-kernels.wat documents each). */
export interface KernelExports {
  memory: WasmMemory;
  logits(x: number, n: number, dim: number, w: number, k: number, out: number, s: number): void;
  accumulate(x: number, n: number, dim: number, d: number, k: number, g: number): void;
  softmaxGrad(z: number, n: number, k: number, bias: number, labels: number, d: number, gBias: number, rows: number, e: number): void;
  exp(p: number, n: number): void;
  setParams(params: number, dim: number, k: number, pd: number, w: number): void;
  paramGradient(params: number, g: number, gBias: number, dim: number, k: number, pd: number, l2: number, loss: number, grad: number): number;
  lbDot(a: number, b: number, n: number): number;
  lbNegDot(g: number, s: number, dir: number, n: number): number;
  lbAxpyDot(dir: number, a: number, y: number, s: number, n: number): number;
  lbAxpyScaleDot(dir: number, a: number, y: number, scale: number, n: number): number;
  lbAddDot(dir: number, s: number, step: number, y: number, n: number): number;
  lbAddDotTry(dir: number, s: number, step: number, g: number, x: number, xNew: number, n: number): number;
  lbNegScaleDotTry(g: number, scale: number, dir: number, x: number, xNew: number, n: number): number;
  lbTry(x: number, step: number, dir: number, xNew: number, n: number): void;
  lbPair(xNew: number, x: number, gNew: number, g: number, s: number, y: number, n: number, out: number): void;
  lbMaxAbs(g: number, n: number): number;
}

/** Up to 4 released instances are kept, none with over 64 MB of memory. */
const instances = wasmInstancePool<KernelExports>(HEAD_KERNELS_WASM_BASE64, 4, 64 * 2 ** 20);

/** An instance of the kernel module with at least `bytes` of memory (`WasmInstancePool.take`). */
export function takeKernels(bytes: number): { exports: KernelExports; reused: boolean } {
  return instances.take(bytes);
}

/** Returns an instance from `takeKernels` for reuse. */
export function releaseKernels(exports: KernelExports): void {
  instances.release(exports);
}

/**
 * The encoder head's kernels on `rows` vectors of `dim` floats and `k` classes, in WebAssembly SIMD
 * (head-kernels.wat): the dense products, 10 times the plain-JavaScript loops, and for fitting the
 * softmax cross-entropy with its gradients. Each object has its own memory (an instance of the
 * module, from a pool: call `release()` when done): the rows, a weight block, logits, logit
 * gradients and a class-major gradient block, and for fitting the parameters and their gradient in
 * Keras's layout, labels and per-row softmax sums. The dense products are float32 (the vectors are
 * float32 already); the softmax and all sums around the products are float64.
 */
export class HeadKernels {
  readonly paddedDim: number;
  /** rows x paddedDim: the vectors, zero padded */
  readonly x: Float32Array;
  /**
   * k x paddedDim: the weights as `logits()` reads them (set by `setWeights()` or `setParams()`): the
   * classes in groups of up to 4, each group's kernel columns interleaved by 4-float quarters of each
   * 16-float block (head-kernels.wat, setParams), zero padded
   */
  readonly w: Float32Array;
  /** rows x k: logits without the bias, after `logits()` */
  readonly z: Float32Array;
  /** rows x k: d loss / d logit, set by the caller before `accumulate()` (or by `softmaxGrad()`) */
  readonly d: Float32Array;
  /** k x paddedDim: sum over rows of d[r][c] * x[r], after `accumulate()` */
  readonly g: Float32Array;
  /** dim x k + k: a kernel as Keras lays it out (row-major) then the biases, float64, for `setParams()` and `softmaxGrad()` */
  readonly params: Float64Array;
  /** dim x k + k: the objective's gradient in the params' layout, after `paramGradient()` */
  readonly paramGrad: Float64Array;
  /** rows: each row's class, read by `softmaxGrad()` */
  readonly labels: Int32Array;
  /** k: d loss / d bias (d summed over the rows in float64), after `softmaxGrad()` */
  readonly gBias: Float64Array;
  /** rows x 2: per row, the softmax denominator s and the label's logit less the row's largest, after `softmaxGrad()` */
  readonly rowSums: Float64Array;
  private readonly exports: KernelExports;
  private readonly at: Record<'x' | 'w' | 'z' | 'd' | 'g' | 'params' | 'paramGrad' | 'labels' | 'gBias' | 'rowSums' | 'e' | 's', number>;

  constructor(
    readonly rows: number,
    readonly dim: number,
    readonly k: number,
  ) {
    const pd = (this.paddedDim = Math.ceil(dim / LANES) * LANES);
    const np = dim * k + k;
    // bytes of each block; e is softmaxGrad's scratch, a float64 per row and class (rows rounded up to
    // even), s logits' (16 f32x4)
    const bytes = { x: rows * pd * 4, w: k * pd * 4, g: k * pd * 4, z: rows * k * 4, d: rows * k * 4, params: np * 8, paramGrad: np * 8, gBias: k * 8, e: Math.ceil(rows / 2) * k * 16, rowSums: rows * 16, labels: rows * 4, s: 256 };
    let offset = 0;
    const at = { x: 0, w: 0, z: 0, d: 0, g: 0, params: 0, paramGrad: 0, labels: 0, gBias: 0, rowSums: 0, e: 0, s: 0 };
    for (const key of ['x', 'w', 'g', 'z', 'd', 'params', 'paramGrad', 'gBias', 'e', 'rowSums', 'labels', 's'] as const) {
      at[key] = offset;
      offset += Math.ceil(bytes[key] / LANES) * LANES; // each block 16-byte aligned
    }
    if (offset > 2 ** 32 - WASM_PAGE) throw new Error(`${rows} rows of ${dim} floats do not fit the head kernels' 4 GB memory; fit or score fewer rows at a time`);
    const { exports, reused } = takeKernels(offset);
    this.exports = exports;
    this.at = at;
    const buffer = exports.memory.buffer;
    const f32 = (key: keyof typeof at) => new Float32Array(buffer, at[key], bytes[key] / 4);
    const f64 = (key: keyof typeof at) => new Float64Array(buffer, at[key], bytes[key] / 8);
    this.x = f32('x');
    this.w = f32('w');
    this.z = f32('z');
    this.d = f32('d');
    this.g = f32('g');
    this.params = f64('params');
    this.paramGrad = f64('paramGrad');
    this.gBias = f64('gBias');
    this.rowSums = f64('rowSums');
    this.labels = new Int32Array(buffer, at.labels, rows);
    if (reused && pd > dim) {
      // a pooled memory: zero the padding, which nothing else writes
      for (let r = 0; r < rows; r++) this.x.fill(0, r * pd + dim, (r + 1) * pd);
      this.w.fill(0);
    }
  }

  /** Gives the memory back to the pool; this object and its views must not be used after. */
  release(): void {
    releaseKernels(this.exports);
  }

  /** Takes a head kernel as Keras lays it out (dim x k, row-major) into w, by way of `params`; the padding stays 0. */
  setWeights(kernel: ArrayLike<number>): void {
    this.params.set(kernel);
    this.setParams();
  }

  /** w from the kernel part of `params` (float64, rounded to float32, in the layout `logits()` reads). */
  setParams(): void {
    this.exports.setParams(this.at.params, this.dim, this.k, this.paddedDim, this.at.w);
  }

  /**
   * paramGrad = the gradient of loss + l2 |kernel|^2 from g (after `accumulate()`) and gBias (after
   * `softmaxGrad()`), with the kernel part of `params`; returns loss + l2 |kernel|^2 (float64, summed
   * in the params' order).
   */
  paramGradient(loss: number, l2: number): number {
    const { at } = this;
    return this.exports.paramGradient(at.params, at.g, at.gBias, this.dim, this.k, this.paddedDim, l2, loss, at.paramGrad);
  }

  /** Copies rows [from, from + count) of `source` into rows 0..count of x (count at most `rows`). */
  loadRows(source: VectorRows, from = 0, count = this.rows): void {
    if (source.dim !== this.dim) throw new Error(`vectors of ${source.dim} dimensions for kernels of ${this.dim}`);
    const v = new Float32Array(this.dim);
    for (let r = 0; r < count; r++) {
      source.read(from + r, v);
      this.x.set(v, r * this.paddedDim);
    }
  }

  /** z[r][c] = x[r] . (class c's weights) for the first `n` rows. */
  logits(n = this.rows): void {
    this.exports.logits(this.at.x, n, this.paddedDim, this.at.w, this.k, this.at.z, this.at.s);
  }

  /**
   * The mean softmax cross-entropy's logit gradients for the first `n` rows, from the logits z (after
   * `logits(n)`), the biases in `params` and `labels`: with v = z[r] + bias, d[r][c] =
   * (softmax(v)[c] - [c = label]) / n (float32), gBias = d summed over the rows, and rowSums set. All
   * float64 up to d's rounding, exp by fdlibm's algorithm (Math.exp's in V8, the same bits): the plain
   * JavaScript loop's results. Returns the summed cross-entropy, log(s) - (v[label] - max v) summed
   * over the rows in order.
   */
  softmaxGrad(n = this.rows): number {
    const { at } = this;
    this.exports.softmaxGrad(at.z, n, this.k, at.params + this.dim * this.k * 8, at.labels, at.d, at.gBias, at.rowSums, at.e);
    const s = this.rowSums;
    let loss = 0;
    for (let r = 0; r < 2 * n; r += 2) loss += Math.log(s[r]!) - s[r + 1]!;
    return loss;
  }

  /** g = d^T x over the first `n` rows (g is cleared first). */
  accumulate(n = this.rows): void {
    this.g.fill(0);
    this.exports.accumulate(this.at.x, n, this.paddedDim, this.at.d, this.k, this.at.g);
  }
}
