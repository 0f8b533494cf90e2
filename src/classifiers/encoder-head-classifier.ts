import { headProba, type HeadWeights } from '../encoder-head/model.js';
import { describeFit, fitHead } from '../encoder-head/fit.js';
import { HEAD_DEFAULTS, type HeadParams } from '../encoder-head/types.js';
import { saveHeadModel, type EncoderIdentity } from '../encoder-head/artifacts.js';
import type { TextVectors } from '../encoders/text-vectors.js';
import type { ClassifierFactory, FitOptions, TextClassifier } from './types.js';

/**
 * The head on a pretrained encoder's vectors. The run encodes every text once beforehand
 * (encoders/text-vectors.ts); the head looks vectors up by text, so it fits the loop's
 * text-in, probabilities-out contract like every other model.
 */
export function encoderHeadFactory(vectors: TextVectors, encoder: EncoderIdentity, params: Partial<Omit<HeadParams, 'seed'>> = {}): ClassifierFactory {
  const settings = { ...HEAD_DEFAULTS, ...params };
  const lastFit: LastFit = { fit: null };
  return {
    create: (seed) => new EncoderHeadClassifier(vectors, encoder, { ...settings, seed }, lastFit),
    describe: () => `encoder-head(${encoder.kind} ${encoder.name}, dim=${encoder.dim}, ${describeFit(settings)})`,
  };
}

/**
 * The factory's latest L-BFGS fit. That fit depends on the rows and labels alone (no seed), and the
 * loop fits each fold twice on the same people's rows (before and after pseudo-labels, which the head
 * skips), so the second fit is the first one's weights.
 */
interface LastFit {
  fit: { rows: Int32Array; labels: Int32Array; numLabels: number; weights: HeadWeights } | null;
}

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

class EncoderHeadClassifier implements TextClassifier {
  private weights: HeadWeights | null = null;
  private metrics: Record<string, number> = {};

  constructor(
    private readonly vectors: TextVectors,
    private readonly encoder: EncoderIdentity,
    private readonly params: HeadParams,
    private readonly lastFit: LastFit,
  ) {}

  /**
   * Learns from people's rows alone: pseudo-labels cost the head most of its time and lowered the
   * mean's coverage on UCI News (docs/encoders.md, "The head").
   */
  async fit(texts: string[], labels: Int32Array, numLabels: number, options?: FitOptions): Promise<void> {
    const started = performance.now();
    const n = Math.min(texts.length, options?.peopleRows ?? texts.length);
    const rows = n === texts.length ? texts : texts.slice(0, n);
    const ids = this.vectors.indicesOf(rows);
    const y = labels.subarray(0, n);
    const last = this.lastFit.fit;
    if (this.params.optimizer === 'lbfgs' && last && last.numLabels === numLabels && sameInts(last.rows, ids) && sameInts(last.labels, y)) {
      this.weights = last.weights;
    } else {
      this.weights = fitHead(this.vectors.rowsAt(ids), y, numLabels, this.params);
      if (this.params.optimizer === 'lbfgs') this.lastFit.fit = { rows: ids, labels: Int32Array.from(y), numLabels, weights: this.weights };
    }
    this.metrics = { trainRows: n, trainSeconds: (performance.now() - started) / 1000 };
  }

  predictProba(texts: string[]): Float32Array {
    if (!this.weights) throw new Error('predictProba before fit');
    return headProba(this.weights, this.vectors.rowsOf(texts));
  }

  /** The encoder's own vectors: what diversity sampling should cluster. */
  textVectors(texts: string[]): { data: Float32Array; dim: number } {
    return this.vectors.dense(texts);
  }

  async save(dir: string, meta: { labels: string[]; [key: string]: unknown }): Promise<void> {
    if (!this.weights) throw new Error('save before fit');
    await saveHeadModel(dir, this.weights, { ...meta, params: this.params, encoder: this.encoder, engine: 'cpu', metrics: this.metrics });
  }

  dispose(): void {
    this.weights = null;
  }
}
