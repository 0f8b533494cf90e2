import { describe, expect, it } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { run } from "../../src/cli/commands/run.js";
import { fixtureCopy, quiet, readJsonl } from "../helpers/fixture-run.js";

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

describe("al-label run on the 2,000-row UCI fixture", () => {
  it("labels every row with simulated humans, keeping input keys, order and valid metadata", async () => {
    const { dir, manifest } = await fixtureCopy();
    const { exitCode, result } = await run(manifest, { ...quiet, simulateHumans: "gold" });
    expect(exitCode).toBe(0);
    expect(result.status).toBe("complete");
    expect(result.unlabeled).toBe(0);
    const input = await readJsonl(manifest);
    const output = await readJsonl(join(dir, "uci.jsonl.al-label", "output.jsonl"));
    expect(output).toHaveLength(input.length);
    let machine = 0;
    let machineRight = 0;
    output.forEach((row, i) => {
      for (const [k, v] of Object.entries(input[i]!)) expect(row[k]).toEqual(v);
      const meta = row["category-metadata"] as Record<string, unknown>;
      expect(Number.isInteger(row.category)).toBe(true);
      expect(meta.type).toBe("groundtruth/text-classification");
      // rows labeled in the input pass through untouched, with their own job name
      expect(meta["job-name"]).toBe(input[i]!.category === undefined ? "labeling-job/uci" : "labeling-job/uci-2000");
      expect(meta["creation-date"]).toMatch(DATE);
      expect(["yes", "no"]).toContain(meta["human-annotated"]);
      if (meta["human-annotated"] === "no") {
        machine++;
        if (meta["class-name"] === row.gold) machineRight++;
        expect(meta.confidence as number).toBeGreaterThan(0);
        expect(meta.confidence as number).toBeLessThanOrEqual(1);
      } else {
        expect(meta["class-name"]).toBe(row.gold); // simulated people answer with the gold label
      }
    });
    expect(machine).toBe(result.machine);
    expect(result.human + result.machine).toBe(2000);
    if (machine > 0) expect(machineRight / machine).toBeGreaterThanOrEqual(0.9);
  });

  it("without simulated humans, writes a queue and exits 3; filled answers are taken in by the next run", async () => {
    const { dir, manifest } = await fixtureCopy();
    const first = await run(manifest, quiet);
    expect(first.exitCode).toBe(3);
    const queuePath = join(dir, "uci.jsonl.al-label", "queue.jsonl");
    const [header, ...tasks] = await readJsonl(queuePath);
    expect(header).toMatchObject({ schemaVersion: 1, kind: "al-label/queue", tasks: 100 });
    expect(tasks).toHaveLength(100); // --batch-size defaults to 5% of rows
    const gold = (await readJsonl(manifest)).map((r) => r.gold);
    for (const t of tasks) {
      expect(t).toMatchObject({ answer: null, labels: ["business", "entertainment", "health", "science_technology"] });
      expect(typeof t.text).toBe("string");
      expect(t.suggestion).toHaveProperty("confidence");
    }
    const answered = tasks.map((t) => JSON.stringify({ ...t, answer: gold[t.rowId as number] }));
    await writeFile(queuePath, `${JSON.stringify(header)}\n${answered.join("\n")}\n`);
    const second = await run(manifest, quiet);
    expect(second.result.human).toBe(first.result.human + 100);
    expect(second.result.answerProblems).toEqual([]);
    const journal = (await readFile(join(dir, "uci.jsonl.al-label", "answers.jsonl"), "utf8")).trim().split("\n");
    expect(journal).toHaveLength(100);
  });

  it("gives byte-identical output for the same input and seed", async () => {
    const a = await fixtureCopy();
    const b = await fixtureCopy();
    await run(a.manifest, { ...quiet, simulateHumans: "gold", seed: 7 });
    await run(b.manifest, { ...quiet, simulateHumans: "gold", seed: 7 });
    const outA = await readFile(join(a.dir, "uci.jsonl.al-label", "output.jsonl"), "utf8");
    const outB = await readFile(join(b.dir, "uci.jsonl.al-label", "output.jsonl"), "utf8");
    expect(outA).toBe(outB);
  });

  it("resumes from the work dir: a finished run run again changes nothing", async () => {
    const { dir, manifest } = await fixtureCopy();
    await run(manifest, { ...quiet, simulateHumans: "gold" });
    const before = await readFile(join(dir, "uci.jsonl.al-label", "output.jsonl"), "utf8");
    const again = await run(manifest, { ...quiet, simulateHumans: "gold" });
    expect(again.exitCode).toBe(0);
    expect(await readFile(join(dir, "uci.jsonl.al-label", "output.jsonl"), "utf8")).toBe(before);
  });
});
