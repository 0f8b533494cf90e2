#!/usr/bin/env node
// npm run demo: labels the bundled 2,000-row UCI News sample with simulated people (the `gold` field
// answers each queued task), then checks the output against the gold labels. It writes only under .work/
// (git-ignored). Figures and its time on a 2-core machine: docs/benchmarks.md, "The bundled sample".
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = join(root, "fixtures", "manifests", "uci-2000.jsonl");
const workdir = join(root, ".work", "demo");
rmSync(workdir, { recursive: true, force: true });
const args = [join(root, "bin", "al-label.js"), "run", manifest, "--simulate-humans", "gold", "--workdir", workdir, ...process.argv.slice(2)];
console.error(`$ al-label ${args.slice(1).map((a) => a.replace(`${root}/`, "")).join(" ")}`);
const started = Date.now();
const run = spawnSync(process.execPath, args, { stdio: "inherit" });
if (run.status !== 0) process.exit(run.status ?? 1);
console.error("\nchecking the output manifest against the gold labels:");
const check = spawnSync(process.execPath, [join(root, "scripts", "evaluate.mjs"), join(workdir, "output.jsonl"), "--input", manifest], { stdio: "inherit" });
console.error(`\ndemo: ${((Date.now() - started) / 1000).toFixed(1)} s for the run and the check. On 2,000 short headlines the model is weak, so people`);
console.error("label about half the rows; on the full 13,339-row UCI News set the model labels 67-69% (docs/benchmarks.md).");
process.exit(check.status ?? 1);
