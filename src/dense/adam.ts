/**
 * Adam over typed arrays. Dense parameters take a full step; the first layer's kernel takes a
 * lazy step (only the rows a batch touched, with the global step count for bias correction), as
 * TensorFlow's LazyAdam does for sparse gradients: untouched rows keep their moments and weights.
 */
export class Adam {
  private t = 0;
  private readonly m: Float32Array;
  private readonly v: Float32Array;

  constructor(
    size: number,
    private readonly lr: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-7, // TF.js / Keras default epsilon
  ) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /** Call once per batch, before the step() calls of that batch. */
  tick(): void {
    this.t++;
  }

  /** w[o + i] -= step for i in [0, n), gradient g[go + i]. */
  step(w: Float32Array, o: number, g: Float64Array | Float32Array, go: number, n: number): void {
    const { m, v, beta1, beta2, eps } = this;
    const c1 = 1 - beta1 ** this.t;
    const c2 = 1 - beta2 ** this.t;
    const lr = (this.lr * Math.sqrt(c2)) / c1; // Kingma & Ba's efficient form, as tf.train.adam
    for (let i = 0; i < n; i++) {
      const gi = g[go + i]!;
      const k = o + i;
      const mk = (m[k] = beta1 * m[k]! + (1 - beta1) * gi);
      const vk = (v[k] = beta2 * v[k]! + (1 - beta2) * gi * gi);
      w[k] = w[k]! - (lr * mk) / (Math.sqrt(vk) + eps);
    }
  }
}
