#!/usr/bin/env node
// Makes a compact copy of a transformer encoder folder (Hugging Face / sentence-transformers layout)
// to carry to the GPU machine, whose transfers are limited to 64 MiB: model.safetensors with every
// 2-D F32 weight as int8 with one F32 scale per row (an I8 tensor `name` plus an F32 tensor
// `name.__scale__`; see scripts/lib/safetensors-int8.mjs and docs/gpu.md), and the tokenizer and
// config files. all-MiniLM-L6-v2: 90.9 MB fp32 -> about 23 MB (fp16 would be 45 MB).
//
//   node scripts/device/pack-encoder.mjs <encoder-dir> <out-dir>
// e.g. node scripts/device/pack-encoder.mjs /work/models/all-MiniLM-L6-v2 models/minilm-int8
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { buildSafetensors, parseSafetensors, quantizeRows, SCALE_SUFFIX, shouldQuantize } from "../lib/safetensors-int8.mjs";

const [src, out] = process.argv.slice(2).map((p) => p && resolve(p));
if (!src || !out) {
  console.error("usage: node scripts/device/pack-encoder.mjs <encoder-dir> <out-dir>");
  process.exit(2);
}
const weights = join(src, "model.safetensors");
if (!existsSync(weights)) {
  console.error(`${weights} not found: the encoder folder needs model.safetensors (fp32)`);
  process.exit(66);
}
const KEEP = ["config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json", "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json"];

const buf = await readFile(weights);
const { metadata, tensors } = parseSafetensors(buf);
const entries = [];
let worst = 0;
for (const [name, t] of [...tensors].sort(([a], [b]) => (a < b ? -1 : 1))) {
  if (!shouldQuantize(t)) {
    entries.push([name, t]);
    continue;
  }
  const [rows, cols] = t.shape;
  const values = new Float32Array(t.bytes.buffer.slice(t.bytes.byteOffset, t.bytes.byteOffset + t.bytes.length));
  const { q, scales } = quantizeRows(values, rows, cols);
  for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(q[i] * scales[Math.floor(i / cols)] - values[i]));
  entries.push([name, { dtype: "I8", shape: t.shape, bytes: new Uint8Array(q.buffer) }]);
  entries.push([name + SCALE_SUFFIX, { dtype: "F32", shape: [rows], bytes: new Uint8Array(scales.buffer) }]);
}
const sha = createHash("sha256").update(buf).digest("hex");
const packed = buildSafetensors(entries, { ...metadata, "al-label.quantization": "int8-per-row", "al-label.source_sha256": sha });
await mkdir(out, { recursive: true });
await writeFile(join(out, "model.safetensors"), packed);
for (const f of KEEP) {
  if (!existsSync(join(src, f))) continue;
  await mkdir(dirname(join(out, f)), { recursive: true });
  await copyFile(join(src, f), join(out, f));
}
let total = 0;
for (const f of ["model.safetensors", ...KEEP]) if (existsSync(join(out, f))) total += (await stat(join(out, f))).size;
console.log(`${out}: model.safetensors ${(packed.length / 1e6).toFixed(1)} MB (from ${(buf.length / 1e6).toFixed(1)} MB fp32; largest absolute weight error ${worst.toExponential(2)}), ${(total / 1e6).toFixed(1)} MB in all`);
