import type { ClassifierFactory, TextClassifier } from "../classifiers/types.js";
import { crossFit } from "../calibration/cross-fit.js";
import { drawPseudoLabels, type PseudoLabelPlan } from "../calibration/pseudo-labels.js";
import { buildCalibration, chooseCumulative, type CumulativeChoice, type Ledger } from "../calibration/accuracy-estimate.js";
import { topClass } from "../strategies/margin.js";
import { topByScore } from "../strategies/_rank.js";
import { fitTemperatureIfWarranted, scaledAt, scaledTopClass } from "../calibration/temperature.js";
import { calibratedClasses, writtenConfidence } from "../calibration/written-confidence.js";
import type { QueryStrategy } from "../strategies/types.js";
import { createRng, deriveSeed, shuffled } from "../util/random.js";
import type { TaskReason } from "../state/types.js";
import { concatInt32, gatherRows } from "../util/typed-arrays.js";

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
  /**
   * Rows machine-labeled in earlier rounds. With `selfTraining` they train later models (never
   * calibrate); off by default, as it made later rounds' estimates optimistic (docs/design.md, "Known limits").
   */
  selfTraining: boolean;
  machineRows: number[];
  machineLabels: Int32Array;
  /** each model is trained again with pseudo-labels from rows without human labels; null or absent: not */
  pseudoLabels?: PseudoLabelPlan | null;
  /**
   * Rows not labeled by people and not waiting for them. When earlier machine labels are revised
   * (`reviseMachineLabels`), they are part of it: this round's models decide afresh which of all
   * these rows to machine-label, and with what label.
   */
  pool: number[];
  reviseMachineLabels: boolean;
  /** every accuracy estimate is lowered by this, in log-odds: how optimistic failed audits found them */
  estimatePenalty: number;
  /** rows a person skipped: queued again only when nothing else is left */
  skipped: ReadonlySet<number>;
  numLabels: number;
  /** machine labels of earlier rounds: the accuracy target holds for all of them together */
  ledger: Ledger;
  targetAccuracy: number;
  confidenceLevel: number;
  /** rows for people this round: audits, rechecks and uncertain rows together */
  batchSize: number;
  /** share of the rows about to be machine-labeled that go to people instead, as an audit */
  auditRate: number;
  strategy: QueryStrategy;
  folds: number;
  /** cross-fitting repetitions: each row is scored by this many models that did not see it */
  repeats: number;
  seed: number;
  round: number;
  /** fold models done of all: for progress output */
  progress?: (done: number, total: number) => void;
  /** what the round does after the fold models: for progress output */
  stage?: (what: string) => void;
}

export interface RowDecisionAuto {
  row: number;
  label: number;
  /** the confidence written on the label: the calibrated estimate (written-confidence.ts) */
  confidence: number;
  /** the model's own (temperature-scaled) probability of the label: orders labels within a round */
  score: number;
  /** estimated probability the label is right */
  p: number;
}
export interface RowDecisionQueue {
  row: number;
  reason: TaskReason;
  suggestion: { label: number; confidence: number };
  /** audits: estimated probability that the suggestion is right, before any audit penalty */
  expected?: number;
}

export interface TrainRoundResult {
  /** temperature fitted on the calibration rows' held-out predictions (1 where they hold too few errors or one class) */
  temperature: number;
  auto: RowDecisionAuto[];
  queue: RowDecisionQueue[];
  /** earlier machine labels a newer model contradicts: revoked and queued for people */
  rechecks: number[];
  choice: CumulativeChoice;
  /** accuracy of out-of-fold predictions on all human rows */
  heldOutAccuracy: number;
  /** out-of-fold predictions on the calibration rows: rows = people's label, columns = predicted */
  confusion: number[][];
  calibrationRows: number;
  /**
   * Calibration rows that stop calibrating later rounds, to stay like the rows those rounds label:
   * when machine labels are revised, those the query strategy would have sent to people (the pool
   * loses such rows); otherwise those this round would have machine-labeled (the pool loses those).
   */
  retireFromCalibration: number[];
  /** estimated accuracy if all rows left unlabeled were machine-labeled now */
  restEstimatedAccuracy: number | null;
  /** one model on every label, the round's artifact; the caller saves and disposes it */
  model: TextClassifier;
}

/** A predicted class needs this many held-out rows to be calibrated on its own. */
const MIN_CLASS_ROWS = 300;

/** Rechecks take at most this share of a round's batch. */
const RECHECK_SHARE = 0.25;

/**
 * One active-learning round: cross-fitted predictions on the human rows estimate how often a label
 * of each confidence is right; fold models score the pool; the most confident rows are machine-labeled
 * as far as the accuracy target allows (less a random audit sample, which goes to people), and the
 * query strategy picks which of the rest go to people, after any earlier machine labels that the new
 * models contradict.
 */
export async function trainRound(input: TrainRoundInput, factory: ClassifierFactory): Promise<TrainRoundResult> {
  const { numLabels, texts } = input;
  const humanTexts = input.humanRows.map((r) => texts[r] as string);
  // self-training (opt-in): earlier machine labels join the training data
  const extra = input.selfTraining ? { texts: input.machineRows.map((r) => texts[r] as string), labels: input.machineLabels } : { texts: [] as string[], labels: new Int32Array(0) };
  const fit = await crossFit(
    factory,
    { texts: humanTexts, labels: input.humanLabels },
    numLabels,
    { folds: input.folds, repeats: input.repeats, seed: deriveSeed(input.seed, "crossfit", input.round), pseudoLabels: input.pseudoLabels ?? null },
    { texts: input.pool.map((r) => texts[r] as string), rowIds: input.pool },
    extra,
    input.progress,
  );
  const calib = input.humanRows.flatMap((r, i) => (input.calibrates.has(r) ? [i] : []));
  // A temperature is fitted on the calibration rows' held-out predictions where they hold enough errors and
  // classes (temperature.ts). Where it sharpens (T < 1: the model is right more often than it says), rows are
  // ordered and calibrated by the scaled confidence, which with more than two classes reorders them by their lead
  // over the runner-up; where it softens, by the raw probability (docs/loop.md, "Temperature scaling, and the
  // order of rows"). Past 20,000 rows, every k-th (the fit's cost grows with the rows).
  const raw = topClass(fit.oof, numLabels);
  const tRows = calib.length > 20_000 ? calib.filter((_, j) => j % Math.ceil(calib.length / 20_000) === 0) : calib;
  const temperature = fitTemperatureIfWarranted(
    gatherRows(fit.oof, tRows, numLabels),
    tRows.map((i) => input.humanLabels[i] as number),
    tRows.map((i) => raw.label[i] as number),
    numLabels,
  );
  const orderTemperature = Math.min(temperature, 1);
  const held = orderTemperature === 1 ? raw : scaledTopClass(fit.oof, numLabels, orderTemperature);
  const correct = Array.from(held.label, (l, i) => l === input.humanLabels[i]);
  const heldOutAccuracy = correct.filter(Boolean).length / Math.max(1, correct.length);
  const confusion = Array.from({ length: numLabels }, () => new Array<number>(numLabels).fill(0));
  for (const i of calib) {
    const row = confusion[input.humanLabels[i] as number] as number[];
    row[held.label[i] as number] = (row[held.label[i] as number] as number) + 1;
  }
  const cal = buildCalibration(
    calib.map((i) => held.confidence[i] as number),
    calib.map((i) => correct[i] as boolean),
    calib.map((i) => held.label[i] as number),
    { minBinRows: Math.max(25, Math.round(calib.length / 50)), minClassRows: MIN_CLASS_ROWS },
  );

  const pred = scaledTopClass(fit.pool, numLabels, orderTemperature);
  // the confidence shown on suggestions is scaled by the temperature either way; machine labels carry the calibrated estimate
  const scaled = (i: number): number => (temperature < 1 ? (pred.confidence[i] as number) : scaledAt(fit.pool.subarray(i * numLabels, (i + 1) * numLabels), temperature, pred.label[i] as number));
  const suggestion = (i: number) => ({ label: pred.label[i] as number, confidence: scaled(i) });
  // never machine-label a class without calibration rows of its own (people's label and the model's
  // prediction both): nothing measured how often the model is right when it says that class
  const calibrated = calibratedClasses(calib.map((i) => input.humanLabels[i] as number), calib.map((i) => held.label[i] as number));
  const eligible = Array.from(pred.label, (l) => calibrated.has(l));
  const ledger = input.reviseMachineLabels ? NO_LEDGER : input.ledger;
  const empty: CumulativeChoice = { take: 0, threshold: null, thresholds: {}, round: { labels: 0, correct: 0, variance: 0 }, cumulative: { labels: ledger.labels, accuracy: null, lowerBound: null } };
  const noBin = { low: 0, hits: 0, rows: 0 };
  const choose = () => (cal.global.length > 0 ? chooseCumulative(cal, pred, eligible, ledger, input.targetAccuracy, input.confidenceLevel, input.estimatePenalty) : { order: [], choice: empty, estimate: () => 0, labelProbability: () => 0, auditExpectation: () => 0, bin: () => noBin });
  let { order, choice, estimate, labelProbability, auditExpectation, bin } = choose();

  // earlier machine labels the new models contradict at a confidence they would machine-label at
  const earlier = new Map(input.machineRows.map((r, i) => [r, input.machineLabels[i] as number]));
  const recheckLimit = Math.min(input.batchSize, Math.floor(input.batchSize * RECHECK_SHARE));
  const rechecks = input.reviseMachineLabels
    ? contradictedInPool(input.pool, earlier, pred, choice.thresholds, recheckLimit)
    : findRechecks(input, scaledTopClass(fit.extra, numLabels, orderTemperature), choice.threshold, recheckLimit);
  if (input.reviseMachineLabels && rechecks.length > 0) {
    // rows going to people are not machine-labeled: choose again without them
    for (const r of rechecks) eligible[r.index] = false;
    ({ order, choice, estimate, labelProbability, auditExpectation, bin } = choose());
  }

  const toLabel = order.slice(0, choice.take);
  // Audits are a random sample of all the rows this round machine-labels (the set the promise is about),
  // as many as the audit rate of the rows labeled for the first time (or with a new label): sampling
  // only those would test the rows that just crossed a threshold, which are worse than their bins'
  // average (they were chosen for having risen), against an estimate meant for the average.
  const fresh = toLabel.filter((i) => earlier.get(input.pool[i] as number) !== pred.label[i]);
  // audits, rechecks and uncertain rows all come out of the one batch (and the one human budget)
  const auditCount = input.auditRate > 0 && fresh.length > 0 ? Math.min(input.batchSize - rechecks.length, Math.max(1, Math.round(input.auditRate * fresh.length))) : 0;
  const audited = new Set(shuffled(toLabel, createRng(deriveSeed(input.seed, "audit", input.round))).slice(0, Math.max(0, auditCount)));
  const auto: RowDecisionAuto[] = toLabel
    .filter((i) => !audited.has(i))
    .map((i) => ({ row: input.pool[i] as number, label: pred.label[i] as number, confidence: writtenConfidence(labelProbability(i), bin(i), input.confidenceLevel), score: scaled(i), p: estimate(i) }));
  const queue: RowDecisionQueue[] = [...audited].sort((a, b) => a - b).map((i) => ({ row: input.pool[i] as number, reason: "audit", suggestion: suggestion(i), expected: auditExpectation(i) }));
  // a recheck's index is into the pool when machine labels are revised (they are in it), else into the machine rows
  const recheckRows = rechecks.map((r) => (input.reviseMachineLabels ? (input.pool[r.index] as number) : (input.machineRows[r.index] as number)));
  rechecks.forEach((r, k) => queue.push({ row: recheckRows[k] as number, reason: "recheck", suggestion: { label: r.label, confidence: input.reviseMachineLabels ? scaled(r.index) : r.confidence } }));

  const taken = new Set([...toLabel, ...(input.reviseMachineLabels ? rechecks.map((r) => r.index) : [])]);
  const rest = input.pool.flatMap((_, i) => (taken.has(i) ? [] : [i]));
  const unskipped = rest.filter((i) => !input.skipped.has(input.pool[i] as number));
  const candidates = unskipped.length > 0 ? unskipped : rest;
  // While the evidence cannot certify a single machine label, random rows are what is missing:
  // they calibrate. Once labels flow, the query strategy picks the rows that teach the model most.
  const explore = choice.take === 0;
  const want = Math.max(0, input.batchSize - auditCount - rechecks.length);
  // the strategy's scores of the candidates by the fold models: they shortlist the candidates on a large pool,
  // and calibration rows are compared with them
  const scores = input.strategy.scores;
  const foldScores = !explore && scores ? scores({ probs: gatherRows(fit.pool, candidates, numLabels), numLabels, count: candidates.length, seed: 0 }) : null;
  const asked = explore ? [] : shortlist(candidates, foldScores, want);
  // The round's model, on every label: it is saved as the round's artifact, and it is what the query
  // strategy asks which rows it is unsure of (the rows people label next teach this model, not the
  // fold models, which each saw four fifths of the labels and only calibrate).
  input.stage?.(explore ? `the round's model: training on every label` : `the round's model: training on every label, scoring ${asked.length} rows for people's next batch`);
  const model = await fitArtifact(input, factory, humanTexts.concat(extra.texts), concatInt32(input.humanLabels, extra.labels), humanTexts.length);
  let pickedRows: number[];
  try {
    pickedRows = explore
      ? shuffled(candidates, createRng(deriveSeed(input.seed, "explore", input.round))).slice(0, want)
      : await pickWithStrategy(input, asked, roundModelProbs(model, input, asked), want, factory);
  } catch (err) {
    model.dispose();
    throw err;
  }
  for (const i of pickedRows) queue.push({ row: input.pool[i] as number, reason: explore ? "bootstrap" : "uncertain", suggestion: suggestion(i) });

  const aboveThreshold = (i: number): boolean => {
    const t = choice.thresholds[held.label[i] as number];
    return t !== undefined && (held.confidence[i] as number) >= t;
  };
  const retireFromCalibration = (
    input.reviseMachineLabels
      ? explore
        ? []
        : pickedLike(input.strategy, foldScores, pickedRows.length, fit.oof, calib.filter((i) => !aboveThreshold(i)), numLabels)
      : calib.filter(aboveThreshold)
  ).map((i) => input.humanRows[i] as number);
  const restEstimatedAccuracy = rest.length > 0 && cal.global.length > 0 ? rest.reduce((acc, i) => acc + estimate(i), 0) / rest.length : null;
  return { temperature, auto, queue, rechecks: recheckRows, choice, heldOutAccuracy, confusion, calibrationRows: calib.length, retireFromCalibration, restEstimatedAccuracy, model };
}

/** The round's artifact: one model on every label, trained the way the fold models were (with pseudo-labels from the pool if they were). */
async function fitArtifact(input: TrainRoundInput, factory: ClassifierFactory, texts: string[], labels: Int32Array, peopleRows: number): Promise<TextClassifier> {
  let model = factory.create(deriveSeed(input.seed, "model", input.round));
  await model.fit(texts, labels, input.numLabels, { peopleRows });
  if (!input.pseudoLabels) return model;
  const drawn = drawPseudoLabels(model, input.pool.length, (k) => input.texts[input.pool[k] as number] as string, texts.length, input.numLabels, input.pseudoLabels, deriveSeed(input.seed, "model-pseudo", input.round));
  if (drawn.texts.length === 0) return model;
  model.dispose();
  model = factory.create(deriveSeed(input.seed, "model-self", input.round));
  await model.fit(texts.concat(drawn.texts), concatInt32(labels, Int32Array.from(drawn.labels)), input.numLabels, { peopleRows });
  return model;
}

const NO_LEDGER: Ledger = { labels: 0, correct: 0, variance: 0 };

/** The round model scores this many candidates at a time: its working memory stays that of a fold model's share of a large pool. */
const QUERY_SCORING_ROWS = 50_000;

/** On a large pool the round's model is asked about this many candidates per row people get (and at least QUERY_SHORTLIST_MIN). */
const QUERY_SHORTLIST_PER_ROW = 4;
const QUERY_SHORTLIST_MIN = 100_000;

/**
 * The candidates the round's model is asked about: all of them, unless there are more than
 * max(QUERY_SHORTLIST_MIN, QUERY_SHORTLIST_PER_ROW x want); then those the fold models rank first by the
 * strategy's own score (ties by position), in pool order. Asking the round's model about every candidate of a
 * 1,000,000-row pool cost the round an eighth of its time, and the rows it is least sure of are among those
 * the fold models are least sure of. Strategies that do not pick by a score are asked about every candidate.
 */
function shortlist(candidates: number[], foldScores: Float64Array | null, want: number): number[] {
  const size = Math.max(QUERY_SHORTLIST_MIN, QUERY_SHORTLIST_PER_ROW * want);
  if (!foldScores || candidates.length <= size) return candidates;
  return topByScore(foldScores, size)
    .sort((a, b) => a - b)
    .map((k) => candidates[k] as number);
}

/** The round's model's probabilities for the candidates (indices into the pool), row-major, candidates.length x numLabels. */
function roundModelProbs(model: TextClassifier, input: TrainRoundInput, candidates: readonly number[]): Float32Array {
  const { numLabels } = input;
  const probs = new Float32Array(candidates.length * numLabels);
  for (let start = 0; start < candidates.length; start += QUERY_SCORING_ROWS) {
    const part = candidates.slice(start, start + QUERY_SCORING_ROWS).map((i) => input.texts[input.pool[i] as number] as string);
    probs.set(model.predictProba(part), start * numLabels);
  }
  return probs;
}

/**
 * Calibration rows (indices into the human rows) the strategy would have picked too, had it picked by
 * the fold models' scores (the only scores calibration rows have: out-of-fold ones): scored by the
 * strategy on their out-of-fold probabilities, at least as high as the `picked`-th highest score among
 * the candidates' fold scores. None for strategies that do not pick by a score (random, diversity).
 */
function pickedLike(strategy: QueryStrategy, candidateScores: Float64Array | null, picked: number, oof: Float32Array, calibRest: number[], numLabels: number): number[] {
  const scores = strategy.scores;
  if (!scores || !candidateScores || picked === 0 || calibRest.length === 0) return [];
  const cutoff = kthLargest(candidateScores, Math.min(picked, candidateScores.length));
  const calibScores = scores({ probs: gatherRows(oof, calibRest, numLabels), numLabels, count: calibRest.length, seed: 0 });
  return calibRest.filter((_, k) => (calibScores[k] as number) >= cutoff);
}

/**
 * Pool rows (index into the pool) whose earlier machine label this round's models contradict at or
 * above the confidence they machine-label their new label's class at: the most confident first.
 */
function contradictedInPool(
  pool: readonly number[],
  earlier: ReadonlyMap<number, number>,
  pred: { label: Int32Array; confidence: ArrayLike<number> },
  thresholds: Record<number, number>,
  limit: number,
): { index: number; label: number; confidence: number }[] {
  if (limit <= 0 || earlier.size === 0) return [];
  const found: { index: number; label: number; confidence: number }[] = [];
  pool.forEach((row, i) => {
    const before = earlier.get(row);
    const label = pred.label[i] as number;
    const t = thresholds[label];
    const c = pred.confidence[i] as number;
    if (before !== undefined && before !== label && t !== undefined && c >= t) found.push({ index: i, label, confidence: c });
  });
  return found.sort((a, b) => b.confidence - a.confidence || a.index - b.index).slice(0, limit);
}

/**
 * Earlier machine labels that models trained on the (larger) human set now contradict, at least as
 * confidently as this round's threshold: the most confident contradictions first, at most `limit`.
 */
function findRechecks(input: TrainRoundInput, view: { label: Int32Array; confidence: ArrayLike<number> }, threshold: number | null, limit: number): { index: number; label: number; confidence: number }[] {
  if (threshold === null || limit <= 0 || input.machineRows.length === 0) return [];
  const found: { index: number; label: number; confidence: number }[] = [];
  input.machineRows.forEach((_, i) => {
    const c = view.confidence[i] as number;
    if (view.label[i] !== input.machineLabels[i] && c >= threshold) found.push({ index: i, label: view.label[i] as number, confidence: c });
  });
  return found.sort((a, b) => b.confidence - a.confidence || a.index - b.index).slice(0, limit);
}

/** The k-th largest of the values (k from 1). */
function kthLargest(values: ArrayLike<number>, k: number): number {
  return Float64Array.from(values).sort()[values.length - k] as number;
}

/** `probs`: the candidates' probabilities (candidates.length x numLabels) that the strategy picks by. */
async function pickWithStrategy(input: TrainRoundInput, candidates: number[], probs: Float32Array, n: number, factory: ClassifierFactory): Promise<number[]> {
  const { numLabels } = input;
  let vectorModel: TextClassifier | null = null;
  const ctx = {
    probs,
    numLabels,
    count: candidates.length,
    seed: deriveSeed(input.seed, "query", input.round),
    vectors: () => {
      // text vectors come from a model on the human labels (for strategies that look at diversity)
      if (!vectorModel?.textVectors) throw new Error("text vectors unavailable");
      return vectorModel.textVectors(candidates.map((i) => input.texts[input.pool[i] as number] as string));
    },
  };
  if (input.strategy.name === "diversity") {
    vectorModel = factory.create(deriveSeed(input.seed, "vectors", input.round));
    await vectorModel.fit(input.humanRows.map((r) => input.texts[r] as string), input.humanLabels, numLabels);
    if (!vectorModel.textVectors) delete (ctx as { vectors?: unknown }).vectors;
  }
  try {
    return input.strategy.select(ctx, n).map((j) => candidates[j] as number);
  } finally {
    vectorModel?.dispose();
  }
}
