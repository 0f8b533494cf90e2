import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { run } from "../../src/cli/commands/run.js";
import type { ClassifierFactory, TextClassifier } from "../../src/classifiers/types.js";
import { quiet } from "../helpers/fixture-run.js";
import { tempDir } from "../helpers/temp-dir.js";

/** A model that is never sure (so nothing is machine-labeled) and counts its fits. */
function countingFactory(fits: { n: number }): ClassifierFactory {
  return {
    describe: () => "unsure",
    create(): TextClassifier {
      return {
        async fit() {
          fits.n++;
        },
        predictProba: (texts) => new Float32Array(texts.length * 2).fill(0.5),
        async save() {},
        dispose() {},
      };
    },
  };
}

/** Model fits in one round of `run` on 60 rows, 20 of them labeled, with these flags. */
async function fitsInOneRound(flags: Record<string, unknown>): Promise<number> {
  const dir = await tempDir("al-label-repeats-");
  const manifest = join(dir, "m.jsonl");
  const rows = Array.from({ length: 60 }, (_, i) => ({ source: `row ${i} ${i % 2 === 0 ? "alpha" : "beta"}`, ...(i < 20 ? { category: i % 2 === 0 ? "a" : "b" } : {}) }));
  await writeFile(manifest, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  const fits = { n: 0 };
  const { exitCode } = await run(manifest, { ...quiet, factory: countingFactory(fits), folds: 2, pseudoLabels: false, batchSize: 5, ...flags });
  expect(exitCode).toBe(3); // one round, then waiting for people
  return fits.n;
}

describe("cross-fitting repetitions by default", () => {
  it("are 2 with an encoder, 3 with --encoder none, and --repeats overrides both", async () => {
    const withEncoder = await fitsInOneRound({});
    const none = await fitsInOneRound({ encoder: "none" });
    // 2 folds a repetition: a third repetition is 2 more fold models
    expect(none - withEncoder).toBe(2);
    expect((await fitsInOneRound({ repeats: 3 })) - withEncoder).toBe(2);
    expect(withEncoder - (await fitsInOneRound({ repeats: 1 }))).toBe(2);
    expect(await fitsInOneRound({ encoder: "none", repeats: 1 })).toBe(await fitsInOneRound({ repeats: 1 }));
  });
});
