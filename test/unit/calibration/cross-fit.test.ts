import { describe, expect, it } from "vitest";
import { crossFit, poolFold, stratifiedFolds } from "../../../src/calibration/cross-fit.js";
import type { ClassifierFactory, TextClassifier } from "../../../src/classifiers/types.js";

describe("stratifiedFolds", () => {
  it("deals each class evenly across folds, the same way for the same seed", () => {
    const labels = Int32Array.from([...Array(50).fill(0), ...Array(10).fill(1)]);
    const folds = stratifiedFolds(labels, 5, 7);
    for (let f = 0; f < 5; f++) {
      const rows = [...folds.keys()].filter((i) => folds[i] === f);
      expect(rows.filter((i) => labels[i] === 0)).toHaveLength(10);
      expect(rows.filter((i) => labels[i] === 1)).toHaveLength(2);
    }
    expect(Array.from(stratifiedFolds(labels, 5, 7))).toEqual(Array.from(folds));
    expect(Array.from(stratifiedFolds(labels, 5, 8))).not.toEqual(Array.from(folds));
  });
});

describe("poolFold", () => {
  it("spreads row ids over all folds", () => {
    const counts = new Array(5).fill(0);
    for (let id = 0; id < 5000; id++) counts[poolFold(id, 5, 3)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });
});

/** A model that memorises: it knows the labels it was trained on and is unsure about anything else. */
function memoriser(seen: string[][]): ClassifierFactory {
  return {
    describe: () => "memoriser",
    create(): TextClassifier {
      const known = new Map<string, number>();
      return {
        async fit(texts, labels) {
          texts.forEach((t, i) => known.set(t, labels[i] as number));
          seen.push(texts.slice());
        },
        predictProba(texts) {
          const out = new Float32Array(texts.length * 2);
          texts.forEach((t, i) => {
            const l = known.get(t);
            out[i * 2] = l === undefined ? 0.5 : l === 0 ? 1 : 0;
            out[i * 2 + 1] = l === undefined ? 0.5 : l === 1 ? 1 : 0;
          });
          return out;
        },
        async save() {},
        dispose() {},
      };
    },
  };
}

describe("crossFit", () => {
  it("never scores a labeled row with a model that trained on it", async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `t${i}`);
    const labels = Int32Array.from(texts, (_, i) => i % 2);
    const seen: string[][] = [];
    const fit = await crossFit(memoriser(seen), { texts, labels }, 2, { folds: 4, repeats: 2, seed: 1 }, { texts: ["p0", "t3"], rowIds: [100, 101] }, { texts: [], labels: new Int32Array(0) });
    // a memoriser that never saw a row answers 0.5: every out-of-fold row must be 0.5
    expect(Array.from(fit.oof).every((p) => p === 0.5)).toBe(true);
    expect(seen).toHaveLength(8); // 4 folds x 2 repeats
    // the pool row "t3" repeats labeled row t3 (class 1): fold models that trained on it lean to 1
    expect(fit.pool[3]).toBeGreaterThan(0.5);
    expect(fit.pool[2]! + fit.pool[3]!).toBeCloseTo(1, 6);
    expect(fit.pool[0]).toBe(0.5);
  });

  it("adds the extra rows to every fold's training set", async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const labels = Int32Array.from(texts, (_, i) => i % 2);
    const seen: string[][] = [];
    await crossFit(memoriser(seen), { texts, labels }, 2, { folds: 2, repeats: 1, seed: 1 }, { texts: [], rowIds: [] }, { texts: ["m0"], labels: Int32Array.from([1]) });
    // with extra rows each fold trains twice: once to relabel the extras, once with them
    expect(seen.filter((s) => s.includes("m0"))).toHaveLength(2);
  });

  it("with pseudo-labels, trains each fold again on its held-out rows and the pool alike, never on their human labels", async () => {
    // Texts "x<k>" say their class by their first letter after x: a model that saw any row of a letter is
    // sure of the others. The exception "xa-odd" is labeled 1 by people although its letter says 0.
    const texts = [...Array.from({ length: 12 }, (_, k) => `xa${k}`), ...Array.from({ length: 12 }, (_, k) => `xb${k}`), "xa-odd"];
    const labels = Int32Array.from(texts, (t) => (t === "xa-odd" || t.startsWith("xb") ? 1 : 0));
    const pool = { texts: ["xa-p1", "xb-p2", "zz-p3"], rowIds: [100, 101, 102] };
    const fits: string[][] = [];
    const peopleRows: (number | undefined)[] = [];
    const factory: ClassifierFactory = {
      describe: () => "letter model",
      create(): TextClassifier {
        const memory = new Map<string, number>();
        const letters = new Map<string, number>();
        return {
          async fit(trainTexts, trainLabels, _numLabels, options) {
            fits.push(trainTexts.slice());
            peopleRows.push(options?.peopleRows);
            trainTexts.forEach((t, i) => {
              memory.set(t, trainLabels[i] as number);
              if (!letters.has(t[1] as string)) letters.set(t[1] as string, trainLabels[i] as number);
            });
          },
          predictProba(batch) {
            const out = new Float32Array(batch.length * 2).fill(0.5);
            batch.forEach((t, i) => {
              const l = memory.get(t) ?? letters.get(t[1] as string);
              if (l === undefined) return;
              out[i * 2 + l] = 0.95;
              out[i * 2 + 1 - l] = 0.05;
            });
            return out;
          },
          async save() {},
          dispose() {},
        };
      },
    };
    const fit = await crossFit(factory, { texts, labels }, 2, { folds: 5, repeats: 1, seed: 2, pseudoLabels: { confidence: 0.9, drawPerTrainingRow: 10 } }, pool, { texts: [], labels: new Int32Array(0) });
    expect(fits).toHaveLength(10); // each of 5 folds fits twice
    const odd = texts.indexOf("xa-odd");
    // its fold's model learned it as an "a" row from its pseudo-label, never from the people's 1
    expect(fit.oof[odd * 2]).toBeCloseTo(0.95, 6);
    for (let f = 0; f < 5; f++) {
      const [first, second] = [fits[2 * f] as string[], fits[2 * f + 1] as string[]];
      const added = second.slice(first.length);
      const heldOut = texts.filter((t) => !first.includes(t));
      // everything drawn (all rows, at 10 per training row) that the first model was sure of: the
      // held-out rows and the pool's "a" and "b" rows, not the unknown "zz" row
      expect(new Set(added)).toEqual(new Set([...heldOut, "xa-p1", "xb-p2"]));
      // the second fit says which rows people labeled (the encoder head learns from those alone)
      expect(peopleRows[2 * f + 1]).toBe(first.length);
    }
  });

  it("without pseudo-labels, fits each fold once", async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const seen: string[][] = [];
    await crossFit(memoriser(seen), { texts, labels: Int32Array.from(texts, (_, i) => i % 2) }, 2, { folds: 4, repeats: 1, seed: 1, pseudoLabels: null }, { texts: ["p"], rowIds: [7] }, { texts: [], labels: new Int32Array(0) });
    expect(seen).toHaveLength(4);
  });
});
