/**
 * Principal components of row-major data (rows x dim) by the eigenvectors of its covariance
 * (cyclic Jacobi rotations: exact to float64 rounding, and fast enough for the few hundred
 * dimensions of a sentence encoder).
 */
export interface Pca {
  dim: number;
  components: number;
  mean: Float64Array;
  /** components x dim, row-major, by decreasing variance */
  basis: Float64Array;
  /** variance along each component */
  variances: Float64Array;
  /** the data's total variance (the covariance's trace), for the share the components keep */
  totalVariance: number;
}

export function fitPca(data: Float32Array, rows: number, dim: number, components: number): Pca {
  if (components > dim) throw new RangeError(`cannot keep ${components} components of ${dim}-dimensional data`);
  const mean = new Float64Array(dim);
  for (let r = 0; r < rows; r++) for (let i = 0; i < dim; i++) mean[i] = mean[i]! + data[r * dim + i]! / rows;
  const cov = new Float64Array(dim * dim);
  const x = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < dim; i++) x[i] = data[r * dim + i]! - mean[i]!;
    for (let i = 0; i < dim; i++) {
      const xi = x[i]!;
      const row = i * dim;
      for (let j = i; j < dim; j++) cov[row + j] = cov[row + j]! + xi * x[j]!;
    }
  }
  for (let i = 0; i < dim; i++) for (let j = i; j < dim; j++) cov[j * dim + i] = cov[i * dim + j] = cov[i * dim + j]! / Math.max(1, rows - 1);
  const { values, vectors } = symmetricEigen(cov, dim);
  const order = Array.from({ length: dim }, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const basis = new Float64Array(components * dim);
  const variances = new Float64Array(components);
  for (let c = 0; c < components; c++) {
    const k = order[c]!;
    variances[c] = values[k]!;
    // eigenvector k is column k of `vectors`; fix its sign (largest component positive) for reproducible output
    let big = 0;
    for (let i = 0; i < dim; i++) if (Math.abs(vectors[i * dim + k]!) > Math.abs(big)) big = vectors[i * dim + k]!;
    const s = big < 0 ? -1 : 1;
    for (let i = 0; i < dim; i++) basis[c * dim + i] = s * vectors[i * dim + k]!;
  }
  let totalVariance = 0;
  for (let i = 0; i < dim; i++) totalVariance += cov[i * dim + i]!;
  return { dim, components, mean, basis, variances, totalVariance };
}

/** Projects rows onto the components (centered), row-major rows x components. */
export function projectPca(p: Pca, data: Float32Array, rows: number): Float32Array {
  const { dim, components, mean, basis } = p;
  const out = new Float32Array(rows * components);
  const x = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < dim; i++) x[i] = data[r * dim + i]! - mean[i]!;
    for (let c = 0; c < components; c++) {
      let s = 0;
      const o = c * dim;
      for (let i = 0; i < dim; i++) s += basis[o + i]! * x[i]!;
      out[r * components + c] = s;
    }
  }
  return out;
}

/** Eigen-decomposition of a symmetric n x n matrix (row-major; not modified): values and column eigenvectors. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!;
  return { values, vectors: v };
}
