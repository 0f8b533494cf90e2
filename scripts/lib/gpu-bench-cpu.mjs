#!/usr/bin/env node
// bench:gpu's CPU side, run as a child process pinned to 2 cores (taskset) by scripts/bench-gpu.mjs:
//   node scripts/lib/gpu-bench-cpu.mjs dense <datasets>
//   node scripts/lib/gpu-bench-cpu.mjs encode <datasets> <encoder-dir> <rows> <max-seconds>
// Prints one JSON line with the figures.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { accuracy, headlines, openEncoder, readUci, splits, timedEncode } from "./gpu-bench-data.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const [mode, datasets, encoderDir, rowsArg, maxSeconds] = process.argv.slice(2);
const rows = await readUci(datasets);
if (!rows) throw new Error(`missing UCI News under ${datasets}`);

if (mode === "dense") {
  const { denseFactory } = await import(join(root, "dist/classifiers/dense-classifier.js"));
  const { DENSE_DEFAULTS } = await import(join(root, "dist/dense/index.js"));
  const { names, train, test } = splits(rows);
  const t0 = performance.now();
  const model = denseFactory({ ...DENSE_DEFAULTS }).create(1);
  await model.fit(train.texts, train.labels, names.length);
  const seconds = (performance.now() - t0) / 1000;
  const acc = accuracy(model.predictProba(test.texts), test.labels, names.length);
  console.log(JSON.stringify({ engine: "sparse CPU engine", seconds, accuracy: acc, trainRows: train.texts.length, testRows: test.texts.length }));
} else if (mode === "encode") {
  // TF.js on the CPU: the wasm backend (SIMD; one thread in Node), else the plain cpu backend.
  const tf = await import("@tensorflow/tfjs");
  let backend = "cpu";
  try {
    await import("@tensorflow/tfjs-backend-wasm");
    if (await tf.setBackend("wasm")) backend = "wasm";
  } catch {
    /* cpu below */
  }
  if (backend === "cpu") await tf.setBackend("cpu");
  await tf.ready();
  const { impl, encoder } = await openEncoder(root, tf, encoderDir, { batchSize: 64, maxLength: 128 });
  const texts = headlines(rows, Number(rowsArg));
  const warm = await encoder.encode(texts.slice(0, 8)); // first-call costs out of the timing; its vectors are compared with the GPU's
  const got = await timedEncode(encoder, texts, { chunk: 64, deadline: performance.now() + Number(maxSeconds) * 1000 });
  console.log(JSON.stringify({ runtime: `TF.js ${backend} backend`, impl, ...got, rowsPerSecond: got.rows / got.seconds, dim: encoder.dim, sample: Array.from(warm) }));
  encoder.dispose();
} else throw new Error(`unknown mode ${mode}`);
