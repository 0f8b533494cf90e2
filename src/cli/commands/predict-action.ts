import { jsonLine } from "../json-out.js";
import type { PredictConfig } from "../../config/predict-config.js";
import { parseFlags } from "../parse-flags.js";
import { PREDICT_OPTIONS } from "../predict-options.js";
import { predict, type PredictSummary } from "./predict.js";
import { terminalLine } from "../../util/terminal-text.js";

/** Wires `predict`'s flags to predict(). Records own stdout, so the summary always goes to stderr. */
export async function predictCommand(modelDir: string, input: string, raw: Record<string, unknown>): Promise<number> {
  const flags = parseFlags<PredictConfig>(raw, PREDICT_OPTIONS);
  const s = await predict(modelDir, input, flags);
  if (flags.json) {
    process.stderr.write(jsonLine({ status: "ok", rows: s.rows, k: s.k, closedEarly: s.closedEarly, scored: s.scored, unknownGoldLabels: s.unknownGold, output: s.output, seconds: Math.round(s.seconds * 1000) / 1000 }));
  } else if (!flags.quiet) {
    process.stderr.write(`${describe(s)}\n`);
  }
  return 0;
}

export function describe(s: PredictSummary): string {
  const head = `predicted ${s.rows} row(s) -> ${s.output} in ${s.seconds.toFixed(2)} s${s.closedEarly ? " (the reader closed the output early)" : ""}`;
  if (!s.scored) return `${head}; no gold labels to score`;
  const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
  const lines = [`${head}`, `${s.scored.rows} row(s) with gold labels: accuracy ${pct(s.scored.accuracy)}, P@${s.k} ${s.scored.precisionAtK.toFixed(4)}, R@${s.k} ${s.scored.recallAtK.toFixed(4)}`];
  const unknown = Object.entries(s.unknownGold);
  if (unknown.length > 0) lines.push(`gold labels the model does not know (scored as wrong): ${unknown.map(([n, c]) => `${n} (${c})`).join(", ")}`);
  return lines.map((l) => terminalLine(l, 400)).join("\n");
}
