import { describe, expect, it } from "vitest";
import type { ClassifierFactory, TextClassifier } from "../../../src/classifiers/types.js";
import { trainRound, type TrainRoundInput } from "../../../src/loop/train-round.js";
import { createStrategy } from "../../../src/strategies/index.js";
import { wilsonInterval } from "../../../src/calibration/wilson.js";

/** "<label>@<confidence>#<n>": predicts <label> with that probability, whatever it was trained on. */
const oracle: ClassifierFactory = {
  describe: () => "oracle",
  create(): TextClassifier {
    return {
      async fit() {},
      predictProba(texts) {
        const out = new Float32Array(texts.length * 2);
        texts.forEach((t, i) => {
          const [label, conf] = (t.split("#")[0] as string).split("@").map(Number) as [number, number];
          out[i * 2 + label] = conf;
          out[i * 2 + 1 - label] = 1 - conf;
        });
        return out;
      },
      async save() {},
      dispose() {},
    };
  },
};

/**
 * The SMS case of issue 18: every calibration row ham (0), predicted ham at 0.99999 and right; the pool
 * holds ham rows and spam rows (1), all predicted at 0.99999.
 */
function allHamAllRight(over: Partial<TrainRoundInput> = {}): TrainRoundInput {
  const texts: string[] = [];
  const humanRows: number[] = [];
  for (let i = 0; i < 80; i++) {
    texts.push(`0@0.99999#${i}`);
    humanRows.push(i);
  }
  const pool: number[] = [];
  for (let i = 0; i < 300; i++) {
    texts.push(`${i < 260 ? 0 : 1}@0.99999#p${i}`);
    pool.push(80 + i);
  }
  return {
    texts,
    humanRows,
    humanLabels: new Int32Array(80),
    calibrates: new Set(humanRows),
    selfTraining: false,
    machineRows: [],
    machineLabels: new Int32Array(0),
    pool,
    reviseMachineLabels: true,
    estimatePenalty: 0,
    skipped: new Set(),
    numLabels: 2,
    ledger: { labels: 0, correct: 0, variance: 0 },
    targetAccuracy: 0.9,
    confidenceLevel: 0.95,
    batchSize: 20,
    auditRate: 0,
    strategy: createStrategy("margin"),
    folds: 5,
    repeats: 1,
    seed: 1,
    round: 3,
    ...over,
  };
}

describe("honest confidences (issue 18, item 4)", () => {
  it("a class with no calibration rows gets no threshold and no machine label", async () => {
    // the spam rows were labeled by people, but none calibrates (chosen because the model was unsure)
    const input = allHamAllRight();
    input.texts = [...input.texts, "1@0.6#h0", "1@0.6#h1"];
    input.humanRows = [...input.humanRows, 380, 381];
    input.humanLabels = Int32Array.from([...input.humanLabels, 1, 1]);
    const r = await trainRound(input, oracle);
    expect(r.auto.length).toBeGreaterThan(0);
    expect(r.auto.every((a) => a.label === 0)).toBe(true);
    expect(Object.keys(r.choice.thresholds)).toEqual(["0"]);
  });

  it("no temperature is fitted on calibration rows of one class with no errors: T = 1", async () => {
    const r = await trainRound(allHamAllRight(), oracle);
    expect(r.temperature).toBe(1);
  });

  it("the written confidence is the calibrated estimate: below 1, within its bin's interval", async () => {
    const r = await trainRound(allHamAllRight(), oracle);
    expect(r.auto.length).toBeGreaterThan(0);
    const high = wilsonInterval(80, 80, 0.95).high;
    for (const a of r.auto) {
      expect(a.confidence).toBeLessThan(1);
      expect(a.confidence).toBeLessThanOrEqual(high);
      expect(a.confidence).toBeCloseTo(80.5 / 81, 9); // the bin's Jeffreys-shrunk accuracy
      expect(a.p).toBe(1); // the accuracy promise sums the bin's share of right answers, 80 of 80
      expect(a.score).toBeCloseTo(0.99999, 5); // the model's own probability, kept to order labels
    }
  });

});
