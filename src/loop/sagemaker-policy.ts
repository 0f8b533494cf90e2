import { join } from "node:path";
import type { Manifest } from "../manifest/types.js";
import { rowId } from "../manifest/types.js";
import type { RoundRecord, WorkState } from "../state/types.js";
import { margins, topClass } from "../strategies/margin.js";
import { createRng, deriveSeed, shuffled } from "../util/random.js";
import type { RowStatus } from "./row-status.js";
import type { LoopDeps, LoopSettings } from "./types.js";

/** The AWS sample auto-labels a row when its top-1 minus top-2 probability is above this. */
export const SAGEMAKER_MARGIN = 0.5;

/**
 * `--policy sagemaker-sample`: the rules of the AWS "bring your own model" active-learning sample
 * (REFERENCE.md section 2), played by our engine so the two policies can be compared on the same data.
 * Until 20% of rows carry human labels, the first unlabeled rows in file order go to people. Then
 * total/10 human rows (first in file order, chosen once) are held out as a validation set that only
 * measures the model; the model trains on the other human rows; every unlabeled row with a margin
 * above 0.50 is machine-labeled; a random min(total/10, rest) of the others go to people. No accuracy
 * target, no audit, no budget.
 */
export async function playSagemakerRound(manifest: Manifest, state: WorkState, status: RowStatus, cfg: LoopSettings, deps: LoopDeps, round: number, at: string, taskId: (round: number, row: number) => string): Promise<RoundRecord> {
  const total = manifest.rows.length;
  const human = status.humanRows.length;
  const base = { round, at, humanLabels: human, machineLabels: status.machineCount };
  if (Math.floor((100 * human) / total) < 20 || new Set(status.humanLabels).size < 2) {
    const need = Math.max(1, Math.floor(total / 5) - human);
    const rows = status.pool.slice(0, need); // the first unlabeled rows in file order
    for (const r of rows) state.pending.push({ taskId: taskId(round, r), rowId: rowId(r), reason: "bootstrap", round });
    return { ...base, kind: "bootstrap", queued: rows.length, autoLabeled: 0, unlabeledLeft: status.unlabeled };
  }
  if (!state.validationRows) state.validationRows = status.humanRows.slice(0, Math.floor(total / 10)); // made once
  const validation = new Set(state.validationRows);
  const train = status.humanRows.flatMap((r, i) => (validation.has(r) ? [] : [{ r, label: status.humanLabels[i] as number }]));
  const texts = manifest.rows.map((r) => r.text);
  const numLabels = manifest.labels.length;
  deps.reporter.step(`round ${round} (sagemaker-sample): training on ${train.length} human labels`);
  const started = performance.now();
  const model = deps.factory.create(deriveSeed(cfg.seed, "sagemaker", round));
  try {
    await model.fit(train.map((t) => texts[t.r] as string), Int32Array.from(train, (t) => t.label), numLabels);
    const validationRows = [...validation];
    const vTruth = validationRows.map((r) => status.humanLabels[status.humanRows.indexOf(r)]);
    const vPred = topClass(model.predictProba(validationRows.map((r) => texts[r] as string)), numLabels).label;
    const heldOutAccuracy = validationRows.length > 0 ? vTruth.filter((l, i) => l === vPred[i]).length / validationRows.length : undefined;
    const probs = model.predictProba(status.pool.map((r) => texts[r] as string));
    const pred = topClass(probs, numLabels);
    const margin = margins(probs, numLabels);
    const rest: number[] = [];
    let auto = 0;
    status.pool.forEach((row, i) => {
      if ((margin[i] as number) > SAGEMAKER_MARGIN) {
        state.machine[String(row)] = { label: pred.label[i] as number, confidence: pred.confidence[i] as number, round, at };
        auto++;
      } else rest.push(i);
    });
    const picked = shuffled(rest, createRng(deriveSeed(cfg.seed, "sagemaker-random", round))).slice(0, Math.min(Math.floor(total / 10), rest.length));
    for (const i of picked) {
      const row = status.pool[i] as number;
      state.pending.push({ taskId: taskId(round, row), rowId: rowId(row), reason: "bootstrap", round, suggestion: { label: pred.label[i] as number, confidence: pred.confidence[i] as number } });
    }
    await model.save(join(cfg.workdir, "models", `round-${round}`), { labels: manifest.labels, round, policy: "sagemaker-sample" });
    return {
      ...base,
      kind: "train",
      machineLabels: status.machineCount + auto,
      queued: picked.length,
      autoLabeled: auto,
      unlabeledLeft: status.unlabeled - auto,
      threshold: null,
      heldOutAccuracy,
      strategy: "sagemaker-sample: margin > 0.50 auto-labeled, random batch",
      trainSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    model.dispose();
  }
}
