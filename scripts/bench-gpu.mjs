#!/usr/bin/env node
// GPU benchmark (TF.js on WebGPU through Dawn), beside the CPU path measured in the same run on the
// same machine, pinned to 2 cores (taskset -c 0,1 where taskset exists):
// Steps run in the order encode, dense, loop; each writes the --json-out file when it ends.
//   (a) dense: training the dense model on UCI News (train split; accuracy on the test split) with the
//       same recipe (DENSE_DEFAULTS: batch size, epochs) on the sparse CPU engine and on TF.js webgpu;
//   (b) encode: 1,000,000 headlines (UCI News' texts, then copies with one seeded edit each, as
//       bench:scale builds them) through the transformer encoder of --encoder on webgpu; the CPU path's
//       rate from a smaller sample (--cpu-rows, default 2,000; TF.js wasm backend);
//   (c) loop: one `al-label run` round on --loop-rows rows (default --rows) with --backend webgpu and that
//       encoder, only when `al-label run --help` lists --encoder (the loop's encoder integration); else it says so.
// Without a GPU adapter it prints "no GPU adapter: <reason>" and exits 0. Needs `npm run build` first.
//
//   npm run bench:gpu -- [--datasets ../shared/datasets] [--encoder <dir>] [--json-out <file>]
//                        [--rows 1000000] [--loop-rows <rows>] [--cpu-rows 2000] [--batch 1024] [--chunk 50000]
//                        [--steps encode,dense,loop] [--budget-s 265]
// --stand-in <wasm|cpu> runs the "GPU" side on that TF.js backend instead: a dry run of the script's
// steps on a machine without a GPU (its figures mean nothing).
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { accuracy, headlines, openEncoder, readUci, splits, timedEncode, UCI } from "./lib/gpu-bench-data.mjs";

const started = performance.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const datasets = resolve(opt("datasets", join(root, "../shared/datasets")));
const encoderDir = opt("encoder") && resolve(opt("encoder"));
const jsonOut = opt("json-out") && resolve(opt("json-out"));
const N = Number(opt("rows", "1000000"));
const loopRows = Number(opt("loop-rows", String(N)));
const cpuRows = Number(opt("cpu-rows", "2000"));
const steps = new Set(opt("steps", "encode,dense,loop").split(","));
const budget = Number(opt("budget-s", "265")) * 1000;
const deadline = started + budget;
const gpuBackend = opt("stand-in", "webgpu");
const batch = Number(opt("batch", "1024"));
const chunk = Number(opt("chunk", "50000"));
const left = () => Math.max(0, (deadline - performance.now()) / 1000);

const report = { date: new Date().toISOString(), node: process.version, datasets, encoder: encoderDir ?? null, gpu: null, cpuLimit: null, steps: {} };
/** Writes what is known so far (after every step, so a run cut by a timeout still leaves its figures). */
async function save() {
  report.seconds = (performance.now() - started) / 1000;
  if (!jsonOut) return;
  await mkdir(dirname(jsonOut), { recursive: true });
  await writeFile(jsonOut, `${JSON.stringify(report, null, 2)}\n`);
}
async function finish(code) {
  await save();
  process.exit(code);
}

if (!existsSync(join(root, "dist/backends/registry.js"))) {
  console.error("dist/ is missing: run `npm run build` first (and carry dist to the GPU machine)");
  process.exit(2);
}

// 1. Is there a GPU adapter? The project's own webgpu backend answers, bounded in time.
const { candidate } = await import(join(root, "dist/backends/registry.js"));
const { nodeProbeEnv } = await import(join(root, "dist/backends/select.js"));
const probe = await candidate(gpuBackend).load(nodeProbeEnv);
if (!probe.ok) {
  const reason = probe.reason.startsWith("no GPU adapter: ") ? probe.reason.slice("no GPU adapter: ".length) : probe.reason;
  console.log(`no GPU adapter: ${reason}`);
  report.noGpu = reason;
  await finish(0);
}
const tf = probe.tf;
report.gpu = gpuBackend === "webgpu" ? probe.detail : `none: a dry run with --stand-in ${gpuBackend} (${probe.detail})`;
console.log(`GPU: ${report.gpu}`);

// 2. Inputs.
const rows = await readUci(datasets);
if (!rows) {
  console.error(`UCI News is missing: ${join(datasets, UCI)} not found. Give the datasets folder with --datasets <dir> (default ../shared/datasets beside the project).`);
  report.error = `missing ${join(datasets, UCI)}`;
  await finish(66);
}
const taskset = spawnSync("taskset", ["-c", "0,1", "true"]).status === 0;
report.cpuLimit = taskset ? "taskset -c 0,1 (2 cores)" : "none: taskset is missing, the CPU child may use every core";
const cpuEnv = { ...process.env, UV_THREADPOOL_SIZE: "2", OMP_NUM_THREADS: "2" };

/** Runs the CPU side in a child pinned to 2 cores; its last stdout line is JSON. */
function cpuChild(workerArgs, seconds) {
  const cmd = [join(root, "scripts/lib/gpu-bench-cpu.mjs"), ...workerArgs];
  seconds = Math.round(seconds);
  const res = taskset
    ? spawnSync("taskset", ["-c", "0,1", process.execPath, ...cmd], { encoding: "utf8", env: cpuEnv, timeout: seconds * 1000, maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, cmd, { encoding: "utf8", env: cpuEnv, timeout: seconds * 1000, maxBuffer: 1 << 26 });
  const last = (res.stdout ?? "").trim().split("\n").at(-1);
  try {
    return JSON.parse(last);
  } catch {
    return { error: `CPU child failed (exit ${res.status}${res.signal ? `, ${res.signal}` : ""}): ${(res.stderr ?? "").trim().split("\n").slice(-3).join(" | ")}` };
  }
}

const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }) : "—");
const table = [];

// (b) encoding N headlines with the transformer encoder.
if (steps.has("encode")) {
  const out = { rows: N };
  if (!encoderDir || !existsSync(join(encoderDir, "config.json"))) {
    out.skipped = `no encoder folder (--encoder <dir> with config.json, vocab.txt, model.safetensors)${encoderDir ? `: ${encoderDir} has no config.json` : ""}`;
    console.log(`(b) encode: skipped: ${out.skipped}`);
  } else {
    try {
      console.log(`(b) encoding ${N.toLocaleString("en-US")} headlines with ${encoderDir}`);
      const texts = headlines(rows, N);
      // CPU first (its figure is needed even when the GPU run is cut by the time budget)
      out.cpu = cpuChild(["encode", datasets, encoderDir, String(cpuRows), String(Math.round(Math.max(10, Math.min(30, left() - 150))))], 75);
      console.log(`    CPU: ${JSON.stringify({ ...out.cpu, sample: undefined })}`);
      const { impl, encoder } = await openEncoder(root, tf, encoderDir, { batchSize: batch, maxLength: 128 });
      out.impl = impl;
      await encoder.encode(texts.slice(0, 2 * batch)); // compile the shaders of the common shapes outside the timing
      if (out.cpu.sample) {
        // the same 8 headlines on both: vectors agree up to float rounding (cosine), not bit for bit
        const mine = await encoder.encode(texts.slice(0, 8));
        const d = out.cpu.dim;
        let minCos = 1;
        for (let r = 0; r < 8; r++) {
          let dot = 0, a = 0, b = 0;
          for (let k = 0; k < d; k++) {
            dot += mine[r * d + k] * out.cpu.sample[r * d + k];
            a += mine[r * d + k] ** 2;
            b += out.cpu.sample[r * d + k] ** 2;
          }
          minCos = Math.min(minCos, dot / Math.sqrt(a * b));
        }
        out.gpuVsCpuMinCosine = minCos;
        delete out.cpu.sample;
        console.log(`    GPU vs CPU vectors of 8 headlines: lowest cosine ${minCos.toFixed(6)}`);
      }
      const tensors = tf.memory().numTensors;
      const got = await timedEncode(encoder, texts, {
        chunk,
        // leaves 60 s of the budget for the dense step and 120 s for the loop round
        deadline: performance.now() + Math.max(20, left() - (steps.has("dense") ? 60 : 0) - (steps.has("loop") ? 120 : 0) - 15) * 1000,
        log: (done, s) => console.log(`    GPU: ${done.toLocaleString("en-US")} rows in ${fmt(s)} s (${fmt(done / s, 0)} rows/s)`),
      });
      // GPU memory TF.js still holds after the last batch (webgpu pools freed buffers; the encoder trims that pool)
      const gib = (b) => (typeof b === "number" ? b / 1024 ** 3 : null);
      out.gpu = { ...got, rowsPerSecond: got.rows / got.seconds, tensorsLeft: tf.memory().numTensors - tensors, gpuGiBAllocatedAfter: gib(tf.memory().numBytesAllocatedInGPU), complete: got.rows === N };
      encoder.dispose();
      if (out.cpu.rowsPerSecond) out.speedup = out.gpu.rowsPerSecond / out.cpu.rowsPerSecond;
      console.log(`    GPU: ${JSON.stringify(out.gpu)}`);
    } catch (err) {
      out.error = String(err?.stack ?? err);
      console.error(`(b) failed: ${out.error}`);
    }
  }
  report.steps.encode = out;
  await save();
  table.push([
    `encode headlines (${out.impl ?? "transformer"})`,
    out.skipped ? "skipped" : out.cpu?.rowsPerSecond ? `${fmt(out.cpu.rowsPerSecond)} rows/s (${out.cpu.rows} rows, ${out.cpu.runtime})` : (out.cpu?.error ?? out.error ?? "failed"),
    out.skipped ? "skipped" : out.gpu ? `${fmt(out.gpu.rowsPerSecond, 0)} rows/s (${out.gpu.rows.toLocaleString("en-US")} rows in ${fmt(out.gpu.seconds)} s)` : "failed",
    out.speedup ? `${fmt(out.speedup, 0)}x` : (out.skipped ?? ""),
  ]);
}

// (a) dense model on UCI News, same recipe on both.
if (steps.has("dense")) {
  const out = { recipe: null, cpu: null, gpu: null };
  try {
    const { DENSE_DEFAULTS } = await import(join(root, "dist/dense/index.js"));
    const { createClassifierFactory } = await import(join(root, "dist/classifiers/factory.js"));
    out.recipe = { epochs: DENSE_DEFAULTS.epochs, batchSize: DENSE_DEFAULTS.batchSize, hiddenUnits: DENSE_DEFAULTS.hiddenUnits, maxFeatures: DENSE_DEFAULTS.maxFeatures, learningRate: DENSE_DEFAULTS.learningRate };
    console.log(`(a) dense model on UCI News, recipe ${JSON.stringify(out.recipe)}`);
    out.cpu = cpuChild(["dense", datasets], Math.max(15, Math.min(90, left() - 60)));
    console.log(`    CPU: ${JSON.stringify(out.cpu)}`);
    const { names, train, test } = splits(rows);
    const { factory } = await createClassifierFactory({
      model: "dense",
      engine: "tfjs",
      backend: gpuBackend,
      dense: { ...DENSE_DEFAULTS },
      fasttext: { epochs: 1, learningRate: 0.5, vectorDim: 4, wordNgrams: 1, minCount: 1, buckets: 100, minn: 0, maxn: 0, threads: 1 },
    });
    const tensors = tf.memory().numTensors;
    const t0 = performance.now();
    const model = factory.create(1);
    await model.fit(train.texts, train.labels, names.length);
    const seconds = (performance.now() - t0) / 1000;
    out.gpu = { engine: `TF.js ${gpuBackend}`, seconds, accuracy: accuracy(model.predictProba(test.texts), test.labels, names.length), tensorsLeft: tf.memory().numTensors - tensors };
    model.dispose();
    console.log(`    GPU: ${JSON.stringify(out.gpu)}`);
    if (out.cpu.seconds) {
      out.speedup = out.cpu.seconds / out.gpu.seconds;
      out.accuracyGapPoints = 100 * (out.gpu.accuracy - out.cpu.accuracy);
      out.accuracyWithinHalfPoint = Math.abs(out.accuracyGapPoints) <= 0.5;
    }
  } catch (err) {
    out.error = String(err?.stack ?? err);
    console.error(`(a) failed: ${out.error}`);
  }
  report.steps.dense = out;
  await save();
  table.push([
    `dense training, UCI News (${fmt(out.recipe?.epochs, 0)} epochs, batch ${fmt(out.recipe?.batchSize, 0)})`,
    out.cpu?.seconds ? `${fmt(out.cpu.seconds)} s, acc ${fmt(100 * out.cpu.accuracy, 2)}%` : (out.cpu?.error ?? "failed"),
    out.gpu ? `${fmt(out.gpu.seconds)} s, acc ${fmt(100 * out.gpu.accuracy, 2)}%` : "failed",
    out.speedup ? `${fmt(out.speedup, 2)}x faster; acc gap ${fmt(out.accuracyGapPoints, 2)} pts` : "",
  ]);
}

// (c) one loop round on N rows with --backend webgpu and the encoder (needs the loop's --encoder).
if (steps.has("loop")) {
  const out = { rows: loopRows };
  const help = spawnSync(process.execPath, [join(root, "bin/al-label.js"), "run", "--help"], { encoding: "utf8" });
  if (!/--encoder\b/.test(help.stdout ?? "")) out.skipped = "`al-label run --help` lists no --encoder (the loop's encoder integration is not on this build)";
  else if (!encoderDir) out.skipped = "no --encoder folder given";
  else if (left() < 30) out.skipped = `not enough of the time budget left (${fmt(left(), 0)} s)`;
  if (out.skipped) console.log(`(c) loop round: skipped: ${out.skipped}`);
  else {
    const dir = await mkdtemp(join(tmpdir(), "al-label-gpu-"));
    try {
      const manifest = join(dir, `uci-${loopRows}.jsonl`);
      const names = [...new Set(rows.map((r) => r.label))].sort();
      const texts = headlines(rows, loopRows);
      const stream = createWriteStream(manifest);
      for (let i = 0; i < loopRows; i++) {
        const label = rows[i % rows.length].label;
        const obj = { source: texts[i], gold: label };
        if (i % 10 === 0) {
          // 10% labeled, as bench:scale
          obj.category = names.indexOf(label);
          obj["category-metadata"] = { "class-name": label, confidence: 1, "human-annotated": "yes", type: "groundtruth/text-classification", "job-name": "labeling-job/uci-gpu", "creation-date": "2026-11-29T00:00:00.000000" };
        }
        if (!stream.write(`${JSON.stringify(obj)}\n`)) await once(stream, "drain");
      }
      stream.end();
      await once(stream, "finish");
      // a user's command: --engine auto puts the transformer on the GPU when one is usable and keeps the
      // n-gram models on the sparse CPU engine (a stand-in backend is named, as --backend, for the dry run)
      const alArgs = ["run", manifest, ...(gpuBackend === "webgpu" ? [] : ["--backend", gpuBackend]), "--encoder", encoderDir, "--max-rounds", "1", "--bootstrap-fraction", "0.1", "--json"];
      console.log(`(c) al-label ${alArgs.join(" ")}`);
      const t0 = performance.now();
      const res = spawnSync(process.execPath, [join(root, "bin/al-label.js"), ...alArgs], { encoding: "utf8", timeout: Math.round(Math.max(10, left() - 5) * 1000), maxBuffer: 1 << 28 });
      out.seconds = (performance.now() - t0) / 1000;
      out.exit = res.status ?? res.signal;
      try {
        out.summary = JSON.parse(res.stdout);
      } catch {
        out.stdoutTail = (res.stdout ?? "").slice(-2000);
      }
      // where the encoder ran and how long encoding took, as the run says it, and how it ended
      const said = (res.stderr ?? "").split(/\r|\n/).filter((l) => l.trim() !== "");
      out.said = said.filter((l) => /encoder runs|encoded \d/.test(l)).slice(0, 4);
      out.stderrTail = said.slice(-12).join("\n");
      console.log(`    exit ${out.exit} in ${fmt(out.seconds)} s`);
      for (const l of out.said) console.log(`    ${l}`);
      if (out.exit !== 0) console.log(out.stderrTail);
    } catch (err) {
      out.error = String(err?.stack ?? err);
      console.error(`(c) failed: ${out.error}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  report.steps.loop = out;
  table.push([`one loop round, ${loopRows.toLocaleString("en-US")} rows, --encoder on ${gpuBackend === "webgpu" ? "the GPU (--engine auto)" : gpuBackend}`, "not measured (GPU step only)", out.skipped ? `skipped: ${out.skipped}` : out.error ? "failed" : `exit ${out.exit}, ${fmt(out.seconds)} s`, ""]);
}

console.log(`\nGPU: ${report.gpu}\nCPU path: ${report.cpuLimit}\n`);
console.log("| step | CPU (2 threads) | webgpu | GPU vs CPU |\n| --- | --- | --- | --- |");
for (const r of table) console.log(`| ${r.join(" | ")} |`);
console.log(`\n${fmt((performance.now() - started) / 1000)} s in all`);
await finish(0);
