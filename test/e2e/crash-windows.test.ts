import { beforeAll, describe, expect, it } from "vitest";
import { appendFile, mkdir, readFile, rm, writeFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/commands/run.js";
import { IoError } from "../../src/errors.js";
import { groundTruthDate } from "../../src/util/clock.js";
import type { WorkState } from "../../src/state/types.js";
import { fixtureCopy, quiet, PINNED_CLOCK } from "../helpers/fixture-run.js";

/**
 * The moments a kill -9 can land in, made on purpose instead of by timing: each work dir below is what
 * a kill at that moment leaves, and the next run must end with the uninterrupted run's output.
 */
const LABELS = ["business", "entertainment", "health", "science_technology"];
const DEAD_PID = 2 ** 22 + 777; // above Linux's largest pid_max: never a live process
let reference: string;
let referenceJournal: number;

const wd = (dir: string): string => join(dir, "uci.jsonl.al-label");
const readState = async (dir: string): Promise<WorkState> => JSON.parse(await readFile(join(wd(dir), "state.json"), "utf8")) as WorkState;
const journalLines = async (dir: string): Promise<string[]> => (await readFile(join(wd(dir), "answers.jsonl"), "utf8")).split("\n").filter((l) => l !== "");

beforeAll(async () => {
  const { dir, manifest } = await fixtureCopy();
  expect((await run(manifest, { ...quiet, simulateHumans: "gold" })).exitCode).toBe(0);
  reference = await readFile(join(wd(dir), "output.jsonl"), "utf8");
  referenceJournal = (await journalLines(dir)).length;
});

describe("a run resumed after a kill at a given moment ends with the uninterrupted output", () => {
  it("killed after answers were journaled but before the state took them: they are taken from the journal, not asked or journaled again", async () => {
    const { dir, manifest } = await fixtureCopy();
    // round 1 saved with its tasks waiting (what the state holds just before answers are taken)
    expect((await run(manifest, { ...quiet, maxRounds: 1 })).exitCode).toBe(3);
    const state = await readState(dir);
    const gold = (await readFile(manifest, "utf8")).split("\n").filter((l) => l).map((l) => (JSON.parse(l) as { gold: string }).gold);
    const at = groundTruthDate(PINNED_CLOCK());
    const entries = state.pending.map((t) => ({ taskId: t.taskId, rowId: t.rowId, round: t.round, label: LABELS.indexOf(gold[t.rowId]!), annotator: "simulated:gold", answeredAt: at, simulated: true }));
    await writeFile(join(wd(dir), "answers.jsonl"), `${entries.map((e) => JSON.stringify(e)).join("\n")}\n`);

    expect((await run(manifest, { ...quiet, simulateHumans: "gold" })).exitCode).toBe(0);
    expect(await readFile(join(wd(dir), "output.jsonl"), "utf8")).toBe(reference);
    const ids = (await journalLines(dir)).map((l) => (JSON.parse(l) as { taskId: string }).taskId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(referenceJournal);
  });

  it("killed mid-write: a torn journal line, half-written temporary files and a stale lock are all survived and cleared", async () => {
    const { dir, manifest } = await fixtureCopy();
    expect((await run(manifest, { ...quiet, simulateHumans: "gold", maxRounds: 2 })).exitCode).toBe(4);
    const w = wd(dir);
    await appendFile(join(w, "answers.jsonl"), '{"taskId":"r3-000012","rowId":12,"rou');
    await writeFile(join(w, `.state.json.${DEAD_PID}.1795435200000.tmp`), '{"schemaVersion":1,"manif');
    await writeFile(join(w, `.output.jsonl.${DEAD_PID}.tmp`), '{"source":"half');
    await writeFile(join(w, "lock"), JSON.stringify({ pid: DEAD_PID, host: hostname(), since: "2026-11-23T12:00:00.000Z" }));

    expect((await run(manifest, { ...quiet, simulateHumans: "gold" })).exitCode).toBe(0);
    expect(await readFile(join(w, "output.jsonl"), "utf8")).toBe(reference);
    const files = await readdir(w);
    expect(files.filter((f) => f.endsWith(".tmp") || f === "lock")).toEqual([]);
  });

  it("state.json lost: the rounds are played again and every answer comes from answers.jsonl, with no one asked", async () => {
    const { dir, manifest } = await fixtureCopy();
    expect((await run(manifest, { ...quiet, simulateHumans: "gold" })).exitCode).toBe(0);
    await rm(join(wd(dir), "state.json"));
    await rm(join(wd(dir), "output.jsonl"));
    await rm(join(wd(dir), "models"), { recursive: true });
    // no --simulate-humans: the answers can only come from the journal
    const again = await run(manifest, quiet);
    expect(again.exitCode).toBe(0);
    expect(await readFile(join(wd(dir), "output.jsonl"), "utf8")).toBe(reference);
    expect(await journalLines(dir)).toHaveLength(referenceJournal);
  });
});

describe("a write that fails", () => {
  it("stops with an I/O error (exit 74) that says the state is intact, and the same command continues once the cause is gone", async () => {
    const { dir, manifest } = await fixtureCopy();
    expect((await run(manifest, { ...quiet, simulateHumans: "gold", maxRounds: 1 })).exitCode).toBe(4);
    const w = wd(dir);
    const stateBefore = await readFile(join(w, "state.json"));
    const journalBefore = await readFile(join(w, "answers.jsonl"));
    // the next round's model folder cannot be created (as with a full disk or a read-only folder)
    await mkdir(join(w, "models"), { recursive: true });
    await writeFile(join(w, "models", "round-2"), "in the way");

    const err = await run(manifest, { ...quiet, simulateHumans: "gold" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IoError);
    expect((err as IoError).exitCode).toBe(74);
    expect((err as IoError).message).toMatch(/^Could not mkdir .*models\/round-2 \(EEXIST\)\. .*state\.json holds the last step that finished and was not damaged; fix the cause and run the same command again to continue\.$/);
    expect(await readFile(join(w, "state.json"))).toEqual(stateBefore);
    expect(await readFile(join(w, "answers.jsonl"))).toEqual(journalBefore);
    expect(existsSync(join(w, "lock"))).toBe(false);

    await rm(join(w, "models", "round-2"));
    expect((await run(manifest, { ...quiet, simulateHumans: "gold" })).exitCode).toBe(0);
    expect(await readFile(join(w, "output.jsonl"), "utf8")).toBe(reference);
  });
});
