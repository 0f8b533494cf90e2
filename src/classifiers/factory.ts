import type { OnGpuError } from '../backends/gpu-errors.js';
import { watchGpuDevice } from '../backends/gpu-watch.js';
import { selectEngine, type EngineSelection } from '../backends/select.js';
import { isGpuBackend, type EngineChoice, type ProbeEnv, type SelectedBackend } from '../backends/types.js';
import { saveDenseModel, type DenseParams } from '../dense/index.js';
import { saveFastTextModel, type FastTextParams } from '../fasttext/index.js';
import { denseFactory, describeDense } from './dense-classifier.js';
import { ensembleFactory, type EnsembleMember } from './ensemble-classifier.js';
import { naiveBayesFactory } from './naive-bayes-classifier.js';
import { fastTextFactory } from './fasttext-classifier.js';
import { gpuFallbackFactory } from './gpu-fallback-classifier.js';
import { denseArchitecture, fastTextArchitecture } from './tfjs-architectures.js';
import { tfjsFactory } from './tfjs-classifier.js';
import type { ClassifierFactory } from './types.js';

export const MODEL_NAMES = ['dense+nb', 'dense', 'fasttext', 'nb'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export interface ModelChoice {
  model: ModelName;
  engine: EngineChoice;
  backend?: string;
  fasttext: Omit<FastTextParams, 'seed'>;
  dense: Omit<DenseParams, 'seed'>;
  /** a GPU backend failing mid-run (out of memory, device lost): stop with exit 74 (default) or go on with the sparse CPU engine */
  onGpuError?: OnGpuError;
  /** prints the one-time warning when a GPU failure moves training to the CPU (default: stderr) */
  warn?: (message: string) => void;
}

/** Adam step for fastText's layers on the TF.js engine (fastText's own lr of 0.1-0.5 is for per-example SGD). */
const FASTTEXT_TFJS_ADAM_LR = 0.01;
const FASTTEXT_TFJS_BATCH = 32;

/**
 * Picks the engine (see backends/select.ts) and returns the factory the loop trains with. `dense+nb`
 * is the dense model (on the chosen engine) averaged with complement naive Bayes, which trains by
 * counting and so always runs on the CPU; `nb` is naive Bayes alone (with an encoder: naive Bayes and
 * the head, about a third of dense+nb's time for as many human labels or more, docs/encoders.md "The mean").
 */
export async function createClassifierFactory(choice: ModelChoice, env?: ProbeEnv, head?: ClassifierFactory): Promise<{ factory: ClassifierFactory; engine: EngineSelection }> {
  const engine = await selectEngine(choice.engine, choice.backend, env);
  const members = choice.model === 'nb' ? [{ name: 'naive-bayes', factory: naiveBayesFactory() }] : networkMembers(choice, engine);
  // the head on a pretrained encoder's vectors joins the mean (docs/encoders.md); first, so
  // query strategies that cluster text vectors take the encoder's
  if (head) members.unshift({ name: 'encoder-head', factory: head });
  if (members.length === 1) return { engine, factory: members[0]!.factory };
  // with the head, a geometric mean: the head is never as sure as the n-gram members, and under the
  // arithmetic mean it capped the top rows and decided their order (docs/encoders.md, "The mean")
  return { engine, factory: ensembleFactory(members, head ? 'geometric' : 'mean') };
}

/** dense+nb, dense or fastText on the selected engine (a TF.js model on a GPU backend, the sparse CPU engine otherwise). */
function networkMembers(choice: ModelChoice, engine: EngineSelection): EnsembleMember[] {
  const single = choice.model === 'dense+nb' ? 'dense' : (choice.model as 'dense' | 'fasttext');
  const cpu = () => (single === 'dense' ? denseFactory(choice.dense) : fastTextFactory(choice.fasttext));
  const base = engine.engine === 'cpu' ? cpu() : onGpu(engine.backend, tfjsModelFactory(engine.backend, single, choice), cpu, choice);
  return choice.model === 'dense+nb' ? [{ name: 'dense', factory: base }, { name: 'naive-bayes', factory: naiveBayesFactory() }] : [{ name: single, factory: base }];
}

/** On a GPU backend, a GPU failure in training stops the run (exit 74) or moves it to the sparse CPU engine (--on-gpu-error). */
function onGpu(backend: SelectedBackend, factory: ClassifierFactory, cpu: () => ClassifierFactory, choice: ModelChoice): ClassifierFactory {
  if (!isGpuBackend(backend.name)) return factory;
  return gpuFallbackFactory(factory, cpu(), {
    policy: choice.onGpuError ?? 'fail',
    backend: backend.name,
    state: { onCpu: false },
    watch: watchGpuDevice(backend.tf),
    warn: choice.warn ?? ((m) => process.stderr.write(`${m}\n`)),
  });
}

function tfjsModelFactory(backend: SelectedBackend, model: 'dense' | 'fasttext', choice: ModelChoice): ClassifierFactory {
  if (model === 'dense') {
    const params = { ...choice.dense, seed: 0 };
    return tfjsFactory(backend, {
      name: 'dense',
      architecture: () => denseArchitecture(params),
      training: { epochs: params.epochs, batchSize: params.batchSize, learningRate: params.learningRate },
      save: (dir, model, meta, seed) => saveDenseModel(dir, model, { ...meta, params: { ...params, seed } }),
      describe: describeDense(params),
    });
  }
  const params = { ...choice.fasttext, normalize: choice.fasttext.normalize ?? true, seed: 0 };
  return tfjsFactory(backend, {
    name: 'fasttext',
    architecture: () => fastTextArchitecture(params),
    training: { epochs: params.epochs, batchSize: FASTTEXT_TFJS_BATCH, learningRate: FASTTEXT_TFJS_ADAM_LR },
    save: (dir, model, meta, seed) => saveFastTextModel(dir, model, { ...meta, params: { ...params, seed } }),
    describe: `dim=${params.vectorDim}, epochs=${params.epochs}, adam lr=${FASTTEXT_TFJS_ADAM_LR}, wordNgrams=${params.wordNgrams}`,
  });
}
