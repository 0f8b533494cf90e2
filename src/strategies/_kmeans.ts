import type { Rng } from "../util/random.js";

/**
 * k-means (k-means++ seeding, then a bounded number of Lloyd iterations) over `count` points of `dim`
 * floats, row-major. Pure and seeded: the same points and rng stream give the same clusters.
 *
 * Why k-means rather than a greedy k-center core-set: k-center picks the farthest point each time, so
 * it favours outliers (odd, very short or garbled texts), while k-means++ samples in proportion to
 * squared distance and Lloyd then moves centres into dense regions; one pick per cluster then
 * represents the bulk of the uncertain rows. Both cost one pass over the points per centre to seed;
 * Lloyd's passes after the first are cheap thanks to Hamerly's bounds (see `lloyd`).
 */
export interface Clustering {
  /** cluster index (0..k-1) of every point */
  assignment: Int32Array;
  /** clusters actually made; fewer than asked when there are fewer distinct points */
  k: number;
  /** Lloyd iterations run (stops early once no point moves) */
  iterations: number;
}

export function kMeans(points: Float64Array, count: number, dim: number, k: number, rng: Rng, maxIterations: number): Clustering {
  const assignment = new Int32Array(count);
  if (count === 0 || k <= 0) return { assignment, k: 0, iterations: 0 };
  const centres = new Float64Array(Math.min(k, count) * dim);
  const made = seedPlusPlus(points, count, dim, centres, assignment, rng);
  const iterations = lloyd(points, count, dim, centres.subarray(0, made * dim), made, assignment, maxIterations);
  return { assignment, k: made, iterations };
}

/** k-means++: first centre uniform, each next one with probability ∝ squared distance to the nearest. */
function seedPlusPlus(points: Float64Array, count: number, dim: number, centres: Float64Array, assignment: Int32Array, rng: Rng): number {
  const k = centres.length / dim;
  const nearest = new Float64Array(count).fill(Infinity);
  let c = rng.int(count);
  let made = 0;
  for (;;) {
    centres.set(points.subarray(c * dim, (c + 1) * dim), made * dim);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const d = sqDist(points, i * dim, centres, made * dim, dim, nearest[i] as number);
      if (d < (nearest[i] as number)) {
        nearest[i] = d;
        assignment[i] = made;
      }
      total += nearest[i] as number;
    }
    made++;
    // total 0: every point sits on a centre already, so more centres would be duplicates
    if (made === k || !(total > 0)) return made;
    c = sampleProportional(nearest, total, rng);
  }
}

function sampleProportional(weights: Float64Array, total: number, rng: Rng): number {
  let target = rng.next() * total;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    if (w <= 0) continue;
    last = i;
    target -= w;
    if (target < 0) return i;
  }
  return last; // rounding left a sliver of `target`: the last positive-weight point
}

/**
 * Lloyd iterations with Hamerly's bounds (Hamerly 2010, "Making k-means even faster"): each point keeps
 * an upper bound on the distance to its own centre and a lower bound on the distance to any other.
 * Centres that move by δ loosen the bounds by δ; a point whose upper bound stays below its lower bound
 * cannot change cluster and is skipped. After the first pass most points are skipped, so extra
 * iterations cost little. The result is the same as plain Lloyd's. Returns the iterations run.
 */
function lloyd(points: Float64Array, count: number, dim: number, centres: Float64Array, k: number, assignment: Int32Array, maxIterations: number): number {
  const upper = new Float64Array(count).fill(Infinity);
  const lower = new Float64Array(count); // 0: unknown, so the first pass scans every point
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const moved = updateCentres(points, count, dim, centres, k, assignment);
    let max1 = 0;
    let max2 = 0;
    let argMax = -1;
    moved.forEach((m, a) => {
      if (m > max1) [max2, max1, argMax] = [max1, m, a];
      else if (m > max2) max2 = m;
    });
    let changed = false;
    for (let i = 0; i < count; i++) {
      const own = assignment[i] as number;
      upper[i] = (upper[i] as number) + (moved[own] as number);
      lower[i] = (lower[i] as number) - (own === argMax ? max2 : max1);
      if ((upper[i] as number) <= (lower[i] as number)) continue;
      upper[i] = Math.sqrt(sqDist(points, i * dim, centres, own * dim, dim));
      if ((upper[i] as number) <= (lower[i] as number)) continue;
      if (nearestTwo(points, i, dim, centres, k, assignment, upper, lower)) changed = true;
    }
    if (!changed) return iteration;
  }
  return maxIterations;
}

/**
 * Full scan for point i: nearest centre (ties: it stays, else the lowest index) and the distance to the
 * second nearest. Starting from its own centre gives a tight bound at once, so most other centres are
 * abandoned after a few dimensions. Returns whether the point changed cluster.
 */
function nearestTwo(points: Float64Array, i: number, dim: number, centres: Float64Array, k: number, assignment: Int32Array, upper: Float64Array, lower: Float64Array): boolean {
  const own = assignment[i] as number;
  let best = own;
  let bestD = (upper[i] as number) ** 2;
  let secondD = Infinity;
  for (let a = 0; a < k; a++) {
    if (a === own) continue;
    const d = sqDist(points, i * dim, centres, a * dim, dim, secondD);
    if (d < bestD) {
      secondD = bestD;
      bestD = d;
      best = a;
    } else if (d < secondD) secondD = d;
  }
  assignment[i] = best;
  upper[i] = Math.sqrt(bestD);
  lower[i] = Math.sqrt(secondD);
  return best !== own;
}

/** Centre = mean of its points (a cluster that lost all its points keeps its old one); returns how far each moved. */
function updateCentres(points: Float64Array, count: number, dim: number, centres: Float64Array, k: number, assignment: Int32Array): Float64Array {
  const sums = new Float64Array(k * dim);
  const sizes = new Int32Array(k);
  for (let i = 0; i < count; i++) {
    const a = assignment[i] as number;
    sizes[a] = (sizes[a] as number) + 1;
    for (let j = 0; j < dim; j++) sums[a * dim + j] = (sums[a * dim + j] as number) + (points[i * dim + j] as number);
  }
  const moved = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    const size = sizes[a] as number;
    if (size === 0) continue;
    for (let j = 0; j < dim; j++) sums[a * dim + j] = (sums[a * dim + j] as number) / size;
    moved[a] = Math.sqrt(sqDist(sums, a * dim, centres, a * dim, dim));
    centres.set(sums.subarray(a * dim, (a + 1) * dim), a * dim);
  }
  return moved;
}

/**
 * Squared distance; gives up (returning a partial sum already > `bound`) once the caller can only lose.
 * The check runs every 4 dimensions: a branch per dimension costs more than it saves (measured).
 */
function sqDist(x: Float64Array, xo: number, y: Float64Array, yo: number, dim: number, bound = Infinity): number {
  let d = 0;
  for (let j = 0; j < dim; j++) {
    const t = (x[xo + j] as number) - (y[yo + j] as number);
    d += t * t;
    if ((j & 3) === 3 && d > bound) return d;
  }
  return d;
}
