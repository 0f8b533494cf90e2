import { describe, expect, it } from "vitest";
import { fitTemperature, scaledAt, scaledTopClass } from "../../../src/calibration/temperature.js";

describe("scaledAt", () => {
  it("leaves probabilities alone at T = 1 and flattens them as T grows", () => {
    const row = [0.8, 0.15, 0.05];
    expect(scaledAt(row, 1, 0)).toBeCloseTo(0.8, 9);
    expect(scaledAt(row, 2, 0)).toBeLessThan(0.8);
    expect(scaledAt(row, 0.5, 0)).toBeGreaterThan(0.8);
    // T = 2: sqrt(0.8) / (sqrt(0.8) + sqrt(0.15) + sqrt(0.05))
    expect(scaledAt(row, 2, 0)).toBeCloseTo(0.894427 / (0.894427 + 0.387298 + 0.223607), 5);
  });
});

describe("fitTemperature", () => {
  it("finds T > 1 for an overconfident model and T < 1 for an underconfident one", () => {
    // says 0.99 but is right 70% of the time
    const over = new Float32Array(200);
    const overLabels: number[] = [];
    for (let r = 0; r < 100; r++) {
      over[r * 2] = 0.99;
      over[r * 2 + 1] = 0.01;
      overLabels.push(r < 70 ? 0 : 1);
    }
    expect(fitTemperature(over, overLabels, 2)).toBeGreaterThan(1.5);
    // says 0.6 but is always right
    const under = new Float32Array(200);
    for (let r = 0; r < 100; r++) {
      under[r * 2] = 0.6;
      under[r * 2 + 1] = 0.4;
    }
    expect(fitTemperature(under, new Array(100).fill(0), 2)).toBeLessThan(0.2);
  });
  it("lands where the scaled confidence matches the accuracy", () => {
    const probs = new Float32Array(200);
    const labels: number[] = [];
    for (let r = 0; r < 100; r++) {
      probs[r * 2] = 0.95;
      probs[r * 2 + 1] = 0.05;
      labels.push(r < 80 ? 0 : 1);
    }
    const t = fitTemperature(probs, labels, 2);
    expect(scaledAt([0.95, 0.05], t, 0)).toBeCloseTo(0.8, 3);
  });
});

describe("scaledTopClass", () => {
  it("keeps each row's class, returns the raw probability at T = 1, and reorders rows of three classes under T < 1", () => {
    const probs = Float32Array.from([0.6, 0.4, 0, 0.5, 0.25, 0.25, 0.1, 0.2, 0.7]);
    const raw = scaledTopClass(probs, 3, 1);
    expect(Array.from(raw.label)).toEqual([0, 0, 2]);
    expect(Array.from(raw.confidence)).toEqual([probs[0], probs[3], probs[8]]);
    const sharp = scaledTopClass(probs, 3, 0.25);
    expect(Array.from(sharp.label)).toEqual([0, 0, 2]);
    expect(raw.confidence[0]!).toBeGreaterThan(raw.confidence[1]!);
    expect(sharp.confidence[1]!).toBeGreaterThan(sharp.confidence[0]!);
    expect(sharp.confidence[0]!).toBeCloseTo(scaledAt([0.6, 0.4, 0], 0.25, 0), 6);
  });
});

describe("scaledTopClass when it sharpens", () => {
  it("keeps apart confidences that float32 would round to the same 1", () => {
    const probs = new Float32Array(40);
    probs.set([0.999, ...new Array(19).fill(0.001 / 19)], 0);
    probs.set([0.9999, ...new Array(19).fill(0.0001 / 19)], 20);
    const sharp = scaledTopClass(probs, 20, 0.35);
    expect(Math.fround(sharp.confidence[0]!)).toBe(1);
    expect(Math.fround(sharp.confidence[1]!)).toBe(1);
    expect(sharp.confidence[0]!).toBeLessThan(sharp.confidence[1]!);
    expect(sharp.confidence[1]!).toBeLessThan(1);
  });
});
