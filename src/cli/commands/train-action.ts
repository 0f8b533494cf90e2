import { jsonLine } from "../json-out.js";
import type { TrainConfig } from "../../config/train-config.js";
import { parseFlags } from "../parse-flags.js";
import { TRAIN_OPTIONS } from "../train-options.js";
import { train } from "./train.js";
import { terminalLine } from "../../util/terminal-text.js";

/** Wires `train`'s flags to train() and prints its summary (JSON on stdout with --json). */
export async function trainCommand(input: string, raw: Record<string, unknown>): Promise<number> {
  const flags = parseFlags<TrainConfig>(raw, TRAIN_OPTIONS);
  const s = await train(input, flags);
  const seconds = Math.round(s.trainSeconds * 1000) / 1000;
  if (flags.json) {
    process.stdout.write(
      jsonLine({ status: "ok", rows: s.rows, trainRows: s.trainRows, validationRows: s.validationRows, unlabeledIgnored: s.unlabeledIgnored, labels: s.labels, epochs: s.epochs, trainSeconds: seconds, validationAccuracy: s.validationAccuracy ?? null, out: s.out, params: s.params }),
    );
  } else if (!flags.quiet) {
    const val = s.validationAccuracy === undefined ? "" : `, validation accuracy ${(100 * s.validationAccuracy).toFixed(2)}%`;
    // Label names come from the input file: strip terminal controls before they reach a terminal.
    // the encoder head's default fit has no epochs: L-BFGS fits it to its minimum
    const how = "optimizer" in s.params && s.params.optimizer === "lbfgs" ? "fitted by L-BFGS" : `${s.epochs} epoch(s)`;
    process.stdout.write(`${terminalLine(`trained on ${s.trainRows} row(s), ${s.labels.length} labels (${s.labels.join(", ")}), ${how} in ${seconds} s${val}`, 400)}\nsaved ${terminalLine(s.out, 400)}\n`);
  }
  return 0;
}
