#!/usr/bin/env node
// npm run bench:policies: al-label's default policy beside --policy sagemaker-sample (the AWS sample's
// rules, same engine) on real corpora from ../shared/datasets, each made into a manifest with a seeded
// 20% labeled and a gold field, answered by simulated people. Prints a Markdown table.
//   node scripts/bench-policies.mjs [--sets uci,ag-news,...] [--seed 1] [--out bench-out]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32, shuffleInPlace } from "./lib/random.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(root, "..", "shared", "datasets");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const seed = opt("seed", "1");
const out = resolve(opt("out", join(root, "bench-out", "policies")));

const SETS = {
  uci: { csv: "uci-news-aggregator/uci_news_5publishers.csv" },
  "ag-news": { csv: "ag-news/ag_news_test.csv" },
  sms: { csv: "sms-spam-collection/sms_spam.csv" },
  "20news": { jsonl: "20newsgroups/20news_bydate.jsonl", limit: 6000 },
  imdb: { jsonl: "imdb/imdb_test.jsonl", limit: 6000 },
  tweeteval: { csv: "tweeteval/emoji.csv", limit: 10000 },
};
const wanted = opt("sets", "uci,ag-news,sms,imdb,tweeteval").split(",");
if (!existsSync(shared)) {
  console.error(`bench-policies: ${shared} is missing; it needs ../shared/datasets beside the checkout.`);
  process.exit(2);
}
mkdirSync(out, { recursive: true });


function makeManifest(name, set) {
  const manifest = join(out, name, `${name}.jsonl`);
  let csv = set.csv ? join(shared, set.csv) : null;
  if (set.jsonl) {
    // JSONL corpora (text, label): write a CSV for make-manifest, taking rows spread over the file
    const rows = readFileSync(join(shared, set.jsonl), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    // some corpora are stored sorted by label (IMDB: all negative reviews, then all positive): shuffle
    // with the seed, so that "first rows in file order" (the sample's rule) means what it means on real data
    shuffleInPlace(rows, mulberry32(Number(seed)));
    const picked = rows.slice(0, set.limit ?? rows.length);
    const q = (s) => `"${String(s).replace(/"/g, '""')}"`;
    csv = join(out, name, `${name}.csv`);
    mkdirSync(dirname(csv), { recursive: true });
    writeFileSync(csv, `text,label\n${picked.map((r) => `${q(r.text)},${q(r.label)}`).join("\n")}\n`);
  }
  const extra = set.limit && set.csv ? ["--limit", String(set.limit)] : [];
  const r = spawnSync(process.execPath, [join(root, "scripts", "make-manifest.mjs"), csv, "--out", manifest, "--seed", seed, ...extra], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return manifest;
}

function runPolicy(manifest, name, policy) {
  const workdir = join(out, name, `work-${policy}`);
  rmSync(workdir, { recursive: true, force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, "bin", "al-label.js"), "run", manifest, "--simulate-humans", "gold", "--workdir", workdir, "--policy", policy, "--json", "--quiet"], { encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) return { error: `exit ${r.status}: ${r.stderr.slice(-300)}` };
  const summary = JSON.parse(r.stdout);
  const ev = spawnSync(process.execPath, [join(root, "scripts", "evaluate.mjs"), join(workdir, "output.jsonl")], { encoding: "utf8" });
  return { ...JSON.parse(ev.stdout), rounds: summary.rounds, seconds };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
console.log(`| data set | rows | policy | human-labeled | machine-labeled | machine labels right (95% interval) | rounds | wall s |`);
console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
for (const name of wanted) {
  const set = SETS[name];
  if (!set) throw new Error(`unknown set ${name}; known: ${Object.keys(SETS).join(", ")}`);
  const manifest = makeManifest(name, set);
  for (const policy of ["al-label", "sagemaker-sample"]) {
    const r = runPolicy(manifest, name, policy);
    if (r.error) {
      console.log(`| ${name} | | ${policy} | ${r.error} | | | | |`);
      continue;
    }
    console.log(`| ${name} | ${r.rows.toLocaleString("en")} | ${policy} | ${pct(r.humanShare)} | ${pct(r.machineShare)} | ${pct(r.machineAccuracy)} (${pct(r.machineAccuracy95[0])}–${pct(r.machineAccuracy95[1])}) | ${r.rounds} | ${r.seconds.toFixed(1)} |`);
  }
}
