#!/usr/bin/env node
// Kills `al-label run` with SIGKILL at seeded random moments, runs the same command again, and checks
// that every resumed run ends with an output byte-identical to an uninterrupted run with the same seed.
//   node scripts/kill-harness.mjs <manifest.jsonl> [--kills 20] [--per-trial 1] [--seed 1] [--out DIR] [--gold gold] [--contradict "--target-accuracy 0.9"] [--json]
// Before the final run of each trial, a run given a flag that contradicts the stored settings (--contradict,
// default "--target-accuracy 0.9"; "" for none) must be refused with exit 2 and change no file of the work dir.
// Build first (npx tsc -p tsconfig.json). The full figures in docs/reliability.md come from:
//   node scripts/make-manifest.mjs $AL_LABEL_DATASETS/uci-news-aggregator/uci_news_5publishers.csv --out /tmp/k/uci.jsonl
//   node scripts/kill-harness.mjs /tmp/k/uci.jsonl --kills 20
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { mulberry32 } from "./lib/random.mjs";

const BIN = resolve(fileURLToPath(import.meta.url), "../../bin/al-label.js");
/** Pins creation-date in the output, so two runs can be compared byte for byte. */
const EPOCH = "1795435200";


/** One `al-label run`; with killAfterMs, SIGKILLed then (if still running). */
export function runOnce(manifest, workdir, { gold = "gold", killAfterMs, extraArgs = [] } = {}) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, "run", manifest, "--workdir", workdir, "--simulate-humans", gold, "--json", ...extraArgs], {
      env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    let killed = false;
    const timer = killAfterMs === undefined ? null : setTimeout(() => (killed = child.kill("SIGKILL")), killAfterMs);
    child.on("error", fail);
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      done({ code, signal, killed: killed && signal === "SIGKILL", ms: performance.now() - started, stdout, stderr });
    });
  });
}

const sha256 = (buf) => createHash("sha256").update(buf).digest("hex");

/** What a kill left on disk: how far the saved state had got, and the litter. */
async function snapshot(workdir) {
  const files = existsSync(workdir) ? await readdir(workdir) : [];
  let rounds = null;
  let human = null;
  if (files.includes("state.json")) {
    const state = JSON.parse(await readFile(join(workdir, "state.json"), "utf8")); // must parse: written atomically
    rounds = state.rounds.length;
    human = Object.keys(state.human).length;
  }
  return { rounds, human, output: files.includes("output.jsonl"), lock: files.includes("lock"), temps: files.filter((f) => f.endsWith(".tmp")).length };
}

/** Every file under a folder with its sha256 and mtime, to show that a refused run changed nothing. */
async function fingerprintTree(dir, prefix = "") {
  const out = {};
  if (!existsSync(dir)) return out;
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, await fingerprintTree(path, `${prefix}${entry.name}/`));
    else out[`${prefix}${entry.name}`] = `${sha256(await readFile(path))} ${(await stat(path)).mtimeMs}`;
  }
  return out;
}

/**
 * A run given a flag that contradicts the work dir's stored settings: refused with exit 2 before it
 * writes anything. Skipped (null) where the kill came before the first state was saved: a new work
 * dir has no settings to contradict.
 */
async function contradictingRun(manifest, workdir, { gold, extraArgs, contradict }) {
  if (contradict.length === 0 || !existsSync(join(workdir, "state.json"))) return null;
  const before = await fingerprintTree(workdir);
  const r = await runOnce(manifest, workdir, { gold, extraArgs: [...extraArgs, ...contradict] });
  const after = await fingerprintTree(workdir);
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]);
  let json = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = null;
  }
  return { exit: r.code, changed, named: r.stderr.includes(contradict[0]), json };
}

/** Checks a finished work dir: answers journaled once each, all in the state, no lock, no temp files. */
async function checkWorkdir(workdir) {
  const problems = [];
  const files = await readdir(workdir);
  if (files.includes("lock")) problems.push("lock left behind");
  const temps = files.filter((f) => f.endsWith(".tmp") || f.includes(".stale."));
  if (temps.length) problems.push(`temporary files left: ${temps.join(", ")}`);
  const state = JSON.parse(await readFile(join(workdir, "state.json"), "utf8"));
  const journal = (await readFile(join(workdir, "answers.jsonl"), "utf8")).split("\n").filter((l) => l.trim() !== "");
  const ids = new Map();
  let torn = 0;
  for (const line of journal) {
    try {
      const e = JSON.parse(line);
      ids.set(e.taskId, (ids.get(e.taskId) ?? 0) + 1);
    } catch {
      torn++;
    }
  }
  const dup = [...ids.values()].filter((n) => n > 1).length;
  if (dup) problems.push(`${dup} task(s) journaled twice`);
  const stateTasks = Object.values(state.human).map((h) => h.taskId);
  const missing = stateTasks.filter((t) => !ids.has(t)).length;
  if (missing) problems.push(`${missing} human label(s) in the state but not in answers.jsonl`);
  return { problems, journalLines: journal.length, tornLines: torn };
}

/**
 * The experiment: one uninterrupted reference run, then `kills` SIGKILLs spread over trials of
 * `perTrial` kills each (each at a seeded random moment within the reference run's duration),
 * each trial ending with an uninterrupted run of the same command.
 */
export async function killTrials({ manifest, out, kills = 20, perTrial = 1, seed = 1, gold = "gold", extraArgs = [], contradict = ["--target-accuracy", "0.9"], log = () => {} }) {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const refDir = join(out, "reference");
  const ref = await runOnce(manifest, refDir, { gold, extraArgs });
  if (ref.code !== 0) throw new Error(`reference run failed (exit ${ref.code}): ${ref.stderr}`);
  const refOut = await readFile(join(refDir, "output.jsonl"));
  const refRows = refOut.toString("utf8").split("\n").filter((l) => l !== "").length;
  log(`reference: exit 0 in ${(ref.ms / 1000).toFixed(1)} s, ${refRows} rows, sha256 ${sha256(refOut).slice(0, 12)}`);
  const rand = mulberry32(seed);
  // kill moments are drawn over the run's duration; a run that ends before its kill (the machine was
  // faster than during the reference run) shrinks the range, and a single-kill trial draws again
  let horizon = ref.ms;
  const trials = [];
  for (let t = 0; t * perTrial < kills; t++) {
    const workdir = join(out, `trial-${t + 1}`);
    const shots = [];
    for (let k = 0; k < perTrial && t * perTrial + k < kills; k++) {
      for (let attempt = 1; ; attempt++) {
        const at = Math.round(rand() * horizon);
        const r = await runOnce(manifest, workdir, { gold, killAfterMs: at, extraArgs });
        const shot = { atMs: at, landed: r.killed, exit: r.code, attempt, left: await snapshot(workdir) };
        if (r.killed || perTrial > 1 || attempt === 3) {
          shots.push(shot);
          break;
        }
        if (k === 0 && shots.length === 0) horizon = Math.min(horizon, r.ms * 0.95);
        await rm(workdir, { recursive: true, force: true });
      }
    }
    const refused = await contradictingRun(manifest, workdir, { gold, extraArgs, contradict });
    const fin = await runOnce(manifest, workdir, { gold, extraArgs });
    const outPath = join(workdir, "output.jsonl");
    const got = existsSync(outPath) ? await readFile(outPath) : Buffer.alloc(0);
    const gotRows = got.toString("utf8").split("\n").filter((l) => l !== "");
    const refLines = refOut.toString("utf8").split("\n").filter((l) => l !== "");
    const differing = refLines.filter((l, i) => gotRows[i] !== l).length;
    const check = fin.code === 0 ? await checkWorkdir(workdir) : { problems: [`resumed run exited ${fin.code}: ${fin.stderr.trim()}`] };
    if (refused && refused.exit !== 2) check.problems.push(`the run with ${contradict.join(" ")} exited ${refused.exit}, not 2`);
    if (refused && refused.changed.length > 0) check.problems.push(`the refused run with ${contradict.join(" ")} changed ${refused.changed.join(", ")}`);
    if (refused && !refused.named) check.problems.push(`the refused run did not name ${contradict[0]}`);
    if (refused && refused.json?.status !== "error") check.problems.push(`the refused run with ${contradict.join(" ")} printed no JSON error object`);
    const trial = { trial: t + 1, shots, refusedExit: refused?.exit ?? null, resumeExit: fin.code, identical: got.equals(refOut), rowsLost: Math.max(0, refRows - gotRows.length), rowsDiffering: differing, ...check };
    trials.push(trial);
    const where = shots.map((s) => `${s.landed ? "killed" : "missed"} at ${s.atMs} ms (saved rounds ${s.left.rounds ?? "-"}, output ${s.left.output ? "yes" : "no"}, temps ${s.left.temps})`).join("; ");
    log(`trial ${t + 1}: ${where} -> ${refused ? `contradicting flag exit ${refused.exit}, ${refused.changed.length} file(s) changed; ` : ""}resumed exit ${fin.code}, output ${trial.identical ? "identical" : `DIFFERS (${differing} rows)`}${trial.problems.length ? `, problems: ${trial.problems.join("; ")}` : ""}`);
    await rm(workdir, { recursive: true, force: true });
  }
  const shots = trials.flatMap((t) => t.shots);
  return {
    manifest,
    rows: refRows,
    referenceSeconds: ref.ms / 1000,
    kills: shots.length,
    killsLanded: shots.filter((s) => s.landed).length,
    killsAfterSomeRounds: shots.filter((s) => s.landed && (s.left.rounds ?? 0) > 0).length,
    killsWithTempFiles: shots.filter((s) => s.landed && s.left.temps > 0).length,
    trials: trials.length,
    contradictionsRefused: trials.filter((t) => t.refusedExit === 2).length,
    identical: trials.filter((t) => t.identical).length,
    rowsLost: trials.reduce((n, t) => n + t.rowsLost, 0),
    rowsDiffering: trials.reduce((n, t) => n + t.rowsDiffering, 0),
    problems: trials.flatMap((t) => t.problems.map((p) => `trial ${t.trial}: ${p}`)),
    details: trials,
  };
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const manifest = args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--") && args[i - 1] !== "--json"));
  if (!manifest) {
    console.error("usage: node scripts/kill-harness.mjs <manifest.jsonl> [--kills 20] [--per-trial 1] [--seed 1] [--out DIR] [--gold gold] [--json]");
    process.exit(2);
  }
  if (!existsSync(BIN.replace(/bin\/al-label\.js$/, "dist/cli/main.js"))) {
    console.error("dist/ is missing: build first with npx tsc -p tsconfig.json");
    process.exit(2);
  }
  const json = args.includes("--json");
  const summary = await killTrials({
    manifest: resolve(manifest),
    out: resolve(opt("out", "/tmp/al-label-kill-harness")),
    kills: Number(opt("kills", "20")),
    perTrial: Number(opt("per-trial", "1")),
    seed: Number(opt("seed", "1")),
    gold: opt("gold", "gold"),
    contradict: (opt("contradict", "--target-accuracy 0.9") ?? "").split(" ").filter(Boolean),
    log: json ? () => {} : (line) => console.log(line),
  });
  if (json) console.log(JSON.stringify(summary));
  else {
    console.log(
      `\n${summary.killsLanded}/${summary.kills} kills landed (${summary.killsAfterSomeRounds} after at least one saved round, ${summary.killsWithTempFiles} left temporary files); ` +
        `${summary.identical}/${summary.trials} resumed outputs identical to the uninterrupted run; rows lost: ${summary.rowsLost}; rows differing: ${summary.rowsDiffering}; problems: ${summary.problems.length}`,
    );
  }
  process.exit(summary.identical === summary.trials && summary.problems.length === 0 && summary.rowsLost === 0 ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
