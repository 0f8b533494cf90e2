// Multinomial logistic regression on dense vectors, trained with L-BFGS: the same objective as
// scikit-learn's LogisticRegression(C, lbfgs) (C x summed log loss + half the squared weights, the
// intercepts unpenalized), for bench:peers's "same head" on both sides.

/** Loss and gradient at params (K*D weights then K intercepts) on rows `idx` of X (n x D). */
function lossGrad(params, X, D, idx, y, K, C, grad) {
  grad.fill(0);
  const W = params;
  const b0 = K * D;
  let loss = 0;
  const z = new Float64Array(K);
  for (const i of idx) {
    const off = i * D;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      let s = W[b0 + k];
      const wk = k * D;
      for (let d = 0; d < D; d++) s += W[wk + d] * X[off + d];
      z[k] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (z[k] = Math.exp(z[k] - max));
    const yi = y[i];
    loss -= C * Math.log(Math.max(1e-300, z[yi] / sum));
    for (let k = 0; k < K; k++) {
      const g = C * (z[k] / sum - (k === yi ? 1 : 0));
      if (g === 0) continue;
      const wk = k * D;
      for (let d = 0; d < D; d++) grad[wk + d] += g * X[off + d];
      grad[b0 + k] += g;
    }
  }
  for (let j = 0; j < K * D; j++) {
    loss += 0.5 * W[j] * W[j];
    grad[j] += W[j];
  }
  return loss;
}

const dot = (a, b) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/**
 * Fits on rows `idx` (labels y[i] in 0..K-1) of X (Float32Array, n x D). L-BFGS (10 pairs) with a
 * backtracking Armijo line search; stops when the largest gradient entry is under `tol` or after
 * `maxIter` iterations, as scikit-learn's lbfgs does.
 */
export function fitLogReg(X, D, idx, y, K, { C = 1, maxIter = 100, tol = 1e-4, m = 10 } = {}) {
  const P = K * D + K;
  let x = new Float64Array(P);
  let g = new Float64Array(P);
  let f = lossGrad(x, X, D, idx, y, K, C, g);
  const S = [];
  const Yh = [];
  const rho = [];
  const dir = new Float64Array(P);
  const alpha = new Float64Array(m);
  for (let iter = 0; iter < maxIter; iter++) {
    let gmax = 0;
    for (let j = 0; j < P; j++) gmax = Math.max(gmax, Math.abs(g[j]));
    if (gmax <= tol) break;
    // two-loop recursion: dir = -H g
    for (let j = 0; j < P; j++) dir[j] = -g[j];
    for (let h = S.length - 1; h >= 0; h--) {
      alpha[h] = rho[h] * dot(S[h], dir);
      const yh = Yh[h];
      for (let j = 0; j < P; j++) dir[j] -= alpha[h] * yh[j];
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last], Yh[last]) / dot(Yh[last], Yh[last]);
      for (let j = 0; j < P; j++) dir[j] *= gamma;
    } else {
      const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let j = 0; j < P; j++) dir[j] *= scale;
    }
    for (let h = 0; h < S.length; h++) {
      const beta = rho[h] * dot(Yh[h], dir);
      const sh = S[h];
      for (let j = 0; j < P; j++) dir[j] += sh[j] * (alpha[h] - beta);
    }
    let slope = dot(g, dir);
    if (slope >= 0) {
      for (let j = 0; j < P; j++) dir[j] = -g[j];
      slope = dot(g, dir);
      S.length = Yh.length = rho.length = 0;
    }
    let step = 1;
    const xn = new Float64Array(P);
    const gn = new Float64Array(P);
    let fn;
    for (let ls = 0; ls < 30; ls++) {
      for (let j = 0; j < P; j++) xn[j] = x[j] + step * dir[j];
      fn = lossGrad(xn, X, D, idx, y, K, C, gn);
      if (fn <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    const s = new Float64Array(P);
    const yy = new Float64Array(P);
    for (let j = 0; j < P; j++) {
      s[j] = xn[j] - x[j];
      yy[j] = gn[j] - g[j];
    }
    const sy = dot(s, yy);
    if (sy > 1e-10) {
      S.push(s);
      Yh.push(yy);
      rho.push(1 / sy);
      if (S.length > m) {
        S.shift();
        Yh.shift();
        rho.shift();
      }
    }
    const done = Math.abs(f - fn) <= 1e-12 * Math.max(1, Math.abs(f));
    x = xn;
    g = gn;
    f = fn;
    if (done) break;
  }
  return { W: x, D, K };
}

/** Row-major probabilities (rows.length x K) of rows of X. */
export function predictLogReg(model, X, rows) {
  const { W, D, K } = model;
  const out = new Float32Array(rows.length * K);
  const z = new Float64Array(K);
  rows.forEach((i, r) => {
    const off = i * D;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      let s = W[K * D + k];
      for (let d = 0; d < D; d++) s += W[k * D + d] * X[off + d];
      z[k] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (z[k] = Math.exp(z[k] - max));
    for (let k = 0; k < K; k++) out[r * K + k] = z[k] / sum;
  });
  return out;
}

/**
 * The head as an al-label ClassifierFactory, so the loop's own cross-fitting and query strategies run
 * with it: a "text" is "#<row>" and names a row of X.
 */
export function logRegFactory(X, D, opts = {}) {
  const row = (t) => Number(t.slice(1));
  return {
    describe: () => `logistic regression (C=${opts.C ?? 1}, lbfgs) on ${D}-d vectors`,
    create: () => {
      let model = null;
      return {
        async fit(texts, labels, numLabels) {
          const idx = texts.map(row);
          const y = new Int32Array(X.length / D);
          idx.forEach((i, k) => (y[i] = labels[k]));
          model = fitLogReg(X, D, idx, y, numLabels, opts);
        },
        predictProba: (texts) => predictLogReg(model, X, texts.map(row)),
        async save() {},
        dispose() {
          model = null;
        },
      };
    },
  };
}
