#!/usr/bin/env node
// npm run bench:peers: al-label's loop beside small-text (PyPI small-text 1.4.1, scikit-learn) on the same
// manifests, start sets, test split and batch sizes, with the same vectors and the same head (logistic
// regression, C=1, lbfgs): breaking-ties (small-text) / margin (ours, the same rule) and random queries.
// Ours runs in learning-curve mode (machine labeling off): each round cross-fits like the loop (--folds x
// --repeats fold models, src/calibration/cross-fit.ts), fits the round's model and queries by its
// probabilities with the loop's strategy module, as `run` does. Prints test accuracy when 20/30/40/50%
// of the rows carry human labels, and the time of one model fit and of one whole round on each side,
// from the same run.
//   node scripts/bench-peers.mjs [--sets uci,ag-news] [--limit 4000] [--start-seeds 1-3] [--budgets 0.2,0.3,0.4,0.5]
//        [--start-fraction 0.1] [--test-fraction 0.2] [--batch-fraction 0.05] [--folds 5] [--repeats 2]
//        [--vectors tfidf | set=file.f32,...] [--queries margin,random,diversity] [--fit-repeats 5] [--out bench-out/peers]
//        [--tol 1e-9] [--max-iter 1000] [--random-draws shared|own]
// --tol, --max-iter: the head's stopping rule on both sides (scikit-learn's tol and max_iter). The defaults fit
// both to the optimum of the same convex objective, so both pick the same rows unless two margins lie closer than
// the fits agree (about 3e-5; docs/experiment.md); with scikit-learn's own
// (--tol 1e-4 --max-iter 100) each side stops early, at points a little apart, and margin queries part ways
// on near-ties after a round or two.
// --random-draws shared (the default): small-text's learner is handed our random strategy's draws (common random
// numbers), so the random rows compare the two loops and heads, not two generators; own: its RandomSampling.
// --fit-repeats: each side times its one model fit this many times at each budget and reports the median.
// --queries: our strategies (margin and diversity are set beside small-text's breaking-ties, random beside its random).
// Vectors: the shipped static encoder's (encoders/minilm-l6-static), the same file on both sides;
// --vectors tfidf: tf-idf reduced to 256 dimensions (LSA) by scikit-learn; --vectors set=file.f32 gives
// other vectors (float32, row-major, one row per manifest row with gold, in file order).
// small-text and scikit-learn go into a venv in .work/peers-venv (git-ignored), made on the first run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const list = (s) => s.split(",").filter(Boolean);
const range = (s) => (/^\d+-\d+$/.test(s) ? Array.from({ length: Number(s.split("-")[1]) - Number(s.split("-")[0]) + 1 }, (_, k) => Number(s.split("-")[0]) + k) : list(s).map(Number));

const sets = list(opt("sets", "uci,ag-news"));
const limit = Number(opt("limit", "4000"));
const startSeeds = range(opt("start-seeds", "1-3"));
const budgets = list(opt("budgets", "0.2,0.3,0.4,0.5")).map(Number);
const startFraction = Number(opt("start-fraction", "0.1"));
const testFraction = Number(opt("test-fraction", "0.2"));
const batchFraction = Number(opt("batch-fraction", "0.05"));
const folds = Number(opt("folds", "5"));
const repeats = Number(opt("repeats", "2")); // as `run` with an encoder under 250 labeled rows per class (src/loop/repeats.ts); docs/experiment.md's figures used 2
const fitRepeats = Number(opt("fit-repeats", "5"));
const tol = Number(opt("tol", "1e-9"));
const randomDraws = opt("random-draws", "shared");
const tfidfVectors = opt("vectors", "") === "tfidf";
const givenVectors = tfidfVectors ? {} : Object.fromEntries(list(opt("vectors", "")).map((kv) => kv.split("=")));
const out = resolve(opt("out", join(root, "bench-out", "peers")));
/** our query strategy -> small-text's that it is set beside */
const PEER_QUERY = { margin: "breaking-ties", diversity: "breaking-ties", random: "random" };
const queries = list(opt("queries", "margin,random"));
for (const q of queries) if (!PEER_QUERY[q]) {
  console.error(`bench-peers: --queries takes ${Object.keys(PEER_QUERY).join(", ")}, not ${q}`);
  process.exit(2);
}
const C = 1;
const MAX_ITER = Number(opt("max-iter", "1000"));
if (!(tol > 0) || !Number.isInteger(MAX_ITER) || MAX_ITER < 1 || !["shared", "own"].includes(randomDraws)) {
  console.error("bench-peers: --tol takes a positive number, --max-iter a whole number, --random-draws shared or own");
  process.exit(2);
}
if (!Number.isInteger(fitRepeats) || fitRepeats < 1) {
  console.error("bench-peers: --fit-repeats must be a whole number, 1 or more");
  process.exit(2);
}
if (startFraction >= Math.min(...budgets)) {
  console.error("bench-peers: --start-fraction must be below the smallest budget");
  process.exit(2);
}

const dist = (p) => import(join(root, "dist", p));
const { readManifest } = await dist("manifest/read.js");
const { goldRows } = await dist("experiment/cell-data.js");
const { carveTestSplit, drawStart } = await dist("experiment/split.js");
const { crossFit } = await dist("calibration/cross-fit.js");
const { createStrategy } = await dist("strategies/index.js");
const { trainHeadExact } = await dist("encoder-head/train-exact.js");
const { headProba } = await dist("encoder-head/model.js");

/**
 * Our side's head: al-label's own L-BFGS fit (src/encoder-head/train-exact.ts) on scikit-learn's
 * objective and stopping rule. LogisticRegression(C) with lbfgs minimizes the mean log loss +
 * |W|^2 / (2 C n) (intercepts free; sklearn/linear_model/_linear_loss.py divides by n) and hands scipy's
 * L-BFGS-B gtol = tol on that objective's gradient and ftol = 64 x machine epsilon on its relative
 * decrease: here l2 = 1 / (2 C n), gradientTolerance --tol, relativeTolerance 64 eps.
 */
/** Rows `idx` of X as the head reads them. */
function rowsAt(X, dim, idx) {
  return { rows: idx.length, dim, read: (r, out) => out.set(X.subarray(idx[r] * dim, idx[r] * dim + dim)) };
}
function fitHead(X, dim, idx, y, K) {
  const n = idx.length;
  return trainHeadExact(rowsAt(X, dim, idx), Int32Array.from(idx, (i) => y[i]), K, { l2: 1 / (2 * C * n), maxIterations: MAX_ITER, stop: { gradientTolerance: tol, relativeTolerance: 64 * Number.EPSILON } });
}
function predictHead(w, X, dim, idx) {
  return headProba(w, rowsAt(X, dim, idx));
}
/** The head as a ClassifierFactory for the loop's cross-fitting: a "text" is "#<row>" and names a row of X. */
function headFactory(X, dim) {
  const row = (t) => Number(t.slice(1));
  return {
    describe: () => `logistic regression (C=${C}, al-label's L-BFGS) on ${dim}-d vectors`,
    create: () => {
      let w = null;
      return {
        async fit(texts, labels, numLabels) {
          const idx = texts.map(row);
          const y = new Int32Array(X.length / dim);
          idx.forEach((i, k) => (y[i] = labels[k]));
          w = fitHead(X, dim, idx, y, numLabels);
        },
        predictProba: (texts) => predictHead(w, X, dim, texts.map(row)),
        async save() {},
        dispose() {
          w = null;
        },
      };
    },
  };
}

const shared = [resolve(root, "..", "shared", "datasets"), resolve(root, "..", "..", "shared", "datasets")].find(existsSync);
const SETS = { uci: "uci-news-aggregator/uci_news_5publishers.csv", "ag-news": "ag-news/ag_news_test.csv" };
if (!shared) {
  console.error("bench-peers: ../shared/datasets (or ../../shared/datasets) is missing");
  process.exit(2);
}
mkdirSync(out, { recursive: true });

/** The venv with small-text 1.4.1 and scikit-learn, made once. */
function python() {
  const venv = join(root, ".work", "peers-venv");
  const py = join(venv, "bin", "python");
  const ok = existsSync(py) && spawnSync(py, ["-c", "import small_text, sklearn"], { encoding: "utf8" }).status === 0;
  if (!ok) {
    console.error(`bench-peers: installing small-text 1.4.1 and scikit-learn into ${venv}`);
    const steps = [["python3", ["-m", "venv", venv]], [join(venv, "bin", "pip"), ["install", "-q", "small-text==1.4.1", "scikit-learn"]]];
    for (const [cmd, a] of steps) {
      const r = spawnSync(cmd, a, { stdio: "inherit" });
      if (r.status !== 0) process.exit(r.status ?? 1);
    }
  }
  return py;
}
const py = python();
const peersPy = join(root, "scripts", "peers", "small_text_peers.py");

function runPy(a) {
  const r = spawnSync(py, [peersPy, ...a], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`small_text_peers.py ${a[0]} failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

/** The corpus as a manifest (scripts/make-manifest.mjs, gold field "gold"), read as the experiment reads it. */
async function load(name) {
  const manifest = join(out, name, `${name}.jsonl`);
  if (!existsSync(manifest)) {
    const r = spawnSync(process.execPath, [join(root, "scripts", "make-manifest.mjs"), join(shared, SETS[name]), "--out", manifest, "--seed", "1", "--limit", String(limit)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
  }
  return goldRows(await readManifest({ path: manifest, labelAttribute: "category", goldField: "gold" }));
}

/**
 * The vectors both sides learn from: the shipped static encoder's (unit length, as it writes them) by
 * default; `--vectors tfidf` for tf-idf reduced to 256 dimensions (LSA) by scikit-learn; or
 * `--vectors set=file.f32,...` for vectors computed elsewhere.
 */
async function vectors(name, g) {
  let file = givenVectors[name];
  let source = `given (${file})`;
  if (!file && tfidfVectors) {
    file = join(out, name, "tfidf-lsa256.f32");
    source = "tf-idf, 256-d LSA";
    if (!existsSync(file)) {
      const texts = join(out, name, "texts.json");
      writeFileSync(texts, JSON.stringify(g.text));
      runPy(["featurize", texts, file, "--dim", "256"]);
    }
  } else if (!file) {
    const { loadEncoder } = await dist("encoders/load.js");
    const { encodeTexts } = await dist("encoders/text-vectors.js");
    const encoder = await loadEncoder("default");
    const encoded = await encodeTexts(encoder, g.text, { cache: null });
    const { data, dim } = encoded.dense(g.text);
    const unit = 1 / Math.sqrt(dim); // dense() scales unit vectors by sqrt(dim), as the head reads them
    for (let i = 0; i < data.length; i++) data[i] *= unit;
    file = join(out, name, "encoder-default.f32");
    writeFileSync(file, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    source = `the shipped static encoder (${encoder.name}, ${dim}-d)`;
  }
  const buf = readFileSync(file);
  const X = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const dim = X.length / g.text.length;
  if (!Number.isInteger(dim)) throw new Error(`${file}: ${X.length} floats is not a whole number of rows for ${g.text.length} rows`);
  return { X, dim, file, source };
}

/** al-label's loop in learning-curve mode with the logistic-regression head: the test points, and the rows each round picked (positions in the pool). */
async function ours(X, dim, y, K, pool, test, start, batch, budgetCounts, strategyName, seed) {
  const factory = headFactory(X, dim);
  const strategy = createStrategy(strategyName);
  const human = [...start];
  const points = [];
  const batches = [];
  const poolPosition = new Map(pool.map((r, k) => [r, k]));
  let lastRound = null;
  const todo = [...budgetCounts].sort((a, b) => a - b);
  let round = 0;
  while (todo.length > 0) {
    if (human.length >= todo[0]) {
      todo.shift();
      // one model fit, timed --fit-repeats times on each side: the median
      let model = null;
      const times = [];
      for (let k = 0; k < fitRepeats; k++) {
        const t0 = performance.now();
        model = fitHead(X, dim, human, y, K);
        times.push((performance.now() - t0) / 1000);
      }
      const fitSeconds = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
      const p = predictHead(model, X, dim, test);
      let right = 0;
      test.forEach((r, i) => {
        let best = 0;
        for (let k = 1; k < K; k++) if (p[i * K + k] > p[i * K + best]) best = k;
        if (best === y[r]) right++;
      });
      points.push({ human: human.length, testAccuracy: right / test.length, fitSeconds, roundSeconds: lastRound });
      continue;
    }
    round++;
    const t0 = performance.now();
    const labeled = new Set(human);
    const unlabeled = pool.filter((r) => !labeled.has(r));
    const cf = await crossFit(factory, { texts: human.map((r) => `#${r}`), labels: Int32Array.from(human, (r) => y[r]) }, K, { folds, repeats, seed: seed * 1000 + round }, { texts: unlabeled.map((r) => `#${r}`), rowIds: unlabeled }, { texts: [], labels: new Int32Array(0) });
    const n = Math.min(batch, todo[0] - human.length);
    // the diversity strategy clusters the encoder's vectors of the candidates, as the loop gives them
    const vectors = () => {
      const data = new Float32Array(unlabeled.length * dim);
      unlabeled.forEach((r, k) => data.set(X.subarray(r * dim, r * dim + dim), k * dim));
      return { data, dim };
    };
    // the round's model, as the loop fits and saves one each round: the query strategy asks it
    const model = fitHead(X, dim, human, y, K);
    const probs = predictHead(model, X, dim, unlabeled);
    const picked = strategy.select({ probs, numLabels: K, count: unlabeled.length, seed: seed * 1000 + round, vectors }, n);
    for (const j of picked) human.push(unlabeled[j]);
    batches.push(picked.map((j) => poolPosition.get(unlabeled[j])));
    lastRound = (performance.now() - t0) / 1000;
  }
  return { points, batches };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Mean of paired differences (ours minus theirs, per start seed) in points, with its standard error. */
function pairedDifference(rs) {
  const d = rs.map((r) => 100 * (r.ours.testAccuracy - r.theirs.testAccuracy));
  const m = mean(d);
  if (d.length < 2) return `${m >= 0 ? "+" : ""}${m.toFixed(2)}`;
  const se = Math.sqrt(d.reduce((a, x) => a + (x - m) ** 2, 0) / (d.length - 1) / d.length);
  return `${m >= 0 ? "+" : ""}${m.toFixed(2)} ± ${se.toFixed(2)}`;
}
/** Whether two batches (positions in the pool) hold the same rows: ours in the strategy's order, theirs sorted. */
const sameRows = (ours, theirs) => ours.length === theirs.length && [...ours].sort((a, b) => a - b).every((r, k) => r === theirs[k]);
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const secs = (x) => (x == null ? "–" : x < 0.1 ? x.toFixed(3) : x.toFixed(2));
const all = [];
/** per data set and query: rounds in which both sides asked about the same rows (up to the first that differs), of all rounds */
const alike = new Map();
for (const name of sets) {
  if (!SETS[name]) throw new Error(`unknown set ${name}; known: ${Object.keys(SETS).join(", ")}`);
  const g = await load(name);
  const { X, dim, file, source } = await vectors(name, g);
  const y = g.gold.map((l) => g.labels.indexOf(l));
  const K = g.labels.length;
  const rows = g.gold.map((_, i) => i);
  for (const seed of startSeeds) {
    const split = carveTestSplit(rows, testFraction, seed);
    const start = drawStart(split.pool, startFraction, seed);
    const batch = Math.max(1, Math.floor(batchFraction * split.pool.length));
    const budgetCounts = budgets.map((b) => Math.round(b * split.pool.length));
    // our side first: with --random-draws shared, small-text's learner is handed our random strategy's draws
    const mine = new Map();
    for (const q of queries) mine.set(q, await ours(X, dim, y, K, split.pool, split.test, start, batch, budgetCounts, q, seed));
    const randomBatches = randomDraws === "shared" && mine.has("random") ? mine.get("random").batches : null;
    const task = join(out, name, `task-${seed}.json`);
    writeFileSync(task, JSON.stringify({ vectors: file, dim, y, pool: split.pool, test: split.test, start, batchSize: batch, budgets: budgetCounts, numLabels: K, strategies: ["breaking-ties", "random"], seed, C, maxIter: MAX_ITER, tol, fitRepeats, randomBatches }));
    const theirs = runPy(["learn", task]);
    for (const q of queries) {
      // rounds in which both sides asked people about the same rows, up to the first that differs
      const theirBatches = theirs.batches[PEER_QUERY[q]];
      const ourBatches = mine.get(q).batches;
      let sameRounds = 0;
      while (sameRounds < ourBatches.length && sameRows(ourBatches[sameRounds], theirBatches[sameRounds])) sameRounds++;
      console.error(`bench-peers: ${name}, start seed ${seed}, ${q}: the same rows asked in the first ${sameRounds} of ${ourBatches.length} rounds`);
      const tally = alike.get(`${name} ${q}`) ?? { same: 0, rounds: 0, seeds: 0, allSame: 0 };
      alike.set(`${name} ${q}`, { same: tally.same + sameRounds, rounds: tally.rounds + ourBatches.length, seeds: tally.seeds + 1, allSame: tally.allSame + (sameRounds === ourBatches.length ? 1 : 0) });
      mine.get(q).points.forEach((p, i) => all.push({ set: name, rows: g.rows.length, seed, query: q, budget: budgets[i], ours: p, theirs: theirs.strategies[PEER_QUERY[q]][i], source, smallText: theirs.version }));
    }
    console.error(`bench-peers: ${name}, start seed ${seed} done`);
  }
}
writeFileSync(join(out, "peers.json"), `${JSON.stringify(all, null, 1)}\n`);

console.log(`Vectors: ${[...new Set(all.map((r) => `${r.set}: ${r.source}`))].join("; ")}. Head: logistic regression, C=${C}, at most ${MAX_ITER} L-BFGS iterations, tol ${tol} (scikit-learn's LogisticRegression; al-label's encoder head fitted on the same objective and stopping rule). Random queries: ${randomDraws === "shared" ? "small-text's learner handed our random strategy's draws" : "each side its own generator"}. small-text ${all[0]?.smallText}. Means over start seeds ${startSeeds.join(", ")}.`);
console.log("");
console.log("| data set | rows | query | human labels | test accuracy: al-label | small-text | difference, points (± s.e.) | one fit s: al-label | small-text | one round s: al-label (cross-fits) | small-text |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const name of sets)
  for (const query of queries)
    for (const b of budgets) {
      const rs = all.filter((r) => r.set === name && r.query === query && r.budget === b);
      if (rs.length === 0) continue;
      const m = (f) => mean(rs.map(f).filter((v) => v != null));
      const q = PEER_QUERY[query] === query ? query : `${query} / ${PEER_QUERY[query]}`;
      console.log(`| ${name} | ${rs[0].rows} | ${q} | ${pct(b)} | ${pct(m((r) => r.ours.testAccuracy))} | ${pct(m((r) => r.theirs.testAccuracy))} | ${pairedDifference(rs)} | ${secs(m((r) => r.ours.fitSeconds))} | ${secs(m((r) => r.theirs.fitSeconds))} | ${secs(m((r) => r.ours.roundSeconds))} | ${secs(m((r) => r.theirs.roundSeconds))} |`);
    }
console.log("");
for (const [key, t] of alike) console.log(`- ${key}: the two sides asked people about the same rows in ${t.same} of ${t.rounds} rounds (counted up to each start seed's first round that differs); in every round with ${t.allSame} of ${t.seeds} start seeds.`);
