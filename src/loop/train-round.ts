import type { ClassifierFactory, TextClassifier } from "../classifiers/types.js";
import { crossFit } from "../calibration/cross-fit.js";
import { calibrationBins, chooseCumulative, type CumulativeChoice, type Ledger } from "../calibration/accuracy-estimate.js";
import { leastMargin, margins, topClass } from "../strategies/margin.js";
import { createRng, deriveSeed, shuffled } from "../util/random.js";

export interface TrainRoundInput {
  texts: readonly string[];
  /** rows with human labels, and their labels */
  humanRows: number[];
  humanLabels: Int32Array;
  /**
   * Human rows that calibrate: rows chosen at random (the input's labeled rows, bootstrap batches),
   * less those an earlier round would have machine-labeled. The pool holds only rows earlier rounds
   * were unsure of, so its accuracy is estimated on random rows like it. Rows queried because the
   * model was unsure are not a random sample of anything: they train but do not calibrate.
   */
  calibrates: ReadonlySet<number>;
  /** rows machine-labeled in earlier rounds: they train (self-training), never calibrate */
  machineRows: number[];
  machineLabels: Int32Array;
  /** unlabeled rows not waiting for a person */
  pool: number[];
  /** rows a person skipped: queued again only when nothing else is left */
  skipped: ReadonlySet<number>;
  numLabels: number;
  /** machine labels of earlier rounds: the accuracy target holds for all of them together */
  ledger: Ledger;
  targetAccuracy: number;
  confidenceLevel: number;
  batchSize: number;
  folds: number;
  /** cross-fitting repetitions: each row is scored by this many models that did not see it */
  repeats: number;
  seed: number;
  round: number;
}

export interface RowDecisionAuto {
  row: number;
  label: number;
  confidence: number;
}
export interface RowDecisionQueue {
  row: number;
  reason: "bootstrap" | "uncertain";
  suggestion: { label: number; confidence: number };
}

export interface TrainRoundResult {
  auto: RowDecisionAuto[];
  queue: RowDecisionQueue[];
  choice: CumulativeChoice;
  /** accuracy of out-of-fold predictions on all human rows */
  heldOutAccuracy: number;
  calibrationRows: number;
  /** human rows this round would have machine-labeled: they stop calibrating later rounds */
  confidentHumanRows: number[];
  /** one model on every label, the round's artifact; the caller saves and disposes it */
  model: TextClassifier;
}

/**
 * One active-learning round: cross-fitted predictions on the human rows estimate how often a label
 * of each confidence is right; fold models score the pool; the most confident rows are machine-labeled
 * as far as the accuracy target allows, and the least certain of the rest (smallest margin) go to people.
 */
export async function trainRound(input: TrainRoundInput, factory: ClassifierFactory): Promise<TrainRoundResult> {
  const { numLabels, texts } = input;
  const humanTexts = input.humanRows.map((r) => texts[r] as string);
  const extra = { texts: input.machineRows.map((r) => texts[r] as string), labels: input.machineLabels };
  const fit = await crossFit(
    factory,
    { texts: humanTexts, labels: input.humanLabels },
    numLabels,
    { folds: input.folds, repeats: input.repeats, seed: deriveSeed(input.seed, "crossfit", input.round) },
    { texts: input.pool.map((r) => texts[r] as string), rowIds: input.pool },
    extra,
  );
  const held = topClass(fit.oof, numLabels);
  const correct = Array.from(held.label, (l, i) => l === input.humanLabels[i]);
  const heldOutAccuracy = correct.filter(Boolean).length / Math.max(1, correct.length);
  const calib = input.humanRows.flatMap((r, i) => (input.calibrates.has(r) ? [i] : []));
  const bins = calibrationBins(
    calib.map((i) => held.confidence[i] as number),
    calib.map((i) => correct[i] as boolean),
    Math.max(25, Math.round(calib.length / 50)),
  );

  const pred = topClass(fit.pool, numLabels);
  const seen = new Set(input.humanLabels);
  // never machine-label a class no person has labeled: nothing was calibrated for it
  const eligible = Array.from(pred.label, (l) => seen.has(l));
  const { order, choice } =
    bins.length > 0
      ? chooseCumulative(bins, pred.confidence, eligible, input.ledger, input.targetAccuracy, input.confidenceLevel)
      : { order: [], choice: { take: 0, threshold: null, round: { labels: 0, correct: 0, variance: 0 }, cumulative: { labels: input.ledger.labels, accuracy: null, lowerBound: null } } };
  const chosen = new Set(order.slice(0, choice.take));
  const auto: RowDecisionAuto[] = [];
  const rest: number[] = [];
  input.pool.forEach((row, i) => {
    if (chosen.has(i)) auto.push({ row, label: pred.label[i] as number, confidence: pred.confidence[i] as number });
    else rest.push(i);
  });
  const fresh = rest.filter((i) => !input.skipped.has(input.pool[i] as number));
  const candidates = fresh.length > 0 ? fresh : rest;
  // While the evidence cannot certify a single machine label, more random rows are what is missing:
  // they calibrate. Once labels flow, the rows the model is least sure of teach it most.
  const explore = choice.take === 0;
  const picked = explore
    ? shuffled(candidates, createRng(deriveSeed(input.seed, "explore", input.round))).slice(0, input.batchSize)
    : leastMargin(candidates, margins(fit.pool, numLabels), input.batchSize);
  const queue = picked.map((i) => ({
    row: input.pool[i] as number,
    reason: explore ? ("bootstrap" as const) : ("uncertain" as const),
    suggestion: { label: pred.label[i] as number, confidence: pred.confidence[i] as number },
  }));
  const t = choice.threshold;
  const confidentHumanRows = t === null ? [] : calib.filter((i) => (held.confidence[i] as number) >= t && seen.has(held.label[i] as number)).map((i) => input.humanRows[i] as number);

  const model = factory.create(deriveSeed(input.seed, "model", input.round));
  await model.fit(humanTexts.concat(extra.texts), concat(input.humanLabels, extra.labels), numLabels);
  return { auto, queue, choice, heldOutAccuracy, calibrationRows: calib.length, confidentHumanRows, model };
}

function concat(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
