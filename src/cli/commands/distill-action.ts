import { resolve } from "node:path";
import { stat, readdir } from "node:fs/promises";
import { UsageError } from "../../errors.js";
import { distillFolder } from "../../encoders/static/distill-folder.js";
import { DISTILL_DEFAULTS } from "../../encoders/static/distill.js";
import type { EncoderRuntime } from "../../encoders/types.js";
import { int, num, oneOf } from "../options-table.js";
import { createReporter } from "../../report/reporters.js";

/** `al-label encoders distill <encoder-dir> --out <dir>`. */
export async function distillCommand(dir: string, raw: Record<string, unknown>): Promise<number> {
  const out = resolve(String(raw.out));
  const dims = raw.dims === undefined ? DISTILL_DEFAULTS.dims : int(2, 4096)(String(raw.dims), "--dims");
  const sif = raw.sifCoefficient === undefined ? DISTILL_DEFAULTS.sifCoefficient : num(0, 1)(String(raw.sifCoefficient), "--sif-coefficient");
  const runtime = raw.runtime === undefined ? "auto" : oneOf<EncoderRuntime>("auto", "onnx", "tfjs")(String(raw.runtime), "--runtime");
  const threads = raw.threads === undefined ? undefined : int(1, 256)(String(raw.threads), "--threads");
  const existing = await stat(out).catch(() => null);
  if (existing && (!existing.isDirectory() || (await readdir(out)).some((n) => n !== "config.json" && n !== "model.safetensors" && !n.startsWith("tokenizer") && n !== "vocab.txt" && n !== "NOTICE.md"))) {
    throw new UsageError(`--out ${out} exists and holds other files; pick a new or empty folder`);
  }
  const reporter = createReporter({ quiet: Boolean(raw.json) });
  try {
    const r = await distillFolder(resolve(dir), out, {
      dims,
      sifCoefficient: sif === 0 ? null : sif,
      runtime,
      ...(threads !== undefined ? { threads } : {}),
      onProgress: (done, total) => reporter.step(`embedding the vocabulary: ${done} of ${total} tokens`),
    });
    reporter.stop();
    if (raw.json) process.stdout.write(`${JSON.stringify({ out, ...r })}\n`);
    else process.stdout.write(`wrote ${out}: ${r.vocab} tokens x ${r.dims} dimensions (${(100 * r.explainedVariance).toFixed(1)}% of the variance), ${r.runtime}, ${r.seconds.toFixed(1)} s\n`);
    return 0;
  } finally {
    reporter.stop();
  }
}
