import { describe, expect, it } from "vitest";
import { confidentLabels, drawPseudoLabels } from "../../../src/calibration/pseudo-labels.js";
import type { TextClassifier } from "../../../src/classifiers/types.js";
import { createRng, sampleIndices } from "../../../src/util/random.js";

describe("sampleIndices", () => {
  it("draws distinct indices in range, at most n, the same for the same seed", () => {
    const a = sampleIndices(100, 30, createRng(5));
    expect(new Set(a).size).toBe(30);
    expect(a.every((i) => Number.isInteger(i) && i >= 0 && i < 100)).toBe(true);
    expect(sampleIndices(100, 30, createRng(5))).toEqual(a);
    expect(sampleIndices(100, 30, createRng(6))).not.toEqual(a);
    expect([...sampleIndices(7, 50, createRng(1))].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sampleIndices(0, 5, createRng(1))).toEqual([]);
  });

  it("draws every index about equally often", () => {
    const counts = new Array(10).fill(0);
    for (let s = 0; s < 2000; s++) for (const i of sampleIndices(10, 3, createRng(s))) counts[i]++;
    for (const c of counts) expect(c).toBeGreaterThan(500); // 600 expected
  });
});

describe("confidentLabels", () => {
  it("keeps rows whose top class reaches the confidence, with that class", () => {
    const probs = Float32Array.from([0.95, 0.05, 0.2, 0.8, 0.5, 0.5, 0.02, 0.98]);
    expect(confidentLabels(probs, 2, 0.9)).toEqual({ rows: [0, 3], labels: [0, 1] });
    expect(confidentLabels(probs, 2, 0.8).rows).toEqual([0, 1, 3]);
  });
});

/** Predicts class 1 for texts holding "yes", class 0 otherwise, sure only of texts that start with "sure". */
const keywordModel: TextClassifier = {
  async fit() {},
  predictProba(texts) {
    const out = new Float32Array(texts.length * 2);
    texts.forEach((t, i) => {
      const p = t.startsWith("sure") ? 0.97 : 0.6;
      const cls = t.includes("yes") ? 1 : 0;
      out[i * 2 + cls] = p;
      out[i * 2 + 1 - cls] = 1 - p;
    });
    return out;
  },
  async save() {},
  dispose() {},
};

describe("drawPseudoLabels", () => {
  const texts = Array.from({ length: 200 }, (_, k) => `${k % 2 === 0 ? "sure" : "maybe"} ${k % 3 === 0 ? "yes" : "no"} ${k}`);

  it("draws drawPerTrainingRow x training rows and keeps the confident ones with their predicted labels", () => {
    const drawn = drawPseudoLabels(keywordModel, texts.length, (k) => texts[k] as string, 25, 2, { confidence: 0.9, drawPerTrainingRow: 2 }, 3);
    expect(drawn.texts.length).toBeGreaterThan(0);
    expect(drawn.texts.length).toBeLessThan(50); // 50 drawn, about half of them sure
    expect(drawn.texts.every((t) => t.startsWith("sure"))).toBe(true);
    drawn.texts.forEach((t, i) => expect(drawn.labels[i]).toBe(t.includes("yes") ? 1 : 0));
    expect(new Set(drawn.texts).size).toBe(drawn.texts.length);
    expect(drawPseudoLabels(keywordModel, texts.length, (k) => texts[k] as string, 25, 2, { confidence: 0.9, drawPerTrainingRow: 2 }, 3)).toEqual(drawn);
  });

  it("draws every row when there are fewer than asked for", () => {
    const drawn = drawPseudoLabels(keywordModel, texts.length, (k) => texts[k] as string, 1000, 2, { confidence: 0.5, drawPerTrainingRow: 2 }, 3);
    expect(drawn.texts).toHaveLength(200);
  });
});
