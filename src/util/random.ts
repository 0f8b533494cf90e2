/**
 * Seeded pseudo-random numbers. Every random choice in al-label draws from one of these,
 * so the same input and seed give the same output. (mulberry32: small, fast, good enough
 * for sampling; not for cryptography.)
 */
export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [0, n) */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  let a = (seed >>> 0) ^ 0x9e3779b9;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}

/** Derives an independent seed for a named purpose, so adding a draw in one place does not shift another. */
export function deriveSeed(seed: number, purpose: string, round = 0): number {
  let h = 2166136261 ^ (seed >>> 0);
  const s = `${purpose}#${round}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Fisher-Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** `k` distinct integers drawn uniformly from [0, n), in draw order (partial Fisher-Yates). */
export function sampleIndices(n: number, k: number, rng: Rng): number[] {
  const take = Math.max(0, Math.min(n, k));
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  const out: number[] = [];
  for (let i = 0; i < take; i++) {
    const j = i + rng.int(n - i);
    const picked = pool[j] as number;
    pool[j] = pool[i] as number;
    pool[i] = picked;
    out.push(picked);
  }
  return out;
}
