#!/usr/bin/env node
// npm run demo: labels the bundled 2,000-row UCI News sample with simulated people (the `gold` field
// answers each queued task), then checks the output against the gold labels.
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
const run = spawnSync(process.execPath, args, { stdio: "inherit" });
if (run.status !== 0) process.exit(run.status ?? 1);
console.error("\nchecking the output manifest against the gold labels:");
const check = spawnSync(process.execPath, [join(root, "scripts", "evaluate.mjs"), join(workdir, "output.jsonl"), "--input", manifest], { stdio: "inherit" });
process.exit(check.status ?? 1);
