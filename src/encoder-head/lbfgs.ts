/**
 * Limited-memory BFGS for a smooth convex objective (Nocedal and Wright, algorithm 7.4, with a
 * backtracking Armijo line search). Deterministic: no random choice anywhere. Used to fit the
 * encoder head exactly, where mini-batch Adam stops at a noisy point (docs/encoders.md, "The head").
 */
export interface LbfgsOptions {
  /** iterations at most */
  maxIterations: number;
  /** stop when the largest gradient component is at most this */
  gradientTolerance: number;
  /** stop when an iteration lowers the objective by at most this share of it */
  relativeTolerance: number;
  /** correction pairs kept */
  memory: number;
}

export const LBFGS_DEFAULTS: LbfgsOptions = Object.freeze({ maxIterations: 100, gradientTolerance: 1e-6, relativeTolerance: 1e-10, memory: 10 });

/** Objective value at x, with its gradient written into grad. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/** Minimizes f from x0 (left unchanged). */
export function minimizeLbfgs(f: Objective, x0: Float64Array, options: Partial<LbfgsOptions> = {}): LbfgsResult {
  const o = { ...LBFGS_DEFAULTS, ...options };
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  // the last `memory` correction pairs, oldest first: a ring of preallocated vectors, reused
  const ringS = Array.from({ length: o.memory }, () => new Float64Array(n));
  const ringY = Array.from({ length: o.memory }, () => new Float64Array(n));
  const rho = new Float64Array(o.memory);
  let spareS = new Float64Array(n);
  let spareY = new Float64Array(n);
  let first = 0;
  let count = 0;
  const slot = (h: number) => (first + h) % o.memory;
  const alpha = new Float64Array(o.memory);
  const dir = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let iterations = 0;
  while (iterations < o.maxIterations && maxAbs(g) > o.gradientTolerance) {
    iterations++;
    // two-loop recursion: dir = -H g
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    for (let h = count - 1; h >= 0; h--) {
      const j = slot(h);
      const a = rho[j]! * dot(ringS[j]!, dir);
      alpha[h] = a;
      const yh = ringY[j]!;
      for (let i = 0; i < n; i++) dir[i] = dir[i]! - a * yh[i]!;
    }
    let scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
    if (count > 0) {
      const j = slot(count - 1);
      scale = dot(ringS[j]!, ringY[j]!) / dot(ringY[j]!, ringY[j]!);
    }
    for (let i = 0; i < n; i++) dir[i] = dir[i]! * scale;
    for (let h = 0; h < count; h++) {
      const j = slot(h);
      const step = alpha[h]! - rho[j]! * dot(ringY[j]!, dir);
      const sh = ringS[j]!;
      for (let i = 0; i < n; i++) dir[i] = dir[i]! + sh[i]! * step;
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // not a descent direction (rounding): restart from steepest descent
      for (let i = 0; i < n; i++) dir[i] = -g[i]!;
      slope = dot(g, dir);
      count = 0;
    }
    let step = 1;
    let fNew = fx;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * dir[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew <= fx)) break; // no step lowers f: as close as rounding allows
    // the new pair, kept (in the next free slot, or the oldest one's once the ring is full) if its curvature is positive
    for (let i = 0; i < n; i++) {
      spareS[i] = xNew[i]! - x[i]!;
      spareY[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(spareS, spareY);
    if (sy > 1e-12) {
      const j = count < o.memory ? slot(count) : first;
      [ringS[j], spareS] = [spareS, ringS[j]!];
      [ringY[j], spareY] = [spareY, ringY[j]!];
      rho[j] = 1 / sy;
      if (count < o.memory) count++;
      else first = (first + 1) % o.memory;
    }
    const drop = fx - fNew;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    if (drop <= o.relativeTolerance * Math.max(1, Math.abs(fx))) break;
  }
  return { x, value: fx, iterations };
}
