// Times each query strategy on synthetic candidates (default: count=10,000, dim=20, n=1,333, 5 labels).
// Needs a build first (npx tsc -p tsconfig.json). Usage: node scripts/bench-strategies.mjs [count] [dim] [n]
import { performance } from "node:perf_hooks";
import { createRng } from "../dist/util/random.js";
import { STRATEGY_NAMES, createStrategy } from "../dist/strategies/index.js";

const [count = 10_000, dim = 20, n = 1_333] = process.argv.slice(2).map(Number);
const numLabels = 5;
const rng = createRng(42);
// probabilities: a softmax of random logits; vectors: 50 topics plus noise (clusters, like text), and
// uniform noise (no structure) as the worst case
const probs = new Float32Array(count * numLabels);
for (let r = 0; r < count; r++) {
  const logits = Array.from({ length: numLabels }, () => rng.next() * 4);
  const z = logits.reduce((s, l) => s + Math.exp(l), 0);
  logits.forEach((l, c) => (probs[r * numLabels + c] = Math.exp(l) / z));
}
const topics = Array.from({ length: 50 }, () => Array.from({ length: dim }, () => rng.next() * 2 - 1));
const clustered = new Float32Array(count * dim);
for (let r = 0; r < count; r++) {
  const t = topics[rng.int(topics.length)];
  for (let j = 0; j < dim; j++) clustered[r * dim + j] = t[j] + (rng.next() - 0.5) * 0.3;
}
// worst case for the distance pruning in k-means: structureless vectors
const uniform = Float32Array.from({ length: count * dim }, () => rng.next() * 2 - 1);

function time(name, vectors) {
  const ctx = { probs, numLabels, count, vectors: () => ({ data: vectors, dim }), seed: 7 };
  const strategy = createStrategy(name);
  strategy.select(ctx, n); // warm-up (JIT)
  const times = [];
  const cpu = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const picked = strategy.select(ctx, n);
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
    if (picked.length !== Math.min(n, count)) throw new Error(`${name} returned ${picked.length}`);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // CPU time too: on a shared machine the wall time also measures the neighbours
  return `wall median ${times[2].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[4].toFixed(1)}), CPU median ${cpu[2].toFixed(1)} ms`;
}

console.log(`count=${count} dim=${dim} n=${n} labels=${numLabels}`);
for (const name of STRATEGY_NAMES) console.log(`${name.padEnd(17)} ${time(name, clustered)}`);
console.log(`${"diversity/uniform".padEnd(17)} ${time("diversity", uniform)}`);
