import { join } from "node:path";
import type { Manifest } from "../manifest/types.js";
import { rowId } from "../manifest/types.js";
import type { RoundRecord, TaskReason, WorkState } from "../state/types.js";
import { groundTruthDate } from "../util/clock.js";
import { deriveSeed } from "../util/random.js";
import { topClass } from "../strategies/margin.js";
import { selectBootstrap } from "./bootstrap.js";
import { trainRound } from "./train-round.js";
import { PSEUDO_LABELS } from "../calibration/pseudo-labels.js";
import { repeatsForRound } from "./repeats.js";
import { evaluateAudits } from "./audit.js";
import { playSagemakerRound } from "./sagemaker-policy.js";
import { rowStatus } from "./row-status.js";
import { createStrategy } from "../strategies/index.js";
import { countProgress } from "../report/progress.js";
import type { Ledger } from "../calibration/accuracy-estimate.js";
import type { RowStatus } from "./row-status.js";
import type { LoopDeps, LoopSettings } from "./types.js";

/** Smallest human set worth training a model on to stratify the first batch. */
const MIN_ROWS_TO_STRATIFY = 20;

/**
 * Plays one round and records it in the state (mutates it): a bootstrap batch while people have
 * labeled less than the bootstrap fraction, else a trained model's machine labels and queue.
 */
export async function playRound(manifest: Manifest, state: WorkState, statusBefore: RowStatus, cfg: LoopSettings, deps: LoopDeps): Promise<RoundRecord> {
  state.round++;
  const round = state.round;
  // Earlier machine labels are revised each round (unless they train the models, with --self-training):
  // the newest, best-informed models decide afresh which rows to machine-label and how, and the
  // accuracy target is certified for the whole set of machine labels they leave standing.
  const revise = !cfg.selfTraining;
  const penaltyBefore = state.estimatePenalty ?? 0;
  const revoked = evaluateAudits(state, cfg.targetAccuracy, cfg.confidence, revise);
  if ((state.estimatePenalty ?? 0) > penaltyBefore)
    deps.reporter.warn(`an audit found the accuracy estimates optimistic: later rounds lower them by ${(state.estimatePenalty ?? 0).toFixed(2)} in log-odds${revoked > 0 ? `, and ${revoked} machine labels were revoked and go back to the pool` : ""}`);
  const status = revoked > 0 ? rowStatus(manifest.rows, state) : statusBefore;
  const budget = cfg.maxHuman === undefined ? Infinity : Math.max(0, cfg.maxHuman - status.humanRows.length - state.pending.length);
  const batchSize = Math.min(cfg.batchSize, budget);
  const total = manifest.rows.length;
  const at = groundTruthDate(deps.clock());
  const texts = manifest.rows.map((r) => r.text);
  const human = status.humanRows.length;
  const needBootstrap = Math.ceil(cfg.bootstrapFraction * total) - human;
  const skipped = new Set(state.skipped ?? []);
  const base = { round, at, machineLabels: status.machineCount };
  if (cfg.policy === "sagemaker-sample") return playSagemakerRound(manifest, state, status, cfg, deps, round, at, taskId);

  if (needBootstrap > 0 || new Set(status.humanLabels).size < 2) {
    deps.reporter.step(`round ${round}: choosing the first rows for people`);
    const need = Math.min(budget, Math.max(needBootstrap, Math.min(batchSize, status.pool.length)));
    const candidates = status.pool.filter((r) => !skipped.has(r));
    const predicted = await predictForStratifying(texts, status, candidates, manifest.labels.length, cfg, deps, round);
    const rows = selectBootstrap(candidates, need, deriveSeed(cfg.seed, "bootstrap", round), predicted);
    for (const r of rows) state.pending.push({ taskId: taskId(round, r), rowId: rowId(r), reason: "bootstrap", round });
    return { ...base, kind: "bootstrap", humanLabels: human, queued: rows.length, autoLabeled: 0, unlabeledLeft: status.unlabeled };
  }

  const strategy = createStrategy(cfg.strategy);
  deps.reporter.step(`round ${round}: training on ${human} human labels, scoring ${status.pool.length} rows`);
  const started = performance.now();
  const earlier = machineLabeled(state);
  const pool = revise ? [...status.pool, ...earlier.machineRows].sort((a, b) => a - b) : status.pool;
  const retired = new Set(state.retiredFromCalibration ?? []);
  const repeats = repeatsForRound(cfg.repeats, human, manifest.labels.length);
  const result = await trainRound(
    {
      texts,
      humanRows: status.humanRows,
      humanLabels: status.humanLabels,
      calibrates: new Set(status.humanRows.filter((r) => !retired.has(r) && calibratingReason(state.human[String(r)]?.reason))),
      ...earlier,
      selfTraining: cfg.selfTraining,
      pseudoLabels: cfg.pseudoLabels ? PSEUDO_LABELS : null,
      pool,
      reviseMachineLabels: revise,
      estimatePenalty: state.estimatePenalty ?? 0,
      skipped,
      numLabels: manifest.labels.length,
      ledger: ledgerOf(state),
      targetAccuracy: cfg.targetAccuracy,
      confidenceLevel: cfg.confidence,
      batchSize,
      auditRate: batchSize > 0 ? cfg.auditRate : 0,
      strategy,
      folds: cfg.folds,
      repeats,
      seed: cfg.seed,
      round,
      progress: countProgress(deps.reporter, `round ${round}: training on ${human} human labels, scoring ${status.pool.length} rows`, "fold model"),
      stage: (what) => deps.reporter.step(`round ${round}: ${what}`),
    },
    deps.factory,
  );
  try {
    await result.model.save(join(cfg.workdir, "models", `round-${round}`), { labels: manifest.labels, round, threshold: result.choice.threshold });
  } finally {
    result.model.dispose();
  }
  state.retiredFromCalibration = [...retired, ...result.retireFromCalibration];
  const before = state.machine;
  if (revise) state.machine = {};
  for (const row of result.rechecks) delete state.machine[String(row)];
  let added = 0;
  let relabeled = 0;
  for (const a of result.auto) {
    const old = before[String(a.row)];
    // a label that stands keeps the round and date it was first given
    const same = old !== undefined && old.label === a.label;
    if (old === undefined) added++;
    else if (!same) relabeled++;
    state.machine[String(a.row)] = { label: a.label, confidence: a.confidence, score: a.score, round: same ? old.round : round, at: same ? old.at : at, p: a.p };
  }
  // withdrawn: earlier machine labels no longer given, and not because their rows went to people (audit, recheck)
  const queuedRows = new Set(result.queue.map((q) => String(q.row)));
  const withdrawn = revise ? Object.keys(before).filter((id) => !state.machine[id] && !queuedRows.has(id)).length : 0;
  const machineNow = Object.keys(state.machine).length;
  for (const q of result.queue) state.pending.push({ taskId: taskId(round, q.row), rowId: rowId(q.row), reason: q.reason, round, suggestion: q.suggestion, ...(q.expected !== undefined ? { expected: q.expected } : {}) });
  const queuedBy: Partial<Record<TaskReason, number>> = {};
  for (const q of result.queue) queuedBy[q.reason] = (queuedBy[q.reason] ?? 0) + 1;
  const left = status.unlabeled + status.machineCount - machineNow;
  return {
    ...base,
    kind: "train",
    machineLabels: machineNow,
    humanLabels: human,
    queued: result.queue.length,
    autoLabeled: added,
    ...(revise ? { relabeled, withdrawn } : {}),
    unlabeledLeft: left,
    strategy: strategy.describe(),
    model: deps.factory.describe(),
    queuedBy,
    restEstimatedAccuracy: result.restEstimatedAccuracy,
    forecastHumanLabels: forecastHuman(left, added, result.queue.length, batchSize, state.pending.length),
    threshold: result.choice.threshold,
    temperature: result.temperature,
    thresholds: Object.fromEntries(Object.entries(result.choice.thresholds).map(([cls, t]) => [manifest.labels[Number(cls)] ?? cls, t])),
    estimatedCorrect: result.choice.round.correct,
    estimateVariance: result.choice.round.variance,
    estimatedAccuracy: result.choice.round.labels > 0 ? result.choice.round.correct / result.choice.round.labels : null,
    cumulativeAccuracy: result.choice.cumulative.accuracy,
    accuracyLowerBound: result.choice.cumulative.lowerBound,
    heldOutAccuracy: result.heldOutAccuracy,
    confusion: result.confusion,
    calibrationRows: result.calibrationRows,
    repeats,
    trainSeconds: (performance.now() - started) / 1000,
  };
}

/**
 * The machine labels standing now, as the rounds that made them estimated them: each label's own
 * estimate of being right, and the rounds' variances (revoked labels' share of the variance is
 * kept, which only widens the bound).
 */
export function ledgerOf(state: WorkState): Ledger {
  const labels = Object.values(state.machine);
  return {
    labels: labels.length,
    correct: labels.reduce((acc, m) => acc + (m.p ?? m.confidence), 0),
    variance: state.rounds.reduce((acc, r) => acc + (r.estimateVariance ?? 0), 0),
  };
}

/**
 * A rough count of the human labels still to come, if later rounds go like this one: each round
 * settles `auto + queued` rows and sends `batch` to people.
 */
export function forecastHuman(left: number, auto: number, queued: number, batch: number, pending: number): number {
  const open = Math.max(0, left - pending);
  if (open === 0) return pending;
  const settled = auto + queued;
  if (settled === 0 || batch === 0) return pending + open;
  return pending + Math.min(open, Math.ceil(open / settled) * batch);
}

function machineLabeled(state: WorkState): { machineRows: number[]; machineLabels: Int32Array } {
  const entries = Object.entries(state.machine).map(([id, m]) => [Number(id), m.label] as const).sort((a, b) => a[0] - b[0]);
  return { machineRows: entries.map((e) => e[0]), machineLabels: Int32Array.from(entries, (e) => e[1]) };
}

/**
 * Only randomly chosen rows calibrate: the input's labeled rows (no task) and bootstrap or exploration
 * batches. Uncertain rows were chosen for being hard, audited rows for being confident, rechecked rows
 * for a contradiction: none is a sample of the pool the estimate is for.
 */
export function calibratingReason(reason: TaskReason | undefined): boolean {
  return reason === undefined || reason === "bootstrap";
}

/** Stable task id: the round and the row, e.g. "r3-000123". */
export const taskId = (round: number, row: number): string => `r${round}-${String(row).padStart(6, "0")}`;

async function predictForStratifying(texts: string[], status: RowStatus, candidates: number[], numLabels: number, cfg: LoopSettings, deps: LoopDeps, round: number): Promise<Int32Array | undefined> {
  if (status.humanRows.length < MIN_ROWS_TO_STRATIFY || new Set(status.humanLabels).size < 2) return undefined;
  const model = deps.factory.create(deriveSeed(cfg.seed, "stratify", round));
  try {
    await model.fit(status.humanRows.map((r) => texts[r] as string), status.humanLabels, numLabels);
    return topClass(model.predictProba(candidates.map((r) => texts[r] as string)), numLabels).label;
  } finally {
    model.dispose();
  }
}
