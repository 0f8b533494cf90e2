#!/usr/bin/env node
// A short check of the webgpu backend on a GPU machine (gpu-check.sh runs it after bench:gpu):
// (1) the dense model on TF.js webgpu over three rounds leaves tf.memory().numTensors flat; (2) what
// Dawn says when a tensor is too large for the GPU, and that classifyGpuError calls it out-of-memory
// (the message the run's exit 74 relies on). Without a GPU adapter it says so and exits 0.
//   node scripts/device/webgpu-smoke.mjs <datasets-dir> [json-out] [stand-in backend, for a dry run: wasm|cpu]
import { writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { accuracy, readUci, splits } from "../lib/gpu-bench-data.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const [datasets = join(root, "../shared/datasets"), jsonOut, backend = "webgpu"] = process.argv.slice(2);
const dist = (p) => import(join(root, "dist", p));
const { candidate } = await dist("backends/registry.js");
const { nodeProbeEnv } = await dist("backends/select.js");
const { classifyGpuError } = await dist("backends/gpu-errors.js");
const { watchGpuDevice } = await dist("backends/gpu-watch.js");
const { createClassifierFactory } = await dist("classifiers/factory.js");
const { DENSE_DEFAULTS } = await dist("dense/index.js");
const out = { date: new Date().toISOString() };
const save = () => (jsonOut ? writeFile(jsonOut, `${JSON.stringify(out, null, 2)}\n`) : Promise.resolve());

const probe = await candidate(backend).load(nodeProbeEnv);
if (!probe.ok) {
  console.log(`no GPU adapter: ${probe.reason}`);
  out.noGpu = probe.reason;
  await save();
  process.exit(0);
}
const tf = probe.tf;
out.gpu = backend === "webgpu" ? probe.detail : `none: a dry run on ${backend}`;
console.log(probe.detail);

try {
  const { names, train, test } = splits(await readUci(datasets));
  const sub = { texts: train.texts.slice(0, 2000), labels: train.labels.slice(0, 2000) };
  const { factory } = await createClassifierFactory({
    model: "dense",
    engine: "tfjs",
    backend,
    dense: { ...DENSE_DEFAULTS, epochs: 2 },
    fasttext: { epochs: 1, learningRate: 0.5, vectorDim: 4, wordNgrams: 1, minCount: 1, buckets: 100, minn: 0, maxn: 0, threads: 1 },
  });
  const before = tf.memory().numTensors;
  const counts = [];
  for (let round = 1; round <= 3; round++) {
    const m = factory.create(round);
    await m.fit(sub.texts, sub.labels, names.length);
    out[`round${round}Accuracy`] = accuracy(m.predictProba(test.texts), test.labels, names.length);
    m.dispose();
    counts.push(tf.memory().numTensors);
  }
  out.memory = { before, afterEachRound: counts, flat: counts.every((c) => c === before) };
  console.log(`tf.memory().numTensors: before ${before}, after rounds ${counts.join(", ")}: ${out.memory.flat ? "flat" : "NOT FLAT"}`);
} catch (err) {
  out.memoryError = String(err?.stack ?? err);
  console.error(out.memoryError);
}
await save();

// (2) Too much GPU memory, two ways: one buffer far over the adapter's limits, then 4 GiB buffers until
// the GPU's memory runs out (at most 48, 192 GiB). What does TF.js throw, what does the watch see, and
// does classifyGpuError call it a GPU failure?
async function provoke(what, make) {
  const watch = watchGpuDevice(tf);
  const held = [];
  let thrown = null;
  try {
    await make(held);
  } catch (err) {
    thrown = err;
  }
  await new Promise((r) => setTimeout(r, 1000));
  const got = { thrown: thrown && String(thrown?.message ?? thrown).slice(0, 500), classified: thrown && classifyGpuError(thrown), watched: watch.failure(), held: held.length };
  watch.dispose();
  tf.dispose(held);
  console.log(`${what}: ${JSON.stringify(got)}`);
  return got;
}
out.oomHuge = await provoke("one 64 GiB tensor", async (held) => {
  const t = tf.fill([1 << 20, 1 << 14], 1);
  held.push(t);
  await t.sum().data();
});
await save();
// (on a stand-in CPU backend this would fill the machine's own memory: GPU only)
if (backend === "webgpu") out.oomMany = await provoke("4 GiB tensors until memory runs out", async (held) => {
  for (let i = 0; i < 48; i++) {
    const t = tf.fill([1 << 30], i);
    held.push(t);
    const s = t.slice([0], [1]);
    await s.data();
    s.dispose();
  }
});
await save();
process.exit(0); // Dawn keeps the event loop alive while the GPU is referenced
