import { releaseKernels, takeKernels, type KernelExports } from './head-kernels.js';

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

/**
 * Minimizes f from x0 (left unchanged). The vectors live in a WebAssembly instance's memory (f gets
 * views of x and the gradient there), and the vector passes run in its kernels (head-kernels.wat),
 * fused: each pass of the two-loop recursion applies one correction pair and takes the dot product
 * the next one needs, the newest pair's s.y and y.y are kept from when it was stored, and one pass
 * forms the new pair with its dot products and the new gradient's largest component. Every dot
 * product is still summed in index order in one float64, and nothing is fused into a multiply-add,
 * so the path is the same, bit for bit, as the textbook loops in JavaScript give.
 */
export function minimizeLbfgs(f: Objective, x0: Float64Array, options: Partial<LbfgsOptions> = {}): LbfgsResult {
  const o = { ...LBFGS_DEFAULTS, ...options };
  // every vector is n float64 padded with a zero to an even count (the kernels take two at a time);
  // slots: x, g, xNew, gNew, dir, a spare pair and the ring of `memory` pairs, then 3 float64 of results
  const vec = (x0.length + (x0.length % 2)) * 8;
  const { exports: kern } = takeKernels((7 + 2 * o.memory) * vec + 32);
  try {
    return run(f, x0, o, kern, vec);
  } finally {
    releaseKernels(kern);
  }
}

function run(f: Objective, x0: Float64Array, o: LbfgsOptions, kern: KernelExports, vec: number): LbfgsResult {
  const n = x0.length;
  const np = vec / 8;
  const m = o.memory;
  const buffer = kern.memory.buffer;
  // a pooled memory holds old values: zero each vector's padding, which the passes read
  if (np > n) {
    const all = new Float64Array(buffer);
    for (let slot = 0; slot < 7 + 2 * m; slot++) all[slot * np + n] = 0;
  }
  const view = (at: number) => new Float64Array(buffer, at, n);
  let x = 0;
  let g = vec;
  let xNew = 2 * vec;
  let gNew = 3 * vec;
  const dir = 4 * vec;
  let spareS = 5 * vec;
  let spareY = 6 * vec;
  // the last `memory` correction pairs, oldest first: a ring of vectors, reused, with each pair's
  // 1 / s.y, s.y and y.y
  const ringS = Array.from({ length: m }, (_, h) => (7 + h) * vec);
  const ringY = Array.from({ length: m }, (_, h) => (7 + m + h) * vec);
  const out = (7 + 2 * m) * vec;
  const results = new Float64Array(buffer, out, 3);
  const views = new Map([x, g, xNew, gNew].map((at) => [at, view(at)]));
  const rho = new Float64Array(m);
  const ringSY = new Float64Array(m);
  const ringYY = new Float64Array(m);
  let first = 0;
  let count = 0;
  const slot = (h: number) => (first + h) % m;
  const alpha = new Float64Array(m);
  views.get(x)!.set(x0);
  let fx = f(views.get(x)!, views.get(g)!);
  let gMax = kern.lbMaxAbs(g, np);
  let iterations = 0;
  while (iterations < o.maxIterations && gMax > o.gradientTolerance) {
    iterations++;
    // two-loop recursion, dir = -H g, ending with slope = g.dir and xNew = x + dir (the first step tried)
    let slope: number;
    if (count > 0) {
      // first loop, newest pair to oldest: a_h = rho_h s_h.dir, then dir -= a_h y_h
      let s = kern.lbNegDot(g, ringS[slot(count - 1)]!, dir, np);
      for (let h = count - 1; h > 0; h--) {
        const a = rho[slot(h)]! * s;
        alpha[h] = a;
        s = kern.lbAxpyDot(dir, a, ringY[slot(h)]!, ringS[slot(h - 1)]!, np);
      }
      // the oldest pair's update, then dir *= s.y / y.y of the newest pair, and the second loop's first dot
      const a0 = rho[slot(0)]! * s;
      alpha[0] = a0;
      const newest = slot(count - 1);
      s = kern.lbAxpyScaleDot(dir, a0, ringY[slot(0)]!, ringSY[newest]! / ringYY[newest]!, np);
      // second loop, oldest pair to newest: dir += s_h (a_h - rho_h y_h.dir); the last pass takes g.dir
      for (let h = 0; h < count; h++) {
        const step = alpha[h]! - rho[slot(h)]! * s;
        s = h + 1 < count ? kern.lbAddDot(dir, ringS[slot(h)]!, step, ringY[slot(h + 1)]!, np) : kern.lbAddDotTry(dir, ringS[slot(h)]!, step, g, x, xNew, np);
      }
      slope = s;
    } else {
      const scale = 1 / Math.max(1, Math.sqrt(kern.lbDot(g, g, np)));
      slope = kern.lbNegScaleDotTry(g, scale, dir, x, xNew, np);
    }
    if (!(slope < 0)) {
      // not a descent direction (rounding): restart from steepest descent
      slope = kern.lbNegScaleDotTry(g, 1, dir, x, xNew, np);
      count = 0;
    }
    let step = 1;
    let fNew = fx;
    for (let tries = 0; tries < 40; tries++) {
      if (tries > 0) kern.lbTry(x, step, dir, xNew, np);
      fNew = f(views.get(xNew)!, views.get(gNew)!);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew <= fx)) break; // no step lowers f: as close as rounding allows
    // the new pair, kept (in the next free slot, or the oldest one's once the ring is full) if its
    // curvature is positive, and the new gradient's largest component
    kern.lbPair(xNew, x, gNew, g, spareS, spareY, np, out);
    const sy = results[0]!;
    gMax = results[2]!;
    if (sy > 1e-12) {
      const j = count < m ? slot(count) : first;
      [ringS[j], spareS] = [spareS, ringS[j]!];
      [ringY[j], spareY] = [spareY, ringY[j]!];
      rho[j] = 1 / sy;
      ringSY[j] = sy;
      ringYY[j] = results[1]!;
      if (count < m) count++;
      else first = (first + 1) % m;
    }
    const drop = fx - fNew;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    if (drop <= o.relativeTolerance * Math.max(1, Math.abs(fx))) break;
  }
  return { x: Float64Array.from(views.get(x)!), value: fx, iterations };
}
