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

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/**
 * Minimizes f from x0 (left unchanged). The vector passes are fused: each pass of the two-loop
 * recursion applies one correction pair and takes the dot product the next one needs, the newest
 * pair's s.y and y.y are kept from when it was stored, and one pass forms the new pair with its dot
 * products and the new gradient's largest component. Every sum still runs in index order, so the
 * result is the same, bit for bit, as the textbook loops give.
 */
export function minimizeLbfgs(f: Objective, x0: Float64Array, options: Partial<LbfgsOptions> = {}): LbfgsResult {
  const o = { ...LBFGS_DEFAULTS, ...options };
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  // the last `memory` correction pairs, oldest first: a ring of preallocated vectors, reused, with
  // each pair's 1 / s.y, s.y and y.y
  const ringS = Array.from({ length: o.memory }, () => new Float64Array(n));
  const ringY = Array.from({ length: o.memory }, () => new Float64Array(n));
  const rho = new Float64Array(o.memory);
  const ringSY = new Float64Array(o.memory);
  const ringYY = new Float64Array(o.memory);
  let spareS = new Float64Array(n);
  let spareY = new Float64Array(n);
  let first = 0;
  let count = 0;
  const slot = (h: number) => (first + h) % o.memory;
  const alpha = new Float64Array(o.memory);
  const dir = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let gMax = maxAbs(g);
  let iterations = 0;
  while (iterations < o.maxIterations && gMax > o.gradientTolerance) {
    iterations++;
    // two-loop recursion, dir = -H g, ending with slope = g.dir and xNew = x + dir (the first step tried)
    let slope = 0;
    if (count > 0) {
      // first loop, newest pair to oldest: a_h = rho_h s_h.dir, then dir -= a_h y_h
      let sh = ringS[slot(count - 1)]!;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const v = -g[i]!;
        dir[i] = v;
        s += sh[i]! * v;
      }
      for (let h = count - 1; h > 0; h--) {
        const a = rho[slot(h)]! * s;
        alpha[h] = a;
        const yh = ringY[slot(h)]!;
        sh = ringS[slot(h - 1)]!;
        s = 0;
        for (let i = 0; i < n; i++) {
          const v = dir[i]! - a * yh[i]!;
          dir[i] = v;
          s += sh[i]! * v;
        }
      }
      // the oldest pair's update, then dir *= s.y / y.y of the newest pair, and the second loop's first dot
      const a0 = rho[slot(0)]! * s;
      alpha[0] = a0;
      const newest = slot(count - 1);
      const scale = ringSY[newest]! / ringYY[newest]!;
      let yh = ringY[slot(0)]!;
      s = 0;
      for (let i = 0; i < n; i++) {
        const v = (dir[i]! - a0 * yh[i]!) * scale;
        dir[i] = v;
        s += yh[i]! * v;
      }
      // second loop, oldest pair to newest: dir += s_h (a_h - rho_h y_h.dir); the last pass takes g.dir
      for (let h = 0; h < count; h++) {
        const step = alpha[h]! - rho[slot(h)]! * s;
        const sh = ringS[slot(h)]!;
        s = 0;
        if (h + 1 < count) {
          yh = ringY[slot(h + 1)]!;
          for (let i = 0; i < n; i++) {
            const v = dir[i]! + sh[i]! * step;
            dir[i] = v;
            s += yh[i]! * v;
          }
        } else {
          for (let i = 0; i < n; i++) {
            const v = dir[i]! + sh[i]! * step;
            dir[i] = v;
            s += g[i]! * v;
            xNew[i] = x[i]! + v;
          }
        }
      }
      slope = s;
    } else {
      let gg = 0;
      for (let i = 0; i < n; i++) gg += g[i]! * g[i]!;
      const scale = 1 / Math.max(1, Math.sqrt(gg));
      for (let i = 0; i < n; i++) {
        const v = -g[i]! * scale;
        dir[i] = v;
        slope += g[i]! * v;
        xNew[i] = x[i]! + v;
      }
    }
    if (!(slope < 0)) {
      // not a descent direction (rounding): restart from steepest descent
      slope = 0;
      for (let i = 0; i < n; i++) {
        const v = -g[i]!;
        dir[i] = v;
        slope += g[i]! * v;
        xNew[i] = x[i]! + v;
      }
      count = 0;
    }
    let step = 1;
    let fNew = fx;
    for (let tries = 0; tries < 40; tries++) {
      if (tries > 0) for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * dir[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew <= fx)) break; // no step lowers f: as close as rounding allows
    // the new pair, kept (in the next free slot, or the oldest one's once the ring is full) if its
    // curvature is positive, and the new gradient's largest component
    let sy = 0;
    let yy = 0;
    gMax = 0;
    for (let i = 0; i < n; i++) {
      const sv = xNew[i]! - x[i]!;
      const yv = gNew[i]! - g[i]!;
      spareS[i] = sv;
      spareY[i] = yv;
      sy += sv * yv;
      yy += yv * yv;
      gMax = Math.max(gMax, Math.abs(gNew[i]!));
    }
    if (sy > 1e-12) {
      const j = count < o.memory ? slot(count) : first;
      [ringS[j], spareS] = [spareS, ringS[j]!];
      [ringY[j], spareY] = [spareY, ringY[j]!];
      rho[j] = 1 / sy;
      ringSY[j] = sy;
      ringYY[j] = yy;
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
