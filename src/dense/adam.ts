/** Adam's decay rates and epsilon. */
export interface AdamSettings {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
}

/** TF.js / Keras defaults. */
export const ADAM_DEFAULTS: AdamSettings = Object.freeze({ beta1: 0.9, beta2: 0.999, eps: 1e-7 });

/** The step size at step count t, bias corrections included: Kingma & Ba's efficient form, as tf.train.adam. */
function adamStepSize(lr: number, beta1: number, beta2: number, t: number): number {
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  return (lr * Math.sqrt(c2)) / c1;
}

/**
 * Adam over typed arrays. Dense parameters take a full step; a sparse kernel can take a lazy step, a
 * step() per row a batch touched with the global step count for bias correction, as TensorFlow's
 * LazyAdam does for sparse gradients: untouched rows keep their moments and weights. (The dense
 * model's first layer takes the same lazy step in WebAssembly: dense-kernels.ts.)
 */
export class Adam {
  private t = 0;
  private readonly m: Float32Array;
  private readonly v: Float32Array;

  constructor(
    size: number,
    private readonly lr: number,
    private readonly beta1 = ADAM_DEFAULTS.beta1,
    private readonly beta2 = ADAM_DEFAULTS.beta2,
    private readonly eps = ADAM_DEFAULTS.eps,
  ) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /** The step size of the current step count, bias corrections included. */
  stepSize(): number {
    return adamStepSize(this.lr, this.beta1, this.beta2, this.t);
  }

  /** Call once per batch, before the step() calls of that batch. */
  tick(): void {
    this.t++;
  }

  /** w[o + i] -= step for i in [0, n), gradient g[go + i]. */
  step(w: Float32Array, o: number, g: Float64Array | Float32Array, go: number, n: number): void {
    const { m, v, beta1, beta2, eps } = this;
    const lr = this.stepSize();
    for (let i = 0; i < n; i++) {
      const gi = g[go + i]!;
      const k = o + i;
      const mk = (m[k] = beta1 * m[k]! + (1 - beta1) * gi);
      const vk = (v[k] = beta2 * v[k]! + (1 - beta2) * gi * gi);
      w[k] = w[k]! - (lr * mk) / (Math.sqrt(vk) + eps);
    }
  }
}
