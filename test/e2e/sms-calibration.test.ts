import { describe, expect, it } from "vitest";
import { copyFile, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { run } from "../../src/cli/commands/run.js";
import { loadState } from "../../src/state/store.js";
import { TEMPERATURE_MIN_ERRORS } from "../../src/calibration/temperature.js";
import { PINNED_CLOCK, readJsonl } from "../helpers/fixture-run.js";
import { nullReporter } from "../../src/report/reporter.js";
import { tempDir } from "../helpers/temp-dir.js";

/**
 * The 400-row SMS case of issue 18 (item 4): `node scripts/make-manifest.mjs sms_spam.csv --limit 400`
 * (fixtures/manifests/sms-400.jsonl). Spam is rare, so late rounds calibrate on rows that are nearly all
 * ham and nearly all right: the case where an unguarded temperature fit ran to T = 0.05 and wrote
 * confidence 1 on wrong labels, and a spam threshold was set with no spam calibration row.
 */
const FIXTURE = resolve(import.meta.dirname, "../../fixtures/manifests/sms-400.jsonl");

describe("honest confidences on the 400-row SMS manifest", () => {
  it("every round: thresholds only for calibrated classes, T = 1 unless the rows can fit it, confidences the calibrated estimate", async () => {
    const dir = await tempDir("al-label-sms-");
    const manifest = join(dir, "sms.jsonl");
    await copyFile(FIXTURE, manifest);
    await copyFile(FIXTURE.replace(/\.jsonl$/, ".labels.json"), join(dir, "sms.labels.json"));
    const { exitCode, result } = await run(manifest, { reporter: nullReporter, clock: PINNED_CLOCK, labels: join(dir, "sms.labels.json"), simulateHumans: "gold", repeats: 1 });
    expect([0, 4]).toContain(exitCode);
    const state = (await loadState(join(dir, "sms.jsonl.al-label")))!;
    const trained = state.rounds.filter((r) => r.kind === "train");
    expect(trained.length).toBeGreaterThan(0);
    for (const r of trained) {
      const m = r.confusion as number[][];
      const labeled = m.map((row) => row.reduce((a, b) => a + b, 0));
      const predicted = m[0]!.map((_, c) => m.reduce((a, row) => a + row[c]!, 0));
      const errors = m.reduce((acc, row, i) => acc + row.reduce((a, v, j) => a + (i === j ? 0 : v), 0), 0);
      // a class is machine-labeled only with calibration rows people labeled with it and the model predicted as it
      for (const name of Object.keys(r.thresholds ?? {})) {
        const c = state.labels.indexOf(name);
        expect(labeled[c]).toBeGreaterThan(0);
        expect(predicted[c]).toBeGreaterThan(0);
      }
      if (errors < TEMPERATURE_MIN_ERRORS || labeled.filter((n) => n > 0).length < 2) expect(r.temperature).toBe(1);
      expect(r.temperature).toBeGreaterThan(0.2);
    }
    expect(result.machine).toBeGreaterThan(0);
    for (const m of Object.values(state.machine)) {
      expect(m.confidence).toBeLessThan(1);
      expect(m.confidence).toBeLessThanOrEqual(m.p as number);
    }
    if (exitCode === 0) {
      const out = await readJsonl(join(dir, "sms.jsonl.al-label", "output.jsonl"));
      const machine = out.filter((o) => (o["category-metadata"] as Record<string, unknown>)["human-annotated"] === "no");
      expect(machine.length).toBe(result.machine);
      for (const o of machine) expect((o["category-metadata"] as { confidence: number }).confidence).toBeLessThan(1);
      // wrong machine labels say less than certainty too
      const wrong = machine.filter((o) => (o["category-metadata"] as Record<string, unknown>)["class-name"] !== o.gold);
      for (const o of wrong) expect((o["category-metadata"] as { confidence: number }).confidence).toBeLessThan(0.999);
    }
    await readFile(manifest); // the input is left in place
  });
});
