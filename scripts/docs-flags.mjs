#!/usr/bin/env node
// npm run docs:flags: writes docs/flags.md from the commander program the CLI runs (built from the option
// tables in src/cli/*-options.ts and program.ts), so the flag docs cannot drift from --help.
// --check: write nothing; exit 1 when docs/flags.md differs from what would be written.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { createProgram } = await import(join(root, "dist", "cli", "program.js"));
const { renderFlagsDoc } = await import(join(root, "dist", "cli", "flags-doc.js"));
const target = join(root, "docs", "flags.md");
const text = renderFlagsDoc(createProgram({ setExitCode() {} }));
if (process.argv.includes("--check")) {
  let old = "";
  try { old = readFileSync(target, "utf8"); } catch { /* missing: stale */ }
  if (old !== text) {
    console.error("docs/flags.md is stale: run npm run docs:flags and commit it");
    process.exit(1);
  }
  console.error("docs/flags.md is up to date");
} else {
  writeFileSync(target, text);
  console.error(`wrote ${target}`);
}
