// Data and model helpers shared by scripts/bench-gpu.mjs and its CPU worker (gpu-bench-cpu.mjs).
import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse";
import { mulberry32 } from "./random.mjs";

export const UCI = "uci-news-aggregator/uci_news_5publishers.csv";

/** UCI News rows { text, label, split } from the datasets folder, or null when the file is missing. */
export async function readUci(datasets) {
  const path = join(datasets, UCI);
  if (!existsSync(path)) return null;
  const rows = [];
  for await (const r of createReadStream(path).pipe(parse({ columns: true, bom: true }))) rows.push({ text: r.text, label: r.label, split: r.split });
  return rows;
}

/** The train and held-out (test) splits as { texts, labels: Int32Array } with the sorted label names. */
export function splits(rows) {
  const names = [...new Set(rows.map((r) => r.label))].sort();
  const pick = (split) => {
    const rs = rows.filter((r) => r.split === split);
    return { texts: rs.map((r) => r.text), labels: Int32Array.from(rs, (r) => names.indexOf(r.label)) };
  };
  return { names, train: pick("train"), test: pick("test") };
}

/** One seeded edit of a headline, as bench:scale makes its copies: drop a word, swap two neighbours, or repeat a word at the end. */
export function perturb(text, rand) {
  const words = text.split(" ");
  const kind = words.length < 2 ? 2 : Math.floor(rand() * 3);
  const at = Math.floor(rand() * words.length);
  if (kind === 0) words.splice(at, 1);
  else if (kind === 1) {
    const j = Math.min(at, words.length - 2);
    [words[j], words[j + 1]] = [words[j + 1], words[j]];
  } else words.push(words[at]);
  return words.join(" ");
}

/** n headlines: the corpus' texts, then copies with one seeded edit each (seed: n, as bench:scale). */
export function headlines(base, n) {
  const rand = mulberry32(n);
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = i < base.length ? base[i].text : perturb(base[i % base.length].text, rand);
  return out;
}

export function accuracy(probs, labels, k) {
  let right = 0;
  for (let r = 0; r < labels.length; r++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[r * k + c] > probs[r * k + best]) best = c;
    if (best === labels[r]) right++;
  }
  return right / labels.length;
}

/**
 * A transformer encoder over `tf`'s active backend: the project's own (dist/encoders/transformer/load.js,
 * runtime "tfjs", when built) if it loads the folder, else scripts/lib/bert-lite.mjs. Returns { impl, encoder }
 * where encoder.encode(texts) gives row-major vectors and encoder.dim their length.
 */
export async function openEncoder(root, tf, dir, { batchSize, maxLength }) {
  const own = join(root, "dist/encoders/transformer/load.js");
  if (existsSync(own)) {
    try {
      const { loadTransformerEncoder } = await import(own);
      // tokens per batch: room for batchSize headlines of up to 48 tokens (batches are grouped by length)
      const encoder = await loadTransformerEncoder(dir, { runtime: "tfjs", tf, batchSize, tokenBudget: batchSize * 48, maxLength });
      return { impl: `al-label transformer encoder (${encoder.runtime})`, encoder };
    } catch (err) {
      console.error(`the project's transformer encoder did not load ${dir} (${String(err?.message ?? err).split("\n")[0]}); using scripts/lib/bert-lite.mjs`);
    }
  }
  const { loadBertLite } = await import("./bert-lite.mjs");
  return { impl: "scripts/lib/bert-lite.mjs (plain TF.js BERT)", encoder: await loadBertLite(tf, dir, { batchSize, maxLength }) };
}

/**
 * Encodes texts in chunks until done or `deadline` (ms, performance.now()): { rows, seconds, tokenizeSeconds }.
 * With an encoder that tokenizes separately (bert-lite), the next chunk is tokenized while the GPU works
 * on this one; `tokenizeSeconds` is all tokenization time, overlapped or not.
 */
export async function timedEncode(encoder, texts, { chunk = 50_000, deadline = Infinity, log = () => undefined } = {}) {
  const started = performance.now();
  let rows = 0, tokenizeMs = 0;
  const tokenizer = encoder.tokenize ? (part) => {
    const t0 = performance.now();
    const got = encoder.tokenize(part);
    tokenizeMs += performance.now() - t0;
    return got;
  } : null;
  let nextTokens = tokenizer ? tokenizer(texts.slice(0, chunk)) : undefined;
  for (let s = 0; s < texts.length && performance.now() < deadline; s += chunk) {
    const part = texts.slice(s, s + chunk);
    const pre = nextTokens;
    const upcoming = texts.slice(s + chunk, s + 2 * chunk);
    const ahead = [];
    const step = 1024;
    const whileGpuWorks = tokenizer ? () => {
      if (ahead.length < upcoming.length) ahead.push(...tokenizer(upcoming.slice(ahead.length, ahead.length + step)));
    } : undefined;
    await encoder.encode(part, undefined, pre, whileGpuWorks);
    if (tokenizer && ahead.length < upcoming.length) ahead.push(...tokenizer(upcoming.slice(ahead.length)));
    nextTokens = ahead;
    rows += part.length;
    log(rows, (performance.now() - started) / 1000);
  }
  return { rows, seconds: (performance.now() - started) / 1000, tokenizeSeconds: tokenizeMs / 1000 };
}
