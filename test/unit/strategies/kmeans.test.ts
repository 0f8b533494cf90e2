import { describe, expect, it } from "vitest";
import { kMeans } from "../../../src/strategies/_kmeans.js";
import { createRng } from "../../../src/util/random.js";

function centresOf(points: Float64Array, dim: number, assignment: Int32Array, k: number): Float64Array {
  const sums = new Float64Array(k * dim);
  const sizes = new Int32Array(k);
  assignment.forEach((a, i) => {
    sizes[a] = (sizes[a] ?? 0) + 1;
    for (let j = 0; j < dim; j++) sums[a * dim + j] = (sums[a * dim + j] ?? 0) + (points[i * dim + j] ?? 0);
  });
  return sums.map((s, x) => s / Math.max(1, sizes[Math.floor(x / dim)] ?? 1));
}

const sq = (p: Float64Array, i: number, c: Float64Array, a: number, dim: number): number =>
  Array.from({ length: dim }, (_, j) => ((p[i * dim + j] ?? 0) - (c[a * dim + j] ?? 0)) ** 2).reduce((s, v) => s + v, 0);

describe("kMeans (k-means++ and Lloyd with Hamerly's bounds)", () => {
  it("converges to a Lloyd fixed point: every point is nearest to its own cluster's mean", () => {
    const rng = createRng(11);
    const count = 400;
    const dim = 3;
    const points = Float64Array.from({ length: count * dim }, () => rng.next());
    const { assignment, k, iterations } = kMeans(points, count, dim, 12, createRng(5), 100);
    expect(k).toBe(12);
    expect(iterations).toBeLessThan(100);
    const centres = centresOf(points, dim, assignment, k);
    for (let i = 0; i < count; i++) {
      const own = sq(points, i, centres, assignment[i] ?? 0, dim);
      for (let a = 0; a < k; a++) expect(own).toBeLessThanOrEqual(sq(points, i, centres, a, dim) + 1e-12);
    }
  });

  it("makes no more clusters than there are distinct points", () => {
    const points = Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1, 0, 0]);
    const { assignment, k } = kMeans(points, 5, 2, 4, createRng(1), 10);
    expect(k).toBe(2);
    expect(assignment[0]).toBe(assignment[1]);
    expect(assignment[2]).toBe(assignment[3]);
    expect(assignment[0]).not.toBe(assignment[2]);
  });

  it("is deterministic for the same seed", () => {
    const rng = createRng(2);
    const points = Float64Array.from({ length: 300 }, () => rng.next());
    expect(kMeans(points, 100, 3, 10, createRng(9), 5).assignment).toEqual(kMeans(points, 100, 3, 10, createRng(9), 5).assignment);
  });
});
