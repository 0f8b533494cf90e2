import { withGpuFallback, type GpuFallbackContext } from '../backends/gpu-fallback.js';
import type { ClassifierFactory, FitOptions, TextClassifier } from './types.js';

/**
 * Wraps a factory whose models train on a GPU backend: a GPU failure in `fit` stops the run (exit 74)
 * or, under `--on-gpu-error cpu`, trains that model and every later one with `cpu` (the same
 * architecture on the sparse CPU engine). Prediction and saving use whichever model trained.
 */
export function gpuFallbackFactory(gpu: ClassifierFactory, cpu: ClassifierFactory, ctx: GpuFallbackContext): ClassifierFactory {
  return {
    create: (seed) => new GpuFallbackClassifier(gpu, cpu, ctx, seed),
    describe: () => (ctx.state.onCpu ? `${cpu.describe()} (after a GPU failure)` : gpu.describe()),
  };
}

class GpuFallbackClassifier implements TextClassifier {
  private model: TextClassifier | null = null;

  constructor(
    private readonly gpu: ClassifierFactory,
    private readonly cpu: ClassifierFactory,
    private readonly ctx: GpuFallbackContext,
    private readonly seed: number,
  ) {}

  async fit(texts: string[], labels: Int32Array, numLabels: number, options?: FitOptions): Promise<void> {
    this.model?.dispose();
    this.model = null;
    const fitWith = async (factory: ClassifierFactory) => {
      const model = factory.create(this.seed);
      try {
        await model.fit(texts, labels, numLabels, options);
      } catch (err) {
        model.dispose();
        throw err;
      }
      return model;
    };
    this.model = await withGpuFallback(this.ctx, `training a model on ${texts.length} rows`, () => fitWith(this.gpu), () => fitWith(this.cpu));
  }

  predictProba(texts: string[]): Float32Array {
    return this.fitted().predictProba(texts);
  }

  async save(dir: string, meta: { labels: string[]; [key: string]: unknown }): Promise<void> {
    await this.fitted().save(dir, meta);
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }

  private fitted(): TextClassifier {
    if (!this.model) throw new Error('predict or save before fit');
    return this.model;
  }
}
