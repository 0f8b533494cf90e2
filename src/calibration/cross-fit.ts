import type { ClassifierFactory } from "../classifiers/types.js";
import { createRng, deriveSeed, shuffled } from "../util/random.js";
import { topClass } from "../strategies/margin.js";
import { concatInt32 } from "../util/typed-arrays.js";
import { drawPseudoLabels, type PseudoLabelPlan } from "./pseudo-labels.js";

/**
 * Stratified fold of each row (pure): rows of each class are shuffled with the seed and dealt out
 * in turn, so every fold holds each class in proportion.
 */
export function stratifiedFolds(labels: Int32Array, folds: number, seed: number): Int32Array {
  const fold = new Int32Array(labels.length);
  const byClass = new Map<number, number[]>();
  labels.forEach((l, i) => {
    const list = byClass.get(l) ?? [];
    list.push(i);
    byClass.set(l, list);
  });
  const rng = createRng(seed);
  let offset = 0;
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    shuffled(byClass.get(cls) ?? [], rng).forEach((row, k) => {
      fold[row] = (k + offset) % folds;
    });
    offset += (byClass.get(cls) ?? []).length;
  }
  return fold;
}

export interface CrossFit {
  /** out-of-fold probabilities of the labeled rows */
  oof: Float32Array;
  /** probabilities of the unlabeled rows, each from one fold model */
  pool: Float32Array;
  /**
   * mean probabilities of the `extra` rows from fold models trained on human labels only: a view of
   * earlier machine labels independent of those labels (rechecks use it)
   */
  extra: Float32Array;
}

/** Fold model that scores pool row `i`: spread evenly and fixed by the seed, not by pool order. */
export function poolFold(rowId: number, folds: number, seed: number): number {
  return (Math.imul(rowId ^ seed, 2654435761) >>> 0) % folds;
}

export interface CrossFitPlan {
  folds: number;
  repeats: number;
  seed: number;
  /**
   * Fold models are trained a second time with pseudo-labels drawn from their held-out rows and the
   * pool alike (pseudo-labels.ts); null: trained on the human labels (and `extra`) only.
   */
  pseudoLabels?: PseudoLabelPlan | null;
}

/**
 * Repeated cross-fitting. In each of `repeats` repetitions the labeled rows are cut into folds afresh;
 * every labeled row gets out-of-fold probabilities from the fold model that did not see it, so every
 * human label both trains and calibrates. Each unlabeled row is scored, in each repetition, by one
 * fold model chosen by its row id. Averaged over repetitions, a held-out row and a pool row are each
 * scored by `repeats` models that never saw them, trained on the same share of the data: the
 * held-out accuracy at a confidence is then the pool's accuracy at it. (A model refit on all rows is
 * more confident than its folds, so their calibration would admit too much; the mean of all fold
 * models is more accurate than the held-out rows show, so it would admit too little.)
 * `extra` rows (earlier machine labels) join every fold's training set but are never held out.
 */
export async function crossFit(
  factory: ClassifierFactory,
  data: { texts: string[]; labels: Int32Array },
  numLabels: number,
  plan: CrossFitPlan,
  pool: { texts: string[]; rowIds: number[] },
  extra: { texts: string[]; labels: Int32Array },
  /** called as each fold model finishes (trained and scored its rows): for progress output */
  progress?: (done: number, total: number) => void,
): Promise<CrossFit> {
  const oof = new Float32Array(data.texts.length * numLabels);
  const poolProbs = new Float32Array(pool.texts.length * numLabels);
  const extraProbs = new Float32Array(extra.texts.length * numLabels);
  let models = 0;
  const total = plan.repeats * Math.min(plan.folds, data.texts.length);
  progress?.(0, total);
  for (let rep = 0; rep < plan.repeats; rep++) {
    const done = models;
    const once = { folds: plan.folds, seed: deriveSeed(plan.seed, "repeat", rep), pseudoLabels: plan.pseudoLabels ?? null };
    models += await crossFitOnce(factory, data, numLabels, once, pool, extra, { oof, pool: poolProbs, extra: extraProbs }, (k) => progress?.(done + k, total));
  }
  for (let i = 0; i < oof.length; i++) oof[i] = (oof[i] as number) / plan.repeats;
  for (let i = 0; i < poolProbs.length; i++) poolProbs[i] = (poolProbs[i] as number) / plan.repeats;
  for (let i = 0; i < extraProbs.length; i++) extraProbs[i] = (extraProbs[i] as number) / Math.max(1, models);
  return { oof, pool: poolProbs, extra: extraProbs };
}

async function crossFitOnce(
  factory: ClassifierFactory,
  data: { texts: string[]; labels: Int32Array },
  numLabels: number,
  { folds, seed, pseudoLabels }: { folds: number; seed: number; pseudoLabels: PseudoLabelPlan | null },
  pool: { texts: string[]; rowIds: number[] },
  extra: { texts: string[]; labels: Int32Array },
  into: CrossFit,
  finished: (foldsDone: number) => void,
): Promise<number> {
  const { texts, labels } = data;
  const fold = stratifiedFolds(labels, folds, deriveSeed(seed, "folds"));
  const active = [...new Set(fold)].sort((a, b) => a - b); // folds that hold rows (all, unless rows < folds)
  const poolFolds = pool.rowIds.map((id) => active[poolFold(id, active.length, seed)] as number);
  for (const [n, f] of active.entries()) {
    const train: number[] = [];
    const test: number[] = [];
    fold.forEach((k, i) => (k === f ? test : train).push(i));
    const trainTexts = train.map((i) => texts[i] as string);
    const trainLabels = Int32Array.from(train, (i) => labels[i] as number);
    let model = factory.create(deriveSeed(seed, "fold", f));
    try {
      await model.fit(trainTexts, trainLabels, numLabels);
      let more: { texts: string[]; labels: Int32Array } = { texts: [], labels: new Int32Array(0) };
      if (extra.texts.length > 0) {
        // Self-training without leaks: earlier rounds' machine labels came from models that saw
        // this fold's rows, so they carry those labels; relabel them with this fold's own model.
        const stage1 = model.predictProba(extra.texts);
        for (let i = 0; i < stage1.length; i++) into.extra[i] = (into.extra[i] as number) + (stage1[i] as number);
        more = { texts: extra.texts, labels: topClass(stage1, numLabels).label };
      }
      if (pseudoLabels) {
        // The held-out rows and the pool are alike to this model (it saw neither's labels): both are
        // drawn at the same rate and pseudo-labeled the same way, so the held-out predictions, which
        // calibrate, are made exactly as the pool's are.
        const text = (k: number): string => (k < test.length ? (texts[test[k] as number] as string) : (pool.texts[k - test.length] as string));
        const drawn = drawPseudoLabels(model, test.length + pool.texts.length, text, train.length, numLabels, pseudoLabels, deriveSeed(seed, "pseudo", f));
        more = { texts: more.texts.concat(drawn.texts), labels: concatInt32(more.labels, Int32Array.from(drawn.labels)) };
      }
      if (more.texts.length > 0) {
        model.dispose();
        model = factory.create(deriveSeed(seed, "fold-self", f));
        await model.fit(trainTexts.concat(more.texts), concatInt32(trainLabels, more.labels), numLabels, { peopleRows: trainTexts.length });
      }
      addRows(model.predictProba(test.map((i) => texts[i] as string)), test, into.oof, numLabels);
      const mine = poolFolds.flatMap((k, i) => (k === f ? [i] : []));
      addRows(model.predictProba(mine.map((i) => pool.texts[i] as string)), mine, into.pool, numLabels);
    } finally {
      model.dispose();
    }
    finished(n + 1);
  }
  return active.length;
}

function addRows(probs: Float32Array, rows: number[], into: Float32Array, numLabels: number): void {
  rows.forEach((row, j) => {
    for (let c = 0; c < numLabels; c++) into[row * numLabels + c] = (into[row * numLabels + c] as number) + (probs[j * numLabels + c] as number);
  });
}
