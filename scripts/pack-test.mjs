#!/usr/bin/env node
// The packaging test (npm run test:pack; also run by npm run test:e2e): packs al-label as npm would publish it,
// installs the tarball OFFLINE into a temporary folder from the npm cache that `npm install` filled, and runs the
// README tour's commands from the installed copy: run on the bundled sample with simulated people, status, report.
// Needs dist/ built (npm run build). Exits 0 when every step passes; prints the failing step and exits 1 otherwise.
//
// Offline: a bare `npm install --offline <tgz>` would need the registry's package documents to resolve version
// ranges, and an install from a lock file never caches those. So the temporary project gets a lock file made from
// this repository's: the same versions and integrity hashes (all in the cache), without the dev dependencies.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const keep = process.argv.includes("--keep");
const tmp = mkdtempSync(join(tmpdir(), "al-label-pack-"));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function step(title, cmd, args, opts = {}) {
  const started = Date.now();
  const res = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const ok = (opts.expect ?? [0]).includes(res.status);
  console.error(`${ok ? "ok  " : "FAIL"} ${title} (exit ${res.status}, ${secs} s)`);
  if (!ok) {
    console.error(`$ ${cmd} ${args.join(" ")}\n${res.stdout}\n${res.stderr}`);
    if (!keep) rmSync(tmp, { recursive: true, force: true });
    process.exit(1);
  }
  return res;
}

try {
  if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error("dist/ is not built: run npm run build first");
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  // --ignore-scripts: pack the dist/ already built rather than compiling again
  step("npm pack", npm, ["pack", "--ignore-scripts", "--pack-destination", tmp], { cwd: root });
  const tgz = readdirSync(tmp).find((f) => f.endsWith(".tgz"));
  if (!tgz) throw new Error("npm pack wrote no tarball");

  const project = join(tmp, "project");
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
  const packages = { "": { name: "al-label-pack-test", dependencies: { [pkg.name]: `file:../${tgz}` } } };
  packages[`node_modules/${pkg.name}`] = {
    version: pkg.version, resolved: `file:../${tgz}`, license: pkg.license, dependencies: pkg.dependencies,
    optionalDependencies: pkg.optionalDependencies, bin: pkg.bin, engines: pkg.engines,
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== "" && !entry.dev) packages[path] = { ...entry, devOptional: undefined };
  spawnSync("mkdir", ["-p", project]);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "al-label-pack-test", private: true, dependencies: packages[""].dependencies }, null, 2));
  writeFileSync(join(project, "package-lock.json"), JSON.stringify({ name: "al-label-pack-test", lockfileVersion: 3, requires: true, packages }, null, 2));
  step("npm install --offline (the tarball, dependencies from the npm cache)", npm, ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: project });

  const installed = join(project, "node_modules", pkg.name);
  for (const f of ["LICENSE", "NOTICE", "README.md", "docs/index.md", "docs/flags.md", "fixtures/manifests/uci-2000.jsonl", "scripts/answer-from-gold.mjs"]) {
    if (!existsSync(join(installed, f))) throw new Error(`the package lacks ${f} (package.json "files")`);
  }
  const bin = join(project, "node_modules", ".bin", "al-label");
  const tour = join(tmp, "tour");
  spawnSync("mkdir", ["-p", tour]);
  copyFileSync(join(installed, "fixtures", "manifests", "uci-2000.jsonl"), join(tour, "news.jsonl"));
  const opts = { cwd: tour, env: { ...process.env, SOURCE_DATE_EPOCH: "1795000000" } };
  step("al-label --version", bin, ["--version"], opts);
  step("al-label run news.jsonl (exit 3: waiting for people)", bin, ["run", "news.jsonl", "--model", "fasttext", "--quiet"], { ...opts, expect: [3] });
  step("al-label status news.jsonl", bin, ["status", "news.jsonl"], opts);
  step("answer-from-gold (the installed script) + al-label answer", process.execPath, [join(installed, "scripts", "answer-from-gold.mjs"), "news.jsonl.al-label/queue.jsonl", "news.jsonl", "--out", "answers.csv"], opts);
  step("al-label answer answers.csv news.jsonl", bin, ["answer", "answers.csv", "news.jsonl"], opts);
  const run = step("al-label run news.jsonl --simulate-humans gold (exit 0: complete)", bin, ["run", "news.jsonl", "--simulate-humans", "gold", "--model", "fasttext", "--quiet", "--json"], opts);
  const summary = JSON.parse(run.stdout);
  if (summary.status !== "complete" || !existsSync(join(tour, "news.jsonl.al-label", "output.jsonl"))) throw new Error(`run did not complete: ${run.stdout}`);
  step("al-label status news.jsonl", bin, ["status", "news.jsonl"], opts);
  step("al-label report news.jsonl", bin, ["report", "news.jsonl"], opts);
  for (const f of ["report.html", "report.md"]) if (!existsSync(join(tour, "news.jsonl.al-label", "report", f))) throw new Error(`report wrote no ${f}`);
  step("al-label doctor", bin, ["doctor"], opts);
  console.error(`packaging test passed: ${summary.rows} rows, ${summary.human} by people, ${summary.auto ?? summary.machine} by the model`);
} catch (err) {
  console.error(`FAIL ${err instanceof Error ? err.message : err}`);
  if (!keep) rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
}
if (keep) console.error(`kept ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
