#!/usr/bin/env node
// npm run bench:policies: al-label's default policy beside --policy sagemaker-sample (the AWS sample's
// rules, same engine) on real corpora from $AL_LABEL_DATASETS, each made into a manifest with a seeded
// 20% labeled and a gold field, answered by simulated people. Prints a Markdown table.
//   node scripts/bench-policies.mjs [--sets uci,ag-news,...] [--seed 1 | --seeds 1-6] [--policies al-label,sagemaker-sample]
//        [--out bench-out] [--run-flags "--model fasttext --pseudo-labels"]
// --run-flags: more `al-label run` flags for every run, split on spaces (give each variant its own --out).
// --seeds makes one manifest per seed (the seeded 20% labeled differs; each run keeps the default --seed 1) and
// ends with a line per data set and policy: the range of human shares and how many runs ended under 95% right.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32, shuffleInPlace } from "./lib/random.mjs";
import { DATASETS } from "./lib/datasets.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = DATASETS;
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
/** "1-6" or "1,4,7" -> ["1", ..., "6"] or ["1", "4", "7"]; anything else (a descending range, a stray word) -> null */
function seedList(text) {
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) {
    const [low, high] = [Number(range[1]), Number(range[2])];
    return low <= high ? Array.from({ length: high - low + 1 }, (_, k) => String(low + k)) : null;
  }
  return /^\d+(,\d+)*$/.test(text) ? text.split(",") : null;
}
const seeds = seedList(opt("seeds", opt("seed", "1")));
const policies = opt("policies", "al-label,sagemaker-sample").split(",");
if (!seeds || policies.some((p) => !["al-label", "sagemaker-sample"].includes(p))) {
  console.error("bench-policies: --seeds takes N-M (N <= M) or a comma list of integers; --policies al-label and/or sagemaker-sample");
  process.exit(2);
}
/** the runs' --target-accuracy (the default): the summary counts runs whose machine labels fell under it */
const TARGET = 0.95;
const out = resolve(opt("out", join(root, "bench-out", "policies")));
const runFlags = opt("run-flags", "").split(" ").filter(Boolean);

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
  console.error(`bench-policies: ${shared} is missing; set AL_LABEL_DATASETS to the data-set folder (docs/benchmarks.md, "Data sets").`);
  process.exit(2);
}
mkdirSync(out, { recursive: true });


/** The corpus made into a manifest in out/<dir>/<name>.jsonl, with the seed's 20% labeled. */
function makeManifest(dir, name, set, seed) {
  const manifest = join(out, dir, `${name}.jsonl`);
  let csv = set.csv ? join(shared, set.csv) : null;
  if (set.jsonl) {
    // JSONL corpora (text, label): write a CSV for make-manifest, taking rows spread over the file
    const rows = readFileSync(join(shared, set.jsonl), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    // some corpora are stored sorted by label (IMDB: all negative reviews, then all positive): shuffle
    // with the seed, so that "first rows in file order" (the sample's rule) means what it means on real data
    shuffleInPlace(rows, mulberry32(Number(seed)));
    const picked = rows.slice(0, set.limit ?? rows.length);
    const q = (s) => `"${String(s).replace(/"/g, '""')}"`;
    csv = join(out, dir, `${name}.csv`);
    mkdirSync(dirname(csv), { recursive: true });
    writeFileSync(csv, `text,label\n${picked.map((r) => `${q(r.text)},${q(r.label)}`).join("\n")}\n`);
  }
  const extra = set.limit && set.csv ? ["--limit", String(set.limit)] : [];
  const r = spawnSync(process.execPath, [join(root, "scripts", "make-manifest.mjs"), csv, "--out", manifest, "--seed", seed, ...extra], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return manifest;
}

function runPolicy(manifest, dir, policy) {
  const workdir = join(out, dir, `work-${policy}`);
  rmSync(workdir, { recursive: true, force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, "bin", "al-label.js"), "run", manifest, "--simulate-humans", "gold", "--workdir", workdir, "--policy", policy, "--json", "--quiet", ...runFlags], { encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) return { error: `exit ${r.status}: ${r.stderr.slice(-300)}` };
  const summary = JSON.parse(r.stdout);
  const ev = spawnSync(process.execPath, [join(root, "scripts", "evaluate.mjs"), join(workdir, "output.jsonl")], { encoding: "utf8" });
  return { ...JSON.parse(ev.stdout), rounds: summary.rounds, seconds };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const many = seeds.length > 1;
console.log(`| data set | rows |${many ? " manifest seed |" : ""} policy | human-labeled | machine-labeled | machine labels right (95% interval) | rounds | wall s |`);
console.log(`|${" --- |".repeat(many ? 9 : 8)}`);
const results = [];
for (const name of wanted) {
  const set = SETS[name];
  if (!set) throw new Error(`unknown set ${name}; known: ${Object.keys(SETS).join(", ")}`);
  for (const seed of seeds) {
    // one folder per seed when there are several, so each run's work dir stays for a look afterwards
    const dir = many ? `${name}/seed-${seed}` : name;
    const manifest = makeManifest(dir, name, set, seed);
    for (const policy of policies) {
      const r = runPolicy(manifest, dir, policy);
      const cell = many ? ` ${seed} |` : "";
      if (r.error) {
        console.log(`| ${name} | |${cell} ${policy} | ${r.error} | | | | |`);
        continue;
      }
      results.push({ name, policy, ...r });
      const right = r.machine > 0 ? `${pct(r.machineAccuracy)} (${pct(r.machineAccuracy95[0])}–${pct(r.machineAccuracy95[1])})` : "–";
      console.log(`| ${name} | ${r.rows.toLocaleString("en")} |${cell} ${policy} | ${pct(r.humanShare)} | ${pct(r.machineShare)} | ${right} | ${r.rounds} | ${r.seconds.toFixed(1)} |`);
    }
  }
}
if (many) {
  console.log("");
  for (const name of wanted)
    for (const policy of policies) {
      const runs = results.filter((r) => r.name === name && r.policy === policy);
      if (runs.length === 0) continue;
      const shares = runs.map((r) => r.humanShare);
      const labeled = runs.filter((r) => r.machine > 0).map((r) => r.machineAccuracy);
      const lowest = labeled.length > 0 ? `${(100 * Math.min(...labeled)).toFixed(2)}%` : "–";
      const under = labeled.filter((a) => a < TARGET).length;
      console.log(`${name}, ${policy}: ${runs.length} runs, human ${pct(Math.min(...shares))}–${pct(Math.max(...shares))}, machine labels right at least ${lowest}, ${under} under ${pct(TARGET)}`);
    }
}
