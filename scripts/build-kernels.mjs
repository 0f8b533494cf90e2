#!/usr/bin/env node
// npm run build:kernels: compiles src/encoder-head/head-kernels.wat (WebAssembly text) with wabt into
// src/encoder-head/head-kernels-wasm.ts, the module's bytes as base64, which is committed: a plain
// install needs no compiler. test/encoder-head/head-kernels.test.ts fails when the two differ.
//   node scripts/build-kernels.mjs [--check]   (--check: exit 1 if the committed file is stale)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileKernels, kernelsModuleSource } from "./lib/kernels-source.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wat = join(root, "src", "encoder-head", "head-kernels.wat");
const target = join(root, "src", "encoder-head", "head-kernels-wasm.ts");
const text = kernelsModuleSource(await compileKernels(readFileSync(wat, "utf8")));
if (process.argv.includes("--check")) {
  const same = readFileSync(target, "utf8") === text;
  console.log(same ? `${target} matches ${wat}` : `${target} is stale: run npm run build:kernels`);
  process.exit(same ? 0 : 1);
}
writeFileSync(target, text);
console.log(`wrote ${target}`);
