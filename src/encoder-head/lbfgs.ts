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
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(o.memory);
  const dir = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let iterations = 0;
  while (iterations < o.maxIterations && maxAbs(g) > o.gradientTolerance) {
    iterations++;
    // two-loop recursion: dir = -H g
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    for (let h = s.length - 1; h >= 0; h--) {
      alpha[h] = rho[h]! * dot(s[h]!, dir);
      const yh = y[h]!;
      for (let i = 0; i < n; i++) dir[i] = dir[i]! - alpha[h]! * yh[i]!;
    }
    const last = s.length - 1;
    const scale = last >= 0 ? dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < n; i++) dir[i] = dir[i]! * scale;
    for (let h = 0; h < s.length; h++) {
      const beta = rho[h]! * dot(y[h]!, dir);
      const sh = s[h]!;
      for (let i = 0; i < n; i++) dir[i] = dir[i]! + sh[i]! * (alpha[h]! - beta);
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // not a descent direction (rounding): restart from steepest descent
      for (let i = 0; i < n; i++) dir[i] = -g[i]!;
      slope = dot(g, dir);
      s.length = y.length = rho.length = 0;
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
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = xNew[i]! - x[i]!;
      yk[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
      if (s.length > o.memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
    }
    const drop = fx - fNew;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    if (drop <= o.relativeTolerance * Math.max(1, Math.abs(fx))) break;
  }
  return { x, value: fx, iterations };
}
