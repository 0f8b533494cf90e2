#!/usr/bin/env node
// npm run build:kernels: compiles each WebAssembly text module of KERNEL_MODULES (scripts/lib/kernels-source.mjs:
// src/encoder-head/head-kernels.wat, src/dense/dense-kernels.wat, src/naive-bayes/hash-kernels.wat, src/naive-bayes/score-kernels.wat, src/encoders/static/row-sums.wat; `;; #include` lines take in shared
// fragments such as src/util/exp-f64x2.wat) with wabt into its TypeScript file, the module's
// bytes as base64, which is committed: a plain install needs no compiler. The kernels' tests fail when the two differ.
//   node scripts/build-kernels.mjs [--check]   (--check: exit 1 if a committed file is stale)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileKernels, KERNEL_MODULES, kernelsModuleSource, readKernelSource } from "./lib/kernels-source.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
let stale = 0;
for (const spec of KERNEL_MODULES) {
  const wat = join(root, spec.wat);
  const target = join(root, spec.target);
  const text = kernelsModuleSource(await compileKernels(readKernelSource(wat), spec.wat), spec);
  if (check) {
    const same = readFileSync(target, "utf8") === text;
    if (!same) stale++;
    console.log(same ? `${target} matches ${wat}` : `${target} is stale: run npm run build:kernels`);
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
