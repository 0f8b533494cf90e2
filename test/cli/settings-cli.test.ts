import { describe, expect, it } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { cli, FAST, smallFixtures } from "../helpers/cli.js";
import { snapshotDir } from "../helpers/dir-snapshot.js";

const state = async (workdir: string) => JSON.parse(await readFile(join(workdir, "state.json"), "utf8"));

describe("settings stick across runs (built CLI; issue 18 item 1)", () => {
  it("a later plain run uses the stored settings: the model and target accuracy the work dir was started with", async () => {
    const dir = await smallFixtures(["uci-300.jsonl"]);
    const first = cli(["run", "uci-300.jsonl", "--model", "fasttext", "--target-accuracy", "0.995", "--json"], { cwd: dir });
    expect(first.status).toBe(3);
    const plain = cli(["run", "uci-300.jsonl", "--json"], { cwd: dir });
    expect(plain.status).toBe(3);
    expect(JSON.parse(plain.stdout).model).toMatch(/\bfasttext\b/);
    expect((await state(join(dir, "uci-300.jsonl.al-label"))).settings).toMatchObject({ model: "fasttext", targetAccuracy: 0.995 });
  });

  it("a contradicting flag is refused with exit 2, naming setting, stored and given values and --reconfigure, and changes no file", async () => {
    const dir = await smallFixtures(["uci-300.jsonl"]);
    expect(cli(["run", "uci-300.jsonl", "--target-accuracy", "0.995"], { cwd: dir }).status).toBe(3);
    const workdir = join(dir, "uci-300.jsonl.al-label");
    const before = await snapshotDir(workdir);
    const r = cli(["run", "uci-300.jsonl", "--target-accuracy", "0.9"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--target-accuracy 0.9");
    expect(r.stderr).toContain("targetAccuracy 0.995");
    expect(r.stderr).toContain("--reconfigure");
    expect(await snapshotDir(workdir)).toEqual(before);
  });

  it("--reconfigure takes the new value and records the change with its round; threads change with a warning", async () => {
    const dir = await smallFixtures(["uci-300.jsonl"]);
    expect(cli(["run", "uci-300.jsonl"], { cwd: dir }).status).toBe(3);
    const r = cli(["run", "uci-300.jsonl", "--target-accuracy", "0.9", "--reconfigure", "--threads", "2"], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/--threads 2 .*last digits/);
    const s = await state(join(dir, "uci-300.jsonl.al-label"));
    expect(s.settings).toMatchObject({ targetAccuracy: 0.9, threads: 2 });
    expect(s.settingChanges).toEqual([
      expect.objectContaining({ setting: "targetAccuracy", from: 0.95, to: 0.9, how: "reconfigure", round: 1 }),
      expect.objectContaining({ setting: "threads", from: 1, to: 2, how: "warning", round: 1 }),
    ]);
  });

  it("a work dir made before settings were stored is asked for them once (exit 2 with the command), then goes on", async () => {
    const dir = await smallFixtures(["uci-300.jsonl"]);
    expect(cli(["run", "uci-300.jsonl", "--seed", "5"], { cwd: dir }).status).toBe(3);
    const workdir = join(dir, "uci-300.jsonl.al-label");
    const s = await state(workdir);
    delete s.settings;
    await writeFile(join(workdir, "state.json"), `${JSON.stringify(s)}\n`);
    const asked = cli(["run", "uci-300.jsonl"], { cwd: dir });
    expect(asked.status).toBe(2);
    expect(asked.stderr).toContain("seed 5");
    expect(asked.stderr).toMatch(/al-label run \S*uci-300\.jsonl --reconfigure/);
    expect(JSON.parse(cli(["status", "uci-300.jsonl", "--json"], { cwd: dir }).stdout)).toMatchObject({ settings: null, note: expect.stringMatching(/predates stored settings/) });
    expect(cli(["run", "uci-300.jsonl", "--reconfigure"], { cwd: dir }).status).toBe(3);
    expect((await state(workdir)).settings).toMatchObject({ seed: 5, model: "dense+nb" });
    expect(cli(["run", "uci-300.jsonl"], { cwd: dir }).status).toBe(3);
  });

  it('repeats: a new work dir stores "auto" and each round records what it used; one that stored them unset goes on with 2 (encoder) or 3 (none)', async () => {
    const dir = await smallFixtures(["uci-300.jsonl"]);
    const workdir = join(dir, "uci-300.jsonl.al-label");
    // a bootstrap round, then a trained one
    expect(cli(["run", "uci-300.jsonl", "--simulate-humans", "gold", "--max-rounds", "2"], { cwd: dir }).status).toBe(4);
    const s = await state(workdir);
    expect(s.settings.repeats).toBe("auto");
    // 64 labeled rows of 4 classes: fewer than 250 a class, so 2
    expect(s.rounds.at(-1)).toMatchObject({ kind: "train", repeats: 2 });
    // as the versions of 2026-12-01 and -02 stored it: the rule, not its number
    s.settings.repeats = null;
    await writeFile(join(workdir, "state.json"), `${JSON.stringify(s)}\n`);
    const again = cli(["run", "uci-300.jsonl", "--repeats", "2", "--simulate-humans", "gold", "--max-rounds", "1"], { cwd: dir });
    expect(again.status, again.stderr).toBe(4);
    expect((await state(workdir)).rounds.at(-1)).toMatchObject({ kind: "train", repeats: 2 });
    expect((await state(workdir)).settings.repeats).toBe(2);
    expect(cli(["run", "uci-300.jsonl", "--repeats", "1"], { cwd: dir }).status).toBe(2);

    const none = await smallFixtures(["uci-300.jsonl"]);
    const noneDir = join(none, "uci-300.jsonl.al-label");
    expect(cli(["run", "uci-300.jsonl", "--encoder", "none", "--simulate-humans", "gold", "--max-rounds", "2"], { cwd: none }).status).toBe(4);
    const n = await state(noneDir);
    expect(n.settings.repeats).toBe("auto");
    expect(n.rounds.at(-1)).toMatchObject({ kind: "train", repeats: 3 });
    n.settings.repeats = null;
    await writeFile(join(noneDir, "state.json"), `${JSON.stringify(n)}\n`);
    // the flag left out: the work dir's own encoder (none) decides
    expect(cli(["run", "uci-300.jsonl", "--simulate-humans", "gold", "--max-rounds", "1"], { cwd: none }).status).toBe(4);
    const after = await state(noneDir);
    expect(after.settings.repeats).toBe(3);
    expect(after.rounds.at(-1)).toMatchObject({ repeats: 3 });
  });

  it("the exit-3 message and status print the exact next command", async () => {
    const dir = await smallFixtures(["uci-300.jsonl"]);
    const r = cli(["run", "uci-300.jsonl", "--queue", "q.jsonl"], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stdout).toContain(`then: al-label run ${join(dir, "uci-300.jsonl")} --queue ${join(dir, "q.jsonl")}`);
    const st = cli(["status", "uci-300.jsonl", "--queue", "q.jsonl"], { cwd: dir });
    expect(st.stdout).toContain(`al-label run ${join(dir, "uci-300.jsonl")} --queue ${join(dir, "q.jsonl")}`);
  });
});

describe("CSV runs (built CLI; issue 18 items 1, 2, 9, 13)", () => {
  it("status agrees with run on a finished CSV run with --label-column, and input-labeled rows come out like every other row", async () => {
    const dir = await smallFixtures();
    const r = cli(["run", "uci-300.csv", "--label-column", "label", "--simulate-humans", "gold", ...FAST, "--json"], { cwd: dir });
    expect(r.status).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ status: "complete", inputLabeled: 49, unlabeled: 0 });
    const st = JSON.parse(cli(["status", "uci-300.csv", "--json"], { cwd: dir }).stdout);
    expect(st).toMatchObject({ schemaVersion: 2, complete: true, unlabeled: 0, people: { input: 49 } });
    expect(st.people.total + st.machine).toBe(300);
    const out = (await readFile(run.output, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    const inputLabeled = out[2];
    expect(inputLabeled.label).toBe("entertainment");
    expect(inputLabeled.category).toBe(1);
    expect(inputLabeled["category-metadata"]).toMatchObject({ "class-name": "entertainment", "human-annotated": "yes", confidence: 1 });
    // a resumed plain run keeps the label column: nothing is withdrawn or queued anew
    const again = cli(["run", "uci-300.csv", "--labels", "business,entertainment,health,science_technology", "--json"], { cwd: dir });
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: "complete", inputLabeled: 49, human: run.human, machine: run.machine });
  });

  it("a CSV with a label column and no --label-column is refused with exit 2 naming the flag, before any work dir", async () => {
    const dir = await smallFixtures();
    const r = cli(["run", "uci-300.csv", "--simulate-humans", "gold"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--label-column");
    expect(existsSync(join(dir, "uci-300.csv.al-label"))).toBe(false);
  });

  it('--label-column "" leaves a label column out on purpose, and that choice sticks too', async () => {
    const dir = await smallFixtures();
    const r = cli(["run", "uci-300.csv", "--label-column", "", "--labels", "business,entertainment,health,science_technology", "--json"], { cwd: dir });
    expect(r.status).toBe(3);
    expect(JSON.parse(r.stdout).inputLabeled).toBe(0);
    expect(cli(["run", "uci-300.csv", "--json"], { cwd: dir }).status).toBe(3);
    expect(cli(["run", "uci-300.csv", "--label-column", "label"], { cwd: dir }).status).toBe(2);
  });

  it("run prints one summary line", async () => {
    const dir = await smallFixtures(["uci-300.jsonl"]);
    const r = cli(["run", "uci-300.jsonl"], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stdout).toMatch(/rows 300: human \d+ .*machine \d+/);
  });
});

describe("work dir names (built CLI; issue 18 item 14)", () => {
  it("pp2.csv and pp2.jsonl in one folder get work dirs of their own", async () => {
    const dir = await smallFixtures(["uci-300.csv", "uci-300.jsonl"]);
    expect(cli(["run", "uci-300.csv", "--label-column", "label"], { cwd: dir }).status).toBe(3);
    expect(cli(["run", "uci-300.jsonl"], { cwd: dir }).status).toBe(3);
    expect((await state(join(dir, "uci-300.csv.al-label"))).manifest.path).toBe(join(dir, "uci-300.csv"));
    expect((await state(join(dir, "uci-300.jsonl.al-label"))).manifest.path).toBe(join(dir, "uci-300.jsonl"));
  });

  it("an existing pp2.al-label made for the manifest is still found and used, by run and status; not by the other manifest", async () => {
    const dir = await smallFixtures(["uci-300.csv", "uci-300.jsonl"]);
    expect(cli(["run", "uci-300.csv", "--label-column", "label", "--workdir", "uci-300.al-label"], { cwd: dir }).status).toBe(3);
    const r = cli(["run", "uci-300.csv", "--json"], { cwd: dir });
    expect(r.status).toBe(3);
    expect(JSON.parse(r.stdout).queue).toBe(join(dir, "uci-300.al-label", "queue.jsonl"));
    expect(existsSync(join(dir, "uci-300.csv.al-label"))).toBe(false);
    expect(JSON.parse(cli(["status", "uci-300.csv", "--json"], { cwd: dir }).stdout).workdir).toBe(join(dir, "uci-300.al-label"));
    expect(cli(["run", "uci-300.jsonl"], { cwd: dir }).status).toBe(3);
    expect(existsSync(join(dir, "uci-300.jsonl.al-label", "state.json"))).toBe(true);
  });
});
