import { HEAD_KERNELS_WASM_BASE64 } from './head-kernels-wasm.js';
import type { VectorRows } from './types.js';

/** WebAssembly page size in bytes. */
const PAGE = 65536;
/** The kernels read rows 16 floats at a time: rows are padded with zeros to a multiple of this. */
const LANES = 16;

/** The parts of the WebAssembly API used here (Node has it; the project's type libraries do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface KernelExports {
  memory: WasmMemory;
  logits(x: number, n: number, dim: number, w: number, k: number, out: number): void;
  accumulate(x: number, n: number, dim: number, d: number, k: number, g: number): void;
}

let compiled: object | null = null;
function kernelModule(): object {
  compiled ??= new wasm.Module(Buffer.from(HEAD_KERNELS_WASM_BASE64, 'base64'));
  return compiled;
}

/**
 * The encoder head's dense products on `rows` vectors of `dim` floats and `k` classes, in WebAssembly
 * SIMD (head-kernels.wat): 10 times the plain-JavaScript loops. Each instance owns its memory:
 * the rows, a class-major weight block, logits, logit gradients and a class-major gradient block.
 * Arithmetic is float32 (the vectors are float32 already); callers sum in float64 around it.
 */
export class HeadKernels {
  readonly paddedDim: number;
  /** rows x paddedDim: the vectors, zero padded */
  readonly x: Float32Array;
  /** k x paddedDim: weights, class-major (row c holds class c's kernel column) */
  readonly w: Float32Array;
  /** rows x k: logits without the bias, after `logits()` */
  readonly z: Float32Array;
  /** rows x k: d loss / d logit, set by the caller before `accumulate()` */
  readonly d: Float32Array;
  /** k x paddedDim: sum over rows of d[r][c] * x[r], after `accumulate()` */
  readonly g: Float32Array;
  private readonly exports: KernelExports;
  private readonly at: { x: number; w: number; z: number; d: number; g: number };

  constructor(
    readonly rows: number,
    readonly dim: number,
    readonly k: number,
  ) {
    const pd = (this.paddedDim = Math.ceil(dim / LANES) * LANES);
    const sizes = { x: rows * pd, w: k * pd, z: rows * k, d: rows * k, g: k * pd };
    let offset = 0;
    const at = { x: 0, w: 0, z: 0, d: 0, g: 0 };
    for (const key of ['x', 'w', 'g', 'z', 'd'] as const) {
      at[key] = offset;
      offset += Math.ceil((sizes[key] * 4) / LANES) * LANES; // each block 16-byte aligned
    }
    if (offset > 2 ** 32 - PAGE) throw new Error(`${rows} rows of ${dim} floats do not fit the head kernels' 4 GB memory; fit or score fewer rows at a time`);
    this.exports = new wasm.Instance(kernelModule()).exports as unknown as KernelExports;
    const own = this.exports.memory;
    if (own.buffer.byteLength < offset) own.grow(Math.ceil((offset - own.buffer.byteLength) / PAGE));
    this.at = at;
    const view = (key: keyof typeof at) => new Float32Array(own.buffer, at[key], sizes[key]);
    this.x = view('x');
    this.w = view('w');
    this.z = view('z');
    this.d = view('d');
    this.g = view('g');
  }

  /** Takes a head kernel as Keras lays it out (dim x k, row-major) into w, class-major; the padding stays 0. */
  setWeights(kernel: ArrayLike<number>): void {
    const { dim, k, paddedDim: pd, w } = this;
    for (let i = 0; i < dim; i++) for (let c = 0; c < k; c++) w[c * pd + i] = kernel[i * k + c]!;
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

  /** z[r][c] = x[r] . w[c] for the first `n` rows. */
  logits(n = this.rows): void {
    this.exports.logits(this.at.x, n, this.paddedDim, this.at.w, this.k, this.at.z);
  }

  /** g = d^T x over the first `n` rows (g is cleared first). */
  accumulate(n = this.rows): void {
    this.g.fill(0);
    this.exports.accumulate(this.at.x, n, this.paddedDim, this.at.d, this.k, this.at.g);
  }
}
