/**
 * Seeded 32-bit PRNG (mulberry32). Training never uses Math.random, so the same data, params and
 * seed give a bit-identical model with threads = 1.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
  }

  /** The generator's state, for code that draws the same sequence elsewhere (the dense trainer's kernels). */
  save(): number {
    return this.state;
  }

  /** Goes on from a state that `save` gave (as an unsigned or signed 32-bit integer). */
  restore(state: number): void {
    this.state = state >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** In-place Fisher-Yates shuffle. */
  shuffle(a: Int32Array): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
  }
}
