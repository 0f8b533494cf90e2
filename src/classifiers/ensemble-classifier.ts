import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { softmaxInto } from '../util/softmax.js';
import { VERSION } from '../version.js';
import type { ClassifierFactory, FitOptions, TextClassifier } from './types.js';

/** Bump when the meaning of an ensemble folder changes; the loader refuses other versions. */
export const ENSEMBLE_ARTIFACT_VERSION = 1;

export interface EnsembleMember {
  /** also the member's sub-folder in a saved ensemble */
  name: string;
  factory: ClassifierFactory;
}

/**
 * How members' probabilities become the ensemble's: `mean` (arithmetic) or `geometric` (the members'
 * probabilities multiplied, each to the power 1/members, normalized per row: a mean of log-odds). Under
 * the arithmetic mean a member that is never sure caps every row: two members at 0.999 and one at 0.55
 * give 0.85, so among the most confident rows the least sure member decides the order. The geometric mean
 * gives 0.99 there, and a member that is sure of another class still pulls the row down.
 */
export type EnsembleCombine = 'mean' | 'geometric';
export const ENSEMBLE_COMBINES: readonly EnsembleCombine[] = ['mean', 'geometric'];

/** What an ensemble folder's metadata.json holds besides what the loop adds (round, threshold). */
export interface EnsembleMetadata {
  kind: 'ensemble';
  artifactVersion: number;
  alLabelVersion: string;
  labels: string[];
  /** each member is a complete model folder of its own under `<dir>/<name>/` */
  members: string[];
  combine: EnsembleCombine;
  createdAt: string;
  [k: string]: unknown;
}

/**
 * A model whose probabilities are the mean of its members'. Members differ in kind, not just in
 * seed (a bag-of-words network and complement naive Bayes over character n-grams): their errors
 * differ, so the mean ranks rows better than either (docs/models.md, "The dense+nb model").
 */
export function ensembleFactory(members: EnsembleMember[], combine: EnsembleCombine = 'mean'): ClassifierFactory {
  if (members.length === 0) throw new Error('an ensemble needs at least one member');
  return {
    create: (seed) => new EnsembleClassifier(members.map((m) => ({ name: m.name, model: m.factory.create(seed) })), combine),
    describe: () => `${combine === 'mean' ? 'mean' : 'geometric mean'} of ${members.map((m) => m.factory.describe()).join(' and ')}`,
  };
}

class EnsembleClassifier implements TextClassifier {
  constructor(
    private readonly members: { name: string; model: TextClassifier }[],
    private readonly combine: EnsembleCombine,
  ) {}

  async fit(texts: string[], labels: Int32Array, numLabels: number, options?: FitOptions): Promise<void> {
    for (const m of this.members) await m.model.fit(texts, labels, numLabels, options);
  }

  predictProba(texts: string[]): Float32Array {
    return combineProbabilities(this.combine, this.members.map((m) => m.model.predictProba(texts)), texts.length);
  }

  /** The first member's vectors that has any (the dense member's hidden layer). */
  textVectors(texts: string[]): { data: Float32Array; dim: number } {
    const m = this.members.find((x) => x.model.textVectors);
    if (!m?.model.textVectors) throw new Error('no member of this ensemble has text vectors');
    return m.model.textVectors(texts);
  }

  async save(dir: string, meta: { labels: string[]; [key: string]: unknown }): Promise<void> {
    await mkdir(dir, { recursive: true }); // first, so a blocked folder is named as such, not a member inside it
    for (const m of this.members) await m.model.save(join(dir, m.name), meta);
    const metadata: EnsembleMetadata = {
      ...meta,
      kind: 'ensemble',
      artifactVersion: ENSEMBLE_ARTIFACT_VERSION,
      alLabelVersion: VERSION,
      members: this.members.map((m) => m.name),
      combine: this.combine,
      createdAt: new Date().toISOString(),
    };
    await writeFile(join(dir, 'metadata.json'), JSON.stringify(metadata));
  }

  dispose(): void {
    for (const m of this.members) m.model.dispose();
  }
}

/** Element-wise mean of equally long probability blocks. */
export function meanOf(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts[0]!.length);
  for (const p of parts) {
    if (p.length !== out.length) throw new Error(`members returned ${p.length} and ${out.length} probabilities`);
    for (let i = 0; i < out.length; i++) out[i] = out[i]! + p[i]! / parts.length;
  }
  return out;
}

/** Rows' probabilities combined as `combine` says; each part holds `rows` rows of equal width. */
export function combineProbabilities(combine: EnsembleCombine, parts: readonly Float32Array[], rows: number): Float32Array {
  return combine === 'mean' ? meanOf(parts) : geometricMeanOf(parts, rows);
}

/** Below this a member's probability counts as this, so one member's hard zero cannot veto a class outright. */
const GEOMETRIC_FLOOR = 1e-12;

/** Per row: the members' probabilities multiplied (as a mean of logs), then normalized to sum to 1. */
export function geometricMeanOf(parts: readonly Float32Array[], rows: number): Float32Array {
  const n = parts[0]!.length;
  for (const p of parts) if (p.length !== n) throw new Error(`members returned ${p.length} and ${n} probabilities`);
  if (rows === 0) return new Float32Array(0);
  if (n % rows !== 0) throw new Error(`${n} probabilities do not split into ${rows} rows`);
  const k = n / rows;
  const out = new Float32Array(n);
  const logs = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    logs.fill(0);
    for (const p of parts) for (let c = 0; c < k; c++) logs[c]! += Math.log(Math.max(p[r * k + c]!, GEOMETRIC_FLOOR)) / parts.length;
    softmaxInto(logs, out, r * k);
  }
  return out;
}
