/**
 * Vectors kept compactly: int8 per component with one float32 scale per row (symmetric, per-row
 * absmax). 1,000,000 x 256 vectors take 260 MB instead of 1 GB as float32; a component's error is at
 * most half a step (scale / 2), under 0.4% of the row's largest component.
 */
export class QuantizedVectors {
  readonly values: Int8Array;
  readonly scales: Float32Array;

  constructor(
    readonly rows: number,
    readonly dim: number,
  ) {
    this.values = new Int8Array(rows * dim);
    this.scales = new Float32Array(rows);
  }

  /** Quantizes v[offset..offset+dim) into row r. */
  set(r: number, v: ArrayLike<number>, offset = 0): void {
    const { dim } = this;
    this.scales[r] = quantizeRow(v, offset, dim, this.values.subarray(r * dim, (r + 1) * dim));
  }

  /** Copies an already quantized row (from the cache) into row r. */
  setQuantized(r: number, q: Int8Array, scale: number): void {
    this.values.set(q.subarray(0, this.dim), r * this.dim);
    this.scales[r] = scale;
  }

  /** Row r as float32, times `factor`, into out[0..dim). */
  read(r: number, out: Float32Array, factor = 1): void {
    const { dim } = this;
    const s = this.scales[r]! * factor;
    const o = r * dim;
    for (let i = 0; i < dim; i++) out[i] = this.values[o + i]! * s;
  }
}

/** Quantizes one vector to int8 with its scale (the cache's record form). */
export function quantizeRow(v: ArrayLike<number>, offset: number, dim: number, out: Int8Array): number {
  let max = 0;
  for (let i = 0; i < dim; i++) max = Math.max(max, Math.abs(v[offset + i]!));
  const scale = max / 127;
  for (let i = 0; i < dim; i++) out[i] = scale === 0 ? 0 : Math.round(v[offset + i]! / scale);
  return scale;
}
